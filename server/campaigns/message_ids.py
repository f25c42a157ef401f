"""A campaign message's ``Message-ID``: ``<c{campaign hex}.{contact hex}@{our domain}>``.

It is written once per recipient when the audience is expanded (``SQL``, inside the expansion's
INSERT) and stays the same for every attempt, so a receiver that sees a retried message twice
can drop the copy. A delivery report names the message by it; ``recipient_key`` reads the
campaign and contact back out of it, and the report finds the recipient through the unique
``(campaign_id, contact_id)`` index. A unique index on the Message-ID itself would say nothing
more (the pair is unique already) and cost every expanded recipient another insertion into a
B-tree of 70-byte keys: 15% of the expansion's database time (4.6 of 30 us per recipient).
"""

from __future__ import annotations

import re
import uuid


def sql(campaign: str, contact: str, domain: str) -> str:
    """The SQL expression for the Message-ID, from SQL expressions for the campaign's and the
    contact's uuid and for our domain."""
    return (
        f"'<c' || replace({campaign}::text, '-', '') || '.' || replace({contact}::text, '-', '')"
        f" || '@' || {domain} || '>'"
    )


_FORMAT = re.compile(r"<c([0-9a-f]{32})\.([0-9a-f]{32})@[^<>@\s]+>")


def recipient_key(message_id: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    """(campaign id, contact id) named by a campaign message's Message-ID, or None when it is
    not one of ours."""
    match = _FORMAT.fullmatch(message_id)
    if match is None:
        return None
    return uuid.UUID(match[1]), uuid.UUID(match[2])
