"""Sending through a real ARQ worker to a real SMTP server that misbehaves on purpose."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest
from quart.typing import TestClientProtocol
from tortoise import connections

from models.campaigns import (
    Campaign,
    CampaignEvent,
    CampaignRecipient,
    CampaignStatus,
    RecipientStatus,
)
from models.contacts import Contact, ContactEvent, ContactStatus
from server.campaigns import counts, sending, service
from server.core.config import get_config
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import (
    Owner,
    create_campaign,
    make_owner,
    script_faults,
    wait_for_status,
    wait_until,
)


async def progress(client: TestClientProtocol, owner: Owner, campaign_id: str) -> dict[str, Any]:
    response = await client.get(
        f"/api/campaigns/{campaign_id}/progress", headers=owner.login.headers(unsafe=False)
    )
    assert response.status_code == 200
    data: dict[str, Any] = await response.get_json()
    return data


async def test_campaign_sends_one_message_per_recipient_with_headers_retries_and_failures(
    client: TestClientProtocol, handler: ScriptedHandler, running_worker: object
) -> None:
    owner = await make_owner(contacts=12)
    people = owner.contacts
    await script_faults(owner, handler)

    campaign = await create_campaign(client, owner)
    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    assert sent.status_code == 202
    assert (await sent.get_json())["status"] == "sending"

    done = await wait_for_status(campaign["id"], CampaignStatus.sent)
    assert done.total == 11
    recipients = {r.email: r for r in await CampaignRecipient.filter(campaign_id=campaign["id"])}
    assert people[0].email not in recipients

    permanent = recipients[people[1].email]
    assert permanent.status is RecipientStatus.failed
    assert permanent.smtp_code == 550
    assert permanent.attempts == 1
    greylisted = recipients[people[2].email]
    assert greylisted.status is RecipientStatus.sent
    assert greylisted.attempts == 2
    dropped = recipients[people[3].email]
    assert dropped.status is RecipientStatus.failed
    assert dropped.attempts == 3  # campaign_max_attempts in these tests

    for person in people[4:]:
        assert handler.count_for(person.email) == 1
        assert recipients[person.email].status is RecipientStatus.sent
    assert handler.count_for(people[1].email) == 0
    # Each message is its own recipient's: address, Message-ID and merged name agree.
    for received in handler.received:
        (address,) = received.rcpt_tos
        row = recipients[address]
        assert received.message["Message-ID"] == row.message_id
        assert address in str(received.message["To"])
        assert received.message["Subject"] == f"Spring news for {row.first_name}"

    message = next(r.message for r in handler.received if people[4].email in r.rcpt_tos)
    row = recipients[people[4].email]
    assert message["Message-ID"] == row.message_id
    assert message["List-Unsubscribe"] == f"<http://127.0.0.1:8000/u/{_token(message)}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Subject"] == f"Spring news for {people[4].first_name}"
    html_part = message.get_body(preferencelist=("html",))
    assert html_part is not None
    html = html_part.get_content()
    assert f"Hello {people[4].first_name}" in html
    assert "/t/o/" in html  # the open pixel
    assert "/t/c/" in html  # the story link goes through click tracking
    assert "https://example.com/story" not in html

    body = await progress(client, owner, campaign["id"])
    assert body["status"] == "sent"
    assert body["total"] == 11
    assert body["sent"] == 9
    assert body["failed"] == 2
    assert body["queued"] == 0

    failures = await client.get(
        f"/api/campaigns/{campaign['id']}/recipients?status=failed",
        headers=owner.login.headers(unsafe=False),
    )
    items = (await failures.get_json())["items"]
    assert {i["email"] for i in items} == {people[1].email, people[3].email}
    reasons = {i["email"]: i["failure_reason"] for i in items}
    assert "mailbox does not exist" in reasons[people[1].email]

    # The send is on the contact's timeline, read from the recipient row: no event row per send.
    timeline = await client.get(
        f"/api/contacts/{people[4].id}/timeline", headers=owner.login.headers(unsafe=False)
    )
    sends = [e for e in (await timeline.get_json())["items"] if e["kind"] == "campaign_sent"]
    assert [e["data"] for e in sends] == [{"campaign_id": campaign["id"], "name": campaign["name"]}]
    assert not await ContactEvent.filter(contact_id=people[4].id, kind="campaign_sent").exists()

    # Retry what failed: the permanent refusal is lifted meanwhile.
    del handler.rcpt_replies[people[1].email]
    retried = await client.post(
        f"/api/campaigns/{campaign['id']}/retry-failed", headers=owner.login.headers()
    )
    assert (await retried.get_json())["requeued"] == 2
    await asyncio.sleep(0.2)
    await wait_for_status(campaign["id"], CampaignStatus.sent)
    assert handler.count_for(people[1].email) == 1
    kpis = await client.get(
        f"/api/campaigns/{campaign['id']}/kpis", headers=owner.login.headers(unsafe=False)
    )
    data = await kpis.get_json()
    assert data["progress"]["sent"] == 10
    assert sum(p["sent"] for p in data["series"]) == 10
    # No mail events webhook is set up here: no delivery can ever be counted, and the KPIs
    # say so rather than let "0 delivered" read as mail that did not arrive.
    assert (data["progress"]["delivered"], data["delivery_reports"]) == (0, False)


def _token(message: Any) -> str:
    value = str(message["List-Unsubscribe"])
    return value.removeprefix("<").removesuffix(">").rsplit("/u/", 1)[1]


async def slow_send_under_way(
    client: TestClientProtocol, handler: ScriptedHandler, contacts: int, *, received: int
) -> tuple[Owner, dict[str, Any], dict[str, str]]:
    """A campaign to ``contacts`` people, sent through a server that takes 50 ms per message,
    once the server has received ``received`` of them."""
    owner = await make_owner(contacts=contacts)
    handler.data_delay = 0.05
    campaign = await create_campaign(client, owner)
    headers = owner.login.headers()
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    await wait_until(lambda: len(handler.received) >= received)
    return owner, campaign, headers


async def test_pause_takes_effect_within_a_second_and_resume_finishes(
    client: TestClientProtocol, handler: ScriptedHandler, running_worker: object
) -> None:
    owner, campaign, headers = await slow_send_under_way(client, handler, 150, received=10)
    paused = await client.post(f"/api/campaigns/{campaign['id']}/pause", headers=headers)
    assert (await paused.get_json())["status"] == "paused"
    await asyncio.sleep(1.0)
    after_a_second = len(handler.received)
    await asyncio.sleep(1.0)
    assert len(handler.received) == after_a_second
    assert after_a_second < 150
    still = await progress(client, owner, campaign["id"])
    assert still["status"] == "paused"
    assert still["sent"] == after_a_second
    assert still["sending"] == 0  # claimed rows went back to the queue

    handler.data_delay = 0
    resumed = await client.post(f"/api/campaigns/{campaign['id']}/resume", headers=headers)
    assert (await resumed.get_json())["status"] == "sending"
    await wait_for_status(campaign["id"], CampaignStatus.sent)
    assert len(handler.received) == 150
    assert all(handler.count_for(p.email) == 1 for p in owner.contacts)


async def test_cancel_stops_sending(
    client: TestClientProtocol, handler: ScriptedHandler, running_worker: object
) -> None:
    _, campaign, headers = await slow_send_under_way(client, handler, 100, received=5)
    cancelled = await client.post(f"/api/campaigns/{campaign['id']}/cancel", headers=headers)
    assert (await cancelled.get_json())["status"] == "cancelled"
    await asyncio.sleep(1.0)
    count = len(handler.received)
    await asyncio.sleep(0.5)
    assert len(handler.received) == count < 100
    again = await client.post(f"/api/campaigns/{campaign['id']}/resume", headers=headers)
    assert again.status_code == 409


async def test_many_failures_pause_the_campaign_with_the_reason(
    client: TestClientProtocol,
    handler: ScriptedHandler,
    running_worker: object,
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(get_config(), "campaign_autopause_failures", 5)
    owner = await make_owner(contacts=30)
    for person in owner.contacts:
        handler.rcpt_replies[person.email] = "554 5.7.1 Rejected as spam"
    campaign = await create_campaign(client, owner)
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    paused = await wait_for_status(campaign["id"], CampaignStatus.paused)
    assert paused.status_reason is not None
    assert "Paused automatically" in paused.status_reason
    assert "554" in paused.status_reason
    assert "rejected the message" in paused.status_reason
    body = await progress(client, owner, campaign["id"])
    assert body["status_reason"] == paused.status_reason
    assert body["failed"] < 30


async def add_contacts(owner: Owner, count: int) -> None:
    """``count`` more subscribed contacts on the owner's list, in one statement (and none of
    them analyzed yet, as after an import)."""
    await connections.get("default").execute_query(
        "WITH made AS ("
        " INSERT INTO contact (id, workspace_id, email, first_name, last_name, status,"
        "   attributes, tags, consent_source, created_at, updated_at)"
        " SELECT gen_random_uuid(), $1, 'reader' || n || '@example.org', 'Reader', '', "
        "   'subscribed', '{}', '{}', 'test', now(), now() FROM generate_series(1, $3) n"
        " RETURNING id)"
        " INSERT INTO list_membership (contact_list_id, contact_id, created_at)"
        " SELECT $2, id, now() FROM made",
        [owner.workspace_id, owner.list_id, count],
    )


async def test_claims_walk_the_campaign_in_index_order_whatever_the_statistics(
    client: TestClientProtocol, handler: ScriptedHandler
) -> None:
    """A campaign just expanded has no statistics: a claim must still read its next rows
    through the (campaign_id, id) index and stop there, not sort every row ahead of it."""
    owner = await make_owner(contacts=1)
    conn = connections.get("default")
    await add_contacts(owner, 20000)
    campaign = await create_campaign(client, owner)
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    assert await sending.expand(campaign["id"]) == 20001

    async def claim_plan(session_sql: str) -> str:
        async with conn.acquire_connection() as raw:
            await raw.execute(session_sql)
            try:
                rows = await raw.fetch(
                    "EXPLAIN " + sending.CLAIM_SQL, campaign["id"], 50, 60.0, "x", 0
                )
            finally:
                await raw.execute(sending.CLAIM_SESSION_RESET_SQL)
        return "\n".join(row[0] for row in rows)

    plan = await claim_plan(sending.CLAIM_SESSION_SQL)
    assert "Index Scan using idx_campaign_re_campaig_084d6c" in plan, plan
    assert "Sort" not in plan, plan
    assert "Bitmap" not in plan, plan
    # What the session setting is for: left to itself, the planner sorts the whole campaign
    # (while the table has no statistics, as here after expansion on a fresh database).
    analyzed = await conn.execute_query_dict(
        "SELECT last_analyze, last_autoanalyze FROM pg_stat_user_tables"
        " WHERE relname = 'campaign_recipient'"
    )
    if not any(analyzed[0].values()):
        assert "Sort" in await claim_plan("SELECT 1")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Expansion in chunks of 3, then 5; returns, for each time the senders were queued, how
    many recipients had been written by then and the total progress showed."""
    monkeypatch.setattr(sending, "EXPAND_FIRST_CHUNK", 3)
    monkeypatch.setattr(sending, "EXPAND_CHUNK", 5)
    queued_at: list[tuple[int, int]] = []
    ensure = service.ensure_senders

    async def counting(campaign: Any, **kwargs: Any) -> None:
        written = await CampaignRecipient.filter(campaign_id=campaign.id).count()
        shown = await Campaign.get(id=campaign.id)
        queued_at.append((written, shown.total))
        await ensure(campaign, **kwargs)

    monkeypatch.setattr(sending, "ensure_senders", counting)
    return queued_at


