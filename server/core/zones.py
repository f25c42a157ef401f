"""IANA time zones: which names are known, and wall-clock times in them as UTC.

Campaigns are scheduled in a zone, and a contact may carry the zone its reader lives in (for
campaigns sent at a time in each reader's zone); both are checked against the same list.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


@cache
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_zone(name: str) -> bool:
    return name in known_zones()


@cache
def canonical_names() -> dict[str, str]:
    """Lower-cased name → the name as the database spells it, so an import's
    ``america/new_york`` is kept as ``America/New_York``."""
    return {name.lower(): name for name in known_zones()}


def canonical(name: str) -> str | None:
    """The known zone ``name`` means, whatever its case and surrounding spaces; None if none."""
    return canonical_names().get(name.strip().lower())


def zone(name: str) -> ZoneInfo | None:
    if not is_zone(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def wall_to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time (any offset on ``local`` is ignored) in ``tz``, as UTC. Raises
    OverflowError within a day of the calendar's ends."""
    return local.replace(tzinfo=tz).astimezone(UTC)
