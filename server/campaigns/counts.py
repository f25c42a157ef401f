"""A campaign's recipient counts, read from the ``campaign_counts`` ledger.

Triggers on ``campaign_recipient`` append one row of deltas per statement that changed a
counted column (see ``models.campaigns.CampaignCounts``), so the sum of a campaign's rows is
exact at any moment, and reading it costs a few rows however many recipients there are: the
old way, counting every recipient row, scanned 100,000 rows ten times a second per campaign
while it sent. A read that finds many rows folds them into one (delete them, append their
sum, in one statement): a concurrent fold deletes disjoint rows, and rows not yet committed
are left for the next fold, so the sum never changes by folding.

``scan`` counts the recipient rows themselves: the reference the ledger must always equal.
"""

from __future__ import annotations

import uuid

from tortoise import connections

COUNTED = (
    "total",
    "queued",
    "sending",
    "sent",
    "delivered",
    "failed",
    "bounced",
    "opened",
    "clicked",
    "unsubscribed",
)

# More rows than this and a read folds them; a sending campaign appends a few per batch.
FOLD_ABOVE_ROWS = 64

_SUMS = ", ".join(f"coalesce(sum({name}), 0)::int AS {name}" for name in COUNTED)
_NAMES = ", ".join(COUNTED)

READ_SQL = (
    f"SELECT {_SUMS}, count(*)::int AS ledger_rows FROM campaign_counts WHERE campaign_id = $1"  # noqa: S608 - constant names
)

FOLD_SQL = f"""
WITH moved AS (DELETE FROM campaign_counts WHERE campaign_id = $1 RETURNING {_NAMES})
INSERT INTO campaign_counts (campaign_id, {_NAMES})
SELECT $1, {", ".join(f"sum({name})::int" for name in COUNTED)} FROM moved HAVING count(*) > 0
"""  # noqa: S608 - constant names

SCAN_SQL = """
SELECT count(*)::int AS total,
       count(*) FILTER (WHERE status = 'queued')::int AS queued,
       count(*) FILTER (WHERE status = 'sending')::int AS sending,
       count(sent_at)::int AS sent,
       count(delivered_at)::int AS delivered,
       count(*) FILTER (WHERE status = 'failed')::int AS failed,
       count(*) FILTER (WHERE status = 'bounced')::int AS bounced,
       count(opened_at)::int AS opened,
       count(clicked_at)::int AS clicked,
       count(unsubscribed_at)::int AS unsubscribed
FROM campaign_recipient WHERE campaign_id = $1
"""


async def read(campaign_id: uuid.UUID) -> dict[str, int]:
    """The campaign's counts; folds its ledger when it has grown."""
    conn = connections.get("default")
    _, rows = await conn.execute_query(READ_SQL, [campaign_id])
    row = dict(rows[0])
    if int(row.pop("ledger_rows")) > FOLD_ABOVE_ROWS:
        await fold(campaign_id)
    return {name: int(row[name]) for name in COUNTED}


async def fold(campaign_id: uuid.UUID) -> None:
    await connections.get("default").execute_query(FOLD_SQL, [campaign_id])


async def scan(campaign_id: uuid.UUID) -> dict[str, int]:
    """The counts from the recipient rows themselves (a full scan of the campaign's rows)."""
    _, rows = await connections.get("default").execute_query(SCAN_SQL, [campaign_id])
    return {name: int(rows[0][name]) for name in COUNTED}