async def test_expansion_goes_in_chunks_and_queues_the_senders_after_the_first(
    client: TestClientProtocol, small_chunks: list[tuple[int, int]]
) -> None:
    owner = await make_owner(contacts=23)
    unsubscribed = owner.contacts[4]
    await Contact.filter(id=unsubscribed.id).update(status=ContactStatus.unsubscribed)
    # Contacts imported together share their creation time: the chunks go on by id.
    await Contact.filter(workspace_id=owner.workspace_id).update(created_at=datetime.now(UTC))
    campaign = await create_campaign(client, owner)
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())

    assert await sending.expand(campaign["id"]) == 22
    # Queued once, with the first chunk: 3 rows written, and progress showing the audience's
    # size already (counted by the expansion, not by the request that sent).
    assert small_chunks == [(3, 22)]
    recipients = await CampaignRecipient.filter(campaign_id=campaign["id"]).order_by("id")
    expected = [c.id for c in owner.contacts if c.id != unsubscribed.id]
    assert sorted(r.contact_id for r in recipients) == sorted(expected)
    # In the contacts' order, chunk after chunk.
    assert [r.contact_id for r in recipients] == sorted(expected, key=str)
    after = await progress(client, owner, campaign["id"])
    assert (after["total"], after["queued"]) == (22, 22)
    assert await counts.read(uuid.UUID(campaign["id"])) == await counts.scan(
        uuid.UUID(campaign["id"])
    )
    stored = await Campaign.get(id=campaign["id"])
    assert stored.total == 22
    assert stored.expanded_at is not None
    events = await CampaignEvent.filter(campaign_id=campaign["id"], kind="expanded")
    assert [e.data for e in events] == [{"recipients": 22}]

    # Run again (a retried job): nothing more, and the senders are queued again.
    assert await sending.expand(campaign["id"]) == 22
    assert await CampaignRecipient.filter(campaign_id=campaign["id"]).count() == 22
    assert small_chunks == [(3, 22), (22, 22)]


