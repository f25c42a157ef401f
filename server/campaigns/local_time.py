"""Sending at a time in each reader's zone: "9:00 on Tuesday" means 9:00 where each reader is.

A campaign scheduled this way keeps the wall-clock time the user chose (``send_at`` in the
campaign's ``timezone``) and starts at the earliest of its readers' times (``starts_at``).
When it expands, each recipient's ``next_attempt_at`` is the chosen time in the contact's zone,
or in the campaign's zone for a contact without one, so the senders' claims (which take only
rows that are due) deliver each zone's readers at their own 9:00, over a day or so.

The zones are resolved here, in Python, once per zone rather than per contact: a zone the
database no longer knows, or one PostgreSQL spells differently, cannot fail the expansion.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from server.core import zones


def due_times(
    local: datetime, campaign_zone: str, names: Iterable[str | None]
) -> dict[str, datetime]:
    """Zone name → the UTC instant of the wall-clock time ``local`` there, for the campaign's
    zone and each of ``names`` that is a known zone (others get the campaign's time)."""
    result: dict[str, datetime] = {}
    for name in {campaign_zone, *(n for n in names if n)}:
        tz = zones.zone(name)
        if tz is None:
            continue
        try:
            result[name] = zones.wall_to_utc(local, tz)
        except OverflowError:
            # Within a day of the calendar's ends (only a hand-made request gets there): that
            # zone's readers get the campaign's time.
            continue
    return result


def due_for(name: str | None, due: dict[str, datetime], campaign_zone: str) -> datetime:
    """When a reader whose zone is ``name`` gets the campaign."""
    return due.get(name or campaign_zone) or due[campaign_zone]


def earliest(due: dict[str, datetime]) -> tuple[str, datetime]:
    """The zone whose readers come first, and their time."""
    name = min(due, key=lambda n: (due[n], n))
    return name, due[name]


def local_wall(send_at: datetime, campaign_zone: str) -> datetime:
    """The wall-clock time a campaign was scheduled for, from ``send_at`` (UTC) and its zone."""
    tz = zones.zone(campaign_zone)
    return send_at.astimezone(tz).replace(tzinfo=None) if tz is not None else send_at
