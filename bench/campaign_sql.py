"""The database's share of sending a campaign: claims and marks only, no SMTP, no rendering.

N = ``BENCH_CAMPAIGN_RECIPIENTS`` (default 100,000) recipients of one campaign are claimed in
batches of ``CAMPAIGN_BATCH_SIZE`` (the sender's claim statement, onwards from its cursor) and
marked sent in the sender's groups (three quarters of its mark limit, 4 x
``CAMPAIGN_CONCURRENCY``; the sender's mark statement), on one connection each as a sender
holds them (the claiming one set up as the sender sets it up). Reported: CPU seconds of the
two PostgreSQL backends (from /proc, so another load on the machine does not count), per
message and per connection, the number of statements and the wall time. A load-robust way
to compare schema and statement variants.

The recipient rows are claimed as a sender finds them right after expansion, with whatever
statistics the table had before (none on a fresh database), unless ``BENCH_ANALYZE=1`` runs
ANALYZE first (what autovacuum may have done by then).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg

from bench.campaign_send import make_audience
from bench.contacts_import import make_owner

ROOT = Path(__file__).resolve().parents[1]
N = int(os.environ.get("BENCH_CAMPAIGN_RECIPIENTS", "100000"))
BATCH = int(os.environ.get("CAMPAIGN_BATCH_SIZE", "50"))
CONCURRENCY = int(os.environ.get("CAMPAIGN_CONCURRENCY", "8"))
ANALYZE = os.environ.get("BENCH_ANALYZE") == "1"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICK


async def run() -> None:
    from models.accounts import Workspace
    from models.campaigns import Campaign, CampaignStatus
    from server.campaigns import sending
    from server.campaigns.service import audience_params
    from server.core.config import get_config
    from server.core.db import close_db, init_db

    await init_db()
    workspace = None
    try:
        _, workspace, _ = await make_owner()
        list_id = await make_audience(workspace.id)
        campaign = await Campaign.create(
            id=uuid.uuid4(),
            workspace_id=workspace.id,
            name="SQL bench",
            subject="Hello",
            audience={"list_ids": [str(list_id)]},
            status=CampaignStatus.sending,
        )
        url = get_config().database_url
        claims, marks = await asyncpg.connect(url), await asyncpg.connect(url)
        try:
            # Expanded as the expansion job does it, chunk after chunk.
            resume, size = sending.EXPAND_START, sending.EXPAND_FIRST_CHUNK
            while True:
                async with claims.transaction():
                    await claims.execute(sending.EXPAND_SESSION_SQL)
                    chunk = await claims.fetchrow(
                        sending.EXPAND_SQL,
                        *audience_params(workspace.id, campaign.audience),
                        campaign.id,
                        "bench.localhost",
                        *resume,
                        size,
                        "{}",  # no reader waits for a time of their own
                        None,
                    )
                assert chunk is not None
                if chunk["scanned"] < size:
                    break
                resume, size = (chunk["created_at"], chunk["id"]), sending.EXPAND_CHUNK
            # As the job ends it: the finish below then checks that nothing is left queued.
            await claims.execute(
                "UPDATE campaign SET expanded_at = now() WHERE id = $1", campaign.id
            )
            if ANALYZE:
                await claims.execute("ANALYZE campaign_recipient")
            await claims.execute(sending.CLAIM_SESSION_SQL)
            pids = [await c.fetchval("SELECT pg_backend_pid()") for c in (claims, marks)]
            before = [cpu_seconds(p) for p in pids]
            started = time.perf_counter()
            group = sending.mark_group(sending.mark_limit(CONCURRENCY))
            sender_id, after, done, statements = uuid.uuid4().hex, 0, 0, 0
            pending: asyncio.Task[None] | None = None
            # Marks are grouped as they come, across claims, as the sender's are.
            waiting: list[int] = []

            async def mark(ids: list[int]) -> None:
                nonlocal pending, statements
                if pending is not None:
                    await pending
                pending = asyncio.create_task(marks.execute(sending.MARK_SENT_SQL, ids, sender_id))
                statements += 1

            while True:
                rows = await claims.fetch(
                    sending.CLAIM_SQL, campaign.id, BATCH, 60.0, sender_id, after
                )
                statements += 1
                if not rows:
                    break
                after = max(r["id"] for r in rows)
                waiting += [r["id"] for r in rows]
                while len(waiting) >= group:
                    await mark(waiting[:group])
                    del waiting[:group]
                done += len(rows)
            if waiting:
                await mark(waiting)
            if pending is not None:
                await pending
            wall = time.perf_counter() - started
            used = [cpu_seconds(p) - b for p, b in zip(pids, before, strict=True)]
            cpu = sum(used)
            finished = await claims.execute(sending.FINISH_SQL, campaign.id)
        finally:
            await claims.close()
            await marks.close()
        per = [u / max(1, done) * 1000 for u in used]
        print(
            f"{done:,} claimed and marked in {wall:.1f} s (statistics: "
            f"{'analyzed' if ANALYZE else 'none'}); PostgreSQL backends {cpu:.2f} CPU s, "
            f"{cpu / max(1, done) * 1000:.3f} ms per message (claims {per[0]:.3f}, "
            f"marks {per[1]:.3f}); {statements:,} statements (marks in groups of {group}); "
            f"finish: {finished}"
        )
    finally:
        if workspace is not None:
            await Workspace.filter(id=workspace.id).delete()
        await close_db()


def main() -> None:
    subprocess.run([sys.executable, "-m", "server.cli", "migrate"], cwd=ROOT, check=True)
    asyncio.run(run())


if __name__ == "__main__":
    main()