async def test_two_expansions_at_once_make_each_recipient_once(
    client: TestClientProtocol, small_chunks: list[tuple[int, int]]
) -> None:
    """The scheduler restarts an expansion it believes dead: both go on from the newest row."""
    owner = await make_owner(contacts=31)
    campaign = await create_campaign(client, owner)
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    totals = await asyncio.gather(sending.expand(campaign["id"]), sending.expand(campaign["id"]))
    assert list(totals) == [31, 31]
    assert await CampaignRecipient.filter(campaign_id=campaign["id"]).count() == 31
    assert await counts.read(uuid.UUID(campaign["id"])) == await counts.scan(
        uuid.UUID(campaign["id"])
    )
    assert await CampaignEvent.filter(campaign_id=campaign["id"], kind="expanded").count() == 1


async def test_a_paused_campaign_is_expanded_without_starting_its_senders(
    client: TestClientProtocol, small_chunks: list[tuple[int, int]]
) -> None:
    owner = await make_owner(contacts=9)
    campaign = await create_campaign(client, owner)
    headers = owner.login.headers()
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    paused = await client.post(f"/api/campaigns/{campaign['id']}/pause", headers=headers)
    assert paused.status_code == 200
    assert await sending.expand(campaign["id"]) == 9
    assert small_chunks == []
    assert await CampaignRecipient.filter(campaign_id=campaign["id"]).count() == 9
    cancelled = await client.post(f"/api/campaigns/{campaign['id']}/cancel", headers=headers)
    assert cancelled.status_code == 200
    assert await sending.expand(campaign["id"]) == 0


