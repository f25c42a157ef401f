"""The counts ledger always equals the counts of the recipient rows themselves: while
sending, through retries, failures, a pause, a dead sender's expired leases, tracking,
bounces, requeues, deletions and folding."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from quart.typing import TestClientProtocol
from tortoise import connections

from models.campaigns import Campaign, CampaignCounts, CampaignRecipient, CampaignStatus
from models.contacts import Contact
from server.campaigns import counts, sending
from server.tracking import service as tracking
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import (
    create_campaign,
    make_owner,
    script_faults,
    wait_for_status,
    wait_until,
)

LEDGER_SQL = counts.READ_SQL


async def both(campaign_id: Any) -> tuple[dict[str, int], dict[str, int]]:
    """The ledger's sums and the recipient rows' counts, from one snapshot."""
    async with (
        connections.get("default").acquire_connection() as conn,
        conn.transaction(isolation="repeatable_read", readonly=True),
    ):
        ledger = dict(await conn.fetchrow(LEDGER_SQL, campaign_id))
        scanned = dict(await conn.fetchrow(counts.SCAN_SQL, campaign_id))
    ledger.pop("ledger_rows")
    return ledger, scanned


async def assert_exact(campaign_id: Any, *, settled: bool = True) -> dict[str, int]:
    """Ledger == rows; for a campaign nothing is writing to, what progress reads too."""
    ledger, scanned = await both(campaign_id)
    assert ledger == scanned
    if settled:
        assert await counts.read(campaign_id) == scanned
    return scanned


async def test_ledger_equals_the_rows_through_a_send_with_retries_failures_and_tracking(
    client: TestClientProtocol, handler: ScriptedHandler, running_worker: object
) -> None:
    owner = await make_owner(contacts=60)
    people = owner.contacts
    await script_faults(owner, handler)
    handler.data_delay = 0.01

    campaign = await create_campaign(client, owner)
    headers = owner.login.headers()
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    # Compared over and over while senders claim, mark, fail and retry.
    snapshots = 0
    while (await Campaign.get(id=campaign["id"])).status is not CampaignStatus.sent:
        ledger, scanned = await both(campaign["id"])
        assert ledger == scanned
        snapshots += 1
        await asyncio.sleep(0.01)
    assert snapshots > 5
    done = await assert_exact(campaign["id"])
    assert done["total"] == 59
    assert done["sent"] == 57
    assert done["failed"] == 2
    assert done["queued"] == done["sending"] == 0

    rows = {r.email: r for r in await CampaignRecipient.filter(campaign_id=campaign["id"])}
    await tracking.record_open(rows[people[4].email].id)
    await tracking.record_open(rows[people[4].email].id)  # counted once
    await tracking.record_click(rows[people[5].email].id, "https://example.com/story")
    await tracking.unsubscribe(rows[people[6].email].id, source="link")
    await CampaignRecipient.filter(id=rows[people[7].email].id).update(status="bounced")
    after = await assert_exact(campaign["id"])
    assert (after["opened"], after["clicked"], after["unsubscribed"]) == (2, 1, 1)
    assert after["bounced"] == 1

    del handler.rcpt_replies[people[1].email]
    retried = await client.post(f"/api/campaigns/{campaign['id']}/retry-failed", headers=headers)
    assert (await retried.get_json())["requeued"] == 2
    requeued = await assert_exact(campaign["id"], settled=False)
    assert requeued["failed"] == 0
    await asyncio.sleep(0.2)
    await wait_for_status(campaign["id"], CampaignStatus.sent)
    final = await assert_exact(campaign["id"])
    assert final["sent"] == 58

    # A contact deleted takes its recipient row, and its count, with it.
    await Contact.filter(id=people[8].id).delete()
    assert (await assert_exact(campaign["id"]))["total"] == 58


async def test_ledger_survives_a_pause_and_a_dead_senders_expired_leases(
    client: TestClientProtocol, handler: ScriptedHandler, running_worker: object
) -> None:
    owner = await make_owner(contacts=150)
    handler.data_delay = 0.05
    campaign = await create_campaign(client, owner)
    headers = owner.login.headers()
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    await wait_until(lambda: len(handler.received) >= 10)
    await client.post(f"/api/campaigns/{campaign['id']}/pause", headers=headers)
    await asyncio.sleep(1.0)
    paused = await assert_exact(campaign["id"])
    assert paused["sending"] == 0, "the senders gave their claimed rows back"
    assert 0 < paused["sent"] < 150

    # A sender that dies holding rows: claimed with a short lease, never marked.
    conn = connections.get("default")
    dead = uuid.uuid4().hex
    claimed = await conn.execute_query_dict(sending.CLAIM_SQL, [campaign["id"], 15, 0.5, dead, 0])
    assert len(claimed) == 15
    assert (await assert_exact(campaign["id"]))["sending"] == 15

    await client.post(f"/api/campaigns/{campaign['id']}/resume", headers=headers)
    handler.data_delay = 0
    await wait_for_status(campaign["id"], CampaignStatus.sent)
    final = await assert_exact(campaign["id"])
    assert final == {**final, "total": 150, "sent": 150, "queued": 0, "sending": 0}
    reclaimed = await CampaignRecipient.filter(id__in=[r["id"] for r in claimed])
    assert all(r.attempts == 2 for r in reclaimed)


async def test_folding_keeps_the_sums_and_a_deleted_campaign_leaves_no_rows(
    client: TestClientProtocol, handler: ScriptedHandler
) -> None:
    owner = await make_owner(contacts=40)
    campaign = await create_campaign(client, owner)
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    await sending.expand(campaign["id"])
    ids = await CampaignRecipient.filter(campaign_id=campaign["id"]).values_list("id", flat=True)
    # One statement per recipient: more ledger rows than a read lets stand.
    for rid in ids:
        await CampaignRecipient.filter(id=rid).update(status="sending")
    for rid in ids[:30]:
        await CampaignRecipient.filter(id=rid).update(status="sent")
    rows = await CampaignCounts.filter(campaign_id=campaign["id"]).count()
    assert rows > counts.FOLD_ABOVE_ROWS
    expected = await counts.scan(campaign["id"])
    assert expected["sending"] == 10

    # Folds racing each other and further writes: each fold moves disjoint rows.
    async def write_more() -> None:
        for rid in ids[30:35]:
            await CampaignRecipient.filter(id=rid).update(status="failed")

    await asyncio.gather(counts.fold(campaign["id"]), counts.fold(campaign["id"]), write_more())
    assert await CampaignCounts.filter(campaign_id=campaign["id"]).count() <= 8
    after = await assert_exact(campaign["id"])
    assert (after["sending"], after["failed"]) == (5, 5)

    for _ in range(counts.FOLD_ABOVE_ROWS + 1):
        await CampaignRecipient.filter(id=ids[0]).update(status="queued")
        await CampaignRecipient.filter(id=ids[0]).update(status="sent")
    await assert_exact(campaign["id"])  # this read folds
    assert await CampaignCounts.filter(campaign_id=campaign["id"]).count() == 1
    await assert_exact(campaign["id"])

    await Campaign.filter(id=campaign["id"]).delete()
    assert await CampaignCounts.filter(campaign_id=campaign["id"]).count() == 0