async def test_expansion_walks_the_contacts_in_index_order_whatever_the_statistics(
    client: TestClientProtocol,
) -> None:
    """A chunk reads the workspace's contacts through (workspace_id, created_at, id) from where
    the last one ended and stops at its limit: no sort of the whole audience per chunk, and no
    JIT compilation."""
    owner = await make_owner(contacts=1)
    conn = connections.get("default")
    await add_contacts(owner, 20000)
    campaign = await create_campaign(client, owner)
    params = [
        owner.workspace_id,
        [owner.list_id],
        [],
        campaign["id"],
        "example.org",
        datetime.now(UTC) - timedelta(days=1),
        uuid.UUID(int=0),
        1000,
        "{}",
        None,
    ]
    async with conn.acquire_connection() as raw, raw.transaction():
        await raw.execute(sending.EXPAND_SESSION_SQL)
        rows = await raw.fetch("EXPLAIN " + sending.EXPAND_SQL, *params)
    plan = "\n".join(row[0] for row in rows)
    chunk = plan.partition("CTE added")[0]
    assert "Index Scan using idx_contact_workspa_124237 on contact" in chunk, plan
    assert "ROW(created_at, id) >" in chunk, plan
    assert "Sort" not in chunk, plan
    assert "JIT" not in plan, plan


async def claimed_recipients(client: TestClientProtocol, count: int) -> tuple[str, str, list[int]]:
    """A sending campaign's recipients claimed by one sender, as its workers hold them before
    their marks: (campaign id, sender id, recipient ids)."""
    owner = await make_owner(contacts=count)
    campaign = await create_campaign(client, owner)
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    assert await sending.expand(campaign["id"]) == count
    sender_id = uuid.uuid4().hex
    rows = await connections.get("default").execute_query_dict(
        sending.CLAIM_SQL, [campaign["id"], count, 60.0, sender_id, 0]
    )
    assert len(rows) == count
    return campaign["id"], sender_id, sorted(int(row["id"]) for row in rows)


@asynccontextmanager
async def marks_connection() -> AsyncIterator[asyncpg.Connection]:
    """A connection of its own for the marks, as a sender holds one for its run."""
    db = await asyncpg.connect(get_config().database_url)
    try:
        yield db
    finally:
        await db.close()


async def mark_statements(campaign_id: str) -> list[int]:
    """The rows each statement marked sent, in order: the counts ledger gets one entry per
    statement that changed a campaign's counts."""
    rows = await connections.get("default").execute_query_dict(
        "SELECT sent FROM campaign_counts WHERE campaign_id = $1 AND sent > 0 ORDER BY id",
        [campaign_id],
    )
    return [int(row["sent"]) for row in rows]


async def test_marks_are_written_in_groups_of_half_the_mark_limit(
    db: None, client: TestClientProtocol, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign_id, sender_id, ids = await claimed_recipients(client, 4)
    # Long enough that only the group's size starts a statement within this test.
    monkeypatch.setattr(sending, "MARK_GATHER_SECONDS", 30.0)
    async with marks_connection() as marks_db:
        marks = sending.SentMarks(marks_db, sender_id, limit=8)
        for recipient_id in ids[:3]:
            await marks.add(recipient_id)
        for _ in range(20):
            await asyncio.sleep(0)  # the writer's turn, were three marks a group
        assert (len(marks.pending), marks.writing, marks.written) == (3, 0, 0)
        await marks.add(ids[3])
        await wait_until(lambda: marks.written == 4, 5)
        await marks.close()
    assert await mark_statements(campaign_id) == [4]


async def test_workers_wait_at_the_mark_limit_while_marks_cannot_be_written(
    db: None, client: TestClientProtocol
) -> None:
    """The bound on what a crash can send twice: while the mark writer is held up (here by a
    table lock), workers stop once the sender's mark limit of marks is unwritten, and every
    mark lands once the writer can go on."""
    campaign_id, sender_id, ids = await claimed_recipients(client, 20)
    async with marks_connection() as marks_db, marks_connection() as locker:
        marks = sending.SentMarks(marks_db, sender_id, limit=8)
        holding = locker.transaction()
        await holding.start()
        await locker.execute("LOCK TABLE campaign_recipient IN EXCLUSIVE MODE")
        todo = list(ids)

        async def worker() -> None:
            while todo:
                await marks.add(todo.pop())

        workers = [asyncio.create_task(worker()) for _ in range(8)]
        try:
            writer_pid = marks_db.get_server_pid()

            async def writer_blocked() -> bool:
                waiting = await locker.fetchval(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", writer_pid
                )
                return bool(waiting == "Lock")

            await wait_until(writer_blocked, 10)
            # Several gathering periods: nothing more is handed over meanwhile.
            await asyncio.sleep(sending.MARK_GATHER_SECONDS * 4)
            assert len(marks.pending) + marks.writing == 8
            assert marks.written == 0
            assert len(todo) == 20 - 8 - 8  # each worker holds the mark it cannot hand over
            assert not any(w.done() for w in workers)
        finally:
            await holding.rollback()
        # Workers no one wakes once the marks are written would wait here for ever.
        async with asyncio.timeout(10):
            await asyncio.gather(*workers)
            await marks.close()
        assert marks.written == 20
    assert sum(await mark_statements(campaign_id)) == 20
    sent = await CampaignRecipient.filter(campaign_id=campaign_id, status=RecipientStatus.sent)
    assert sorted(r.id for r in sent) == ids


async def test_a_failed_mark_statement_stops_the_workers(
    db: None, client: TestClientProtocol
) -> None:
    campaign_id, sender_id, ids = await claimed_recipients(client, 30)
    async with marks_connection() as marks_db, marks_connection() as admin:
        marks = sending.SentMarks(marks_db, sender_id, limit=8)
        for recipient_id in ids[:3]:
            await marks.add(recipient_id)
        await marks.flush()
        # The database drops the writer's connection, as when it restarts.
        await admin.execute("SELECT pg_terminate_backend($1)", marks_db.get_server_pid())
        todo = list(ids[3:])
        # A worker left waiting for room would hang here: the timeout fails the test.
        async with asyncio.timeout(10):
            with pytest.raises(Exception):  # noqa: B017,PT011 - whatever asyncpg raised
                while todo:
                    await marks.add(todo.pop())
        # Stopped once the failure was known: at the latest when 8 marks were unwritten.
        assert len(todo) >= 27 - 8 - 1
        assert marks.written == 3
        with pytest.raises(Exception):  # noqa: B017,PT011
            await marks.flush()
    assert await mark_statements(campaign_id) == [3]
