"""The web process writing a reply itself, under a lease, with the queued job as the fallback
that writes or ends the reply when that process cannot."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from arq import Retry
from arq.connections import ArqRedis
from quart.typing import TestClientProtocol

from jobs import chat as chat_jobs
from models.chat import AIRequest, ChatMessage, MessageStatus
from models.outbox import OutboxMessage
from server.chat import generation, lease, service, streaming
from server.chat.generation import generate_reply
from server.chat.lease import lease_key
from server.core import outbox
from server.core.config import Config
from tests.factories import Login, login_as, make_user
from tests.fakes.drafter import hold_offline_drafter
from tests.fakes.openai_server import FakeOpenAI
from tests.server.chat.test_endpoints import new_thread, send


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


@pytest.fixture
def in_web(config: Config, monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.setattr(config, "chat_replies_in_web", True)
    return config


async def send_for_reply(client: TestClientProtocol, owner: Login, thread_id: str) -> str:
    """Sends the standard message to the thread; the id of the reply it starts."""
    ids = await (await send(client, owner, thread_id)).get_json()
    return str(ids["reply_message_id"])


async def model_asked(fake_openai: FakeOpenAI) -> None:
    """Waits until the model has been asked for a reply."""
    for _ in range(200):
        if fake_openai.count("POST /v1/chat/completions"):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the model was never asked")


async def test_the_web_writes_the_reply_and_the_job_only_checks_later(
    client: TestClientProtocol, owner: Login, in_web: Config, redis: ArqRedis
) -> None:
    thread = await new_thread(client, owner)
    sent_at = datetime.now(UTC)
    ids = await (await send(client, owner, thread["id"])).get_json()
    reply_id = ids["reply_message_id"]
    job_id = f"reply:{reply_id}"
    # The job waits a lease period, and this process did not push it: the sweep will.
    row = await OutboxMessage.get(job_id=job_id)
    assert row.relayed_at is None
    assert row.available_at >= sent_at + timedelta(seconds=in_web.chat_lease_seconds)

    await generation.finish_running(seconds=30)
    reply = await ChatMessage.get(id=reply_id)
    assert reply.status is MessageStatus.complete
    assert reply.provider == "offline"
    items = await streaming.read_after(redis, reply_id, 0)
    tokens = [i for i in items if isinstance(i, streaming.Token)]
    assert [t.seq for t in tokens] == list(range(1, reply.seq + 1))
    assert "".join(t.delta for t in tokens) == reply.content
    assert items[-1] == streaming.End("done", {"content": reply.content})
    assert not await redis.exists(lease_key(reply_id))

    # The reply has ended, so its fallback is taken back before the sweep pushed it: no
    # worker runs it. Had one run it, the reply is written already.
    assert (await OutboxMessage.get(job_id=job_id)).relayed_at is not None
    assert await outbox.relay_pending(redis) == 0
    assert await redis.zscore(in_web.queue_name, job_id) is None
    assert await generate_reply(reply_id) == "skipped"
    assert (await ChatMessage.get(id=reply_id)).status is MessageStatus.complete


async def test_a_fallback_the_sweep_queued_leaves_the_queue_when_the_reply_ends(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.first_token_delay = 0.5
    thread = await new_thread(client, owner)
    reply_id = await send_for_reply(client, owner, thread["id"])
    job_id = f"reply:{reply_id}"
    # The sweep queues the job for its due time while the reply is being written.
    assert await outbox.relay_pending(redis) == 1
    row = await OutboxMessage.get(job_id=job_id)
    due = await redis.zscore(in_web.queue_name, job_id)
    assert due is not None
    assert due >= row.available_at.timestamp() * 1000 - 1
    assert await redis.exists(f"arq:job:{job_id}")

    await generation.finish_running(seconds=30)
    assert (await ChatMessage.get(id=reply_id)).status is MessageStatus.complete
    assert await redis.zscore(in_web.queue_name, job_id) is None
    assert not await redis.exists(f"arq:job:{job_id}")


async def test_a_fallback_a_worker_has_started_is_left_to_end_by_itself(
    db: None, redis: ArqRedis, config: Config
) -> None:
    job_id = f"reply:{uuid.uuid4()}"
    await redis.zadd(config.queue_name, {job_id: 1})
    await redis.set(f"arq:job:{job_id}", b"job")
    await redis.set(f"arq:in-progress:{job_id}", b"1")

    await outbox.withdraw(redis, job_id)
    assert await redis.zscore(config.queue_name, job_id) == 1
    assert await redis.exists(f"arq:job:{job_id}")


async def test_the_job_waits_while_a_live_process_holds_the_lease(
    client: TestClientProtocol, owner: Login, redis: ArqRedis
) -> None:
    thread = await new_thread(client, owner)
    reply_id = await send_for_reply(client, owner, thread["id"])
    await ChatMessage.filter(id=reply_id).update(status=MessageStatus.streaming, seq=2)
    await redis.set(lease_key(reply_id), "another-process", px=4000)

    with pytest.raises(Retry) as retry:
        await chat_jobs.generate_reply({"redis": redis}, reply_id)
    assert retry.value.defer_score is not None
    assert 3000 < retry.value.defer_score <= 4500
    assert (await ChatMessage.get(id=reply_id)).status is MessageStatus.streaming

    # The lease ran out: its holder died mid-reply, so the job ends the reply.
    await redis.delete(lease_key(reply_id))
    assert await generate_reply(reply_id) == "skipped"
    reply = await ChatMessage.get(id=reply_id)
    assert (reply.status, reply.error_code) == (MessageStatus.failed, "interrupted")


async def test_a_reply_stopped_before_its_first_token_is_written_by_the_job(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    fake_openai: FakeOpenAI,
) -> None:
    # The web process is stopped while the model has not answered yet.
    fake_openai.first_token_delay = 5.0
    thread = await new_thread(client, owner)
    reply_id = await send_for_reply(client, owner, thread["id"])
    await model_asked(fake_openai)
    assert (await ChatMessage.get(id=reply_id)).status is MessageStatus.streaming
    await generation.finish_running(seconds=0.1)
    assert not await redis.exists(lease_key(reply_id))
    assert not await redis.exists(streaming.stream_key(reply_id))

    fake_openai.first_token_delay = 0.0
    assert await generate_reply(reply_id) == "complete"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.content == fake_openai.reply
    items = await streaming.read_after(redis, reply_id, 0)
    assert [i.seq for i in items if isinstance(i, streaming.Token)] == list(range(1, reply.seq + 1))


async def test_a_writer_that_loses_its_lease_stops(redis: ArqRedis) -> None:
    reply_id = uuid.uuid4()
    holder = await lease.take(reply_id, 0.3)
    assert holder is not None
    assert await lease.take(reply_id, 0.3) is None
    key = lease_key(reply_id)
    writing = asyncio.create_task(asyncio.sleep(30))
    keeper = asyncio.create_task(lease.keep(reply_id, holder, 0.3, writing))
    await asyncio.sleep(0.25)
    # Renewed meanwhile (it would have expired after 300 ms otherwise).
    assert not writing.done()
    assert 0 < await redis.pttl(key) <= 300
    await redis.set(key, "someone-else", px=300)
    await asyncio.wait_for(keeper, 2)
    assert writing.cancelled()


async def stream_of(redis: ArqRedis, reply_id: str) -> list[streaming.StreamItem]:
    return await streaming.read_after(redis, reply_id, 0)


async def test_a_writer_stalled_past_its_lease_adds_nothing_to_the_reply_written_afresh(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.reply = "One two three four five six seven eight nine ten."
    fake_openai.first_token_delay = 0.5
    thread = await new_thread(client, owner)
    reply_id = await send_for_reply(client, owner, thread["id"])
    await model_asked(fake_openai)
    # The web process stalls past its lease while the model has not answered: the fallback
    # finds nothing of the reply out yet and writes it afresh, while the stalled writer's
    # model answers too.
    await redis.delete(lease_key(reply_id))
    assert await generate_reply(reply_id) == "complete"
    await generation.finish_running(seconds=30)

    reply = await ChatMessage.get(id=reply_id)
    assert (reply.status, reply.content) == (MessageStatus.complete, fake_openai.reply)
    items = await stream_of(redis, reply_id)
    tokens = [i for i in items if isinstance(i, streaming.Token)]
    assert [t.seq for t in tokens] == list(range(1, reply.seq + 1))
    assert "".join(t.delta for t in tokens) == reply.content
    assert items[-1] == streaming.End("done", {"content": reply.content})
    assert len(items) == len(tokens) + 1
    # Both writers' model requests are accounted for.
    requests = await AIRequest.filter(message_id=reply_id, purpose="reply")
    assert sorted((r.outcome, r.error_class) for r in requests) == [
        ("failed", "LeaseLost"),
        ("ok", None),
    ]


async def test_a_writer_stalled_past_its_lease_adds_nothing_to_a_reply_ended_meanwhile(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drafter = hold_offline_drafter(monkeypatch, [8])
    try:
        thread = await new_thread(client, owner)
        reply_id = await send_for_reply(client, owner, thread["id"])
        await drafter.reached(8)
        for _ in range(200):
            if await stream_of(redis, reply_id):
                break
            await asyncio.sleep(0.02)
        # Part of the reply is out when the web process stalls past its lease: the fallback
        # ends the reply as interrupted.
        await redis.delete(lease_key(reply_id))
        assert await generate_reply(reply_id) == "skipped"
        ended = await ChatMessage.get(id=reply_id)
        assert (ended.status, ended.error_code) == (MessageStatus.failed, "interrupted")
        out = await stream_of(redis, reply_id)
    finally:
        drafter.release_all()
    # The stalled writer goes on and finds its lease gone.
    await generation.finish_running(seconds=30)

    assert await stream_of(redis, reply_id) == out
    assert out[-1] == streaming.End("error", {"code": "interrupted", "message": ended.error or ""})
    tokens = [i for i in out if isinstance(i, streaming.Token)]
    assert tokens
    assert [t.seq for t in tokens] == list(range(1, len(tokens) + 1))
    reply = await ChatMessage.get(id=reply_id)
    assert (reply.status, reply.error_code) == (MessageStatus.failed, "interrupted")
    assert (reply.content, reply.seq) == (ended.content, ended.seq)
    request = await AIRequest.get(message_id=reply_id)
    assert (request.provider, request.outcome, request.error_class) == (
        "offline",
        "failed",
        "LeaseLost",
    )


async def test_the_web_sends_the_model_the_history_it_read_while_accepting(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    fake_openai: FakeOpenAI,
    redis: ArqRedis,
) -> None:
    fake_openai.reply = json.dumps(
        {"subject": "Spring", "preheader": "News", "sections": [{"heading": "A", "body": "B"}]}
    )
    thread = await new_thread(client, owner)
    first = await (await send(client, owner, thread["id"], "First brief")).get_json()
    await generation.finish_running(seconds=30)
    # The second reply is still being written when the third message comes: the model takes
    # its time over the first token (a fast one could finish in between).
    fake_openai.first_token_delay = 1.0
    busy = await send(client, owner, thread["id"], "Second brief")
    second = await busy.get_json()
    # A message while a reply is being written is refused as before.
    refused = await send(client, owner, thread["id"], "Third brief")
    assert refused.status_code == 409
    # The refused send gave back the lease it took: only the reply being written (if it is
    # still) holds one.
    held = await redis.keys(lease_key("*"))
    assert held in ([], [lease_key(second["reply_message_id"]).encode()])
    await generation.finish_running(seconds=30)
    assert await redis.keys(lease_key("*")) == []

    replies = [await ChatMessage.get(id=ids["reply_message_id"]) for ids in (first, second)]
    assert [r.status for r in replies] == [MessageStatus.complete] * 2
    chats = [body for body in fake_openai.requests if "messages" in body]
    assert len(chats) == 2
    turns = [(m["role"], m["content"]) for m in chats[1]["messages"] if m["role"] != "system"]
    assert turns == [
        ("user", "First brief"),
        ("assistant", replies[0].content),
        ("user", "Second brief"),
    ]


async def test_a_web_process_writing_its_limit_leaves_the_next_reply_to_a_worker(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(in_web, "chat_web_max_replies", 0)
    thread = await new_thread(client, owner)
    reply_id = await send_for_reply(client, owner, thread["id"])
    assert not lease.writing
    reply = await ChatMessage.get(id=reply_id)
    assert reply.status is MessageStatus.pending
    assert not await redis.exists(lease_key(reply_id))
    # Queued for a worker now, not a lease period later.
    assert await redis.zscore(in_web.queue_name, f"reply:{reply_id}") is not None
    assert await generate_reply(reply_id) == "complete"


async def test_a_burst_of_sends_leaves_all_but_the_limit_to_the_workers(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    fake_openai: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every send checks the limit before any of them has started its writer.
    monkeypatch.setattr(in_web, "chat_web_max_replies", 2)
    fake_openai.first_token_delay = 0.5
    threads = [await new_thread(client, owner) for _ in range(5)]
    responses = await asyncio.gather(*(send(client, owner, t["id"]) for t in threads))
    reply_ids = [(await r.get_json())["reply_message_id"] for r in responses]
    assert len(lease.writing) == 2
    assert not lease.starting
    replies = [await ChatMessage.get(id=reply_id) for reply_id in reply_ids]
    assert sorted(r.status.value for r in replies) == ["pending"] * 3 + ["streaming"] * 2
    await generation.finish_running(seconds=30)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[generation.Begun]:
    """Every set of requests a send began before its transaction committed."""
    begun: list[generation.Begun] = []
    begin = generation.begin

    def recording(*args: Any, **kwargs: Any) -> generation.Begun | None:
        requests = begin(*args, **kwargs)
        if requests is not None:
            begun.append(requests)
        return requests

    monkeypatch.setattr(generation, "begin", recording)
    return begun


async def test_the_model_is_asked_before_the_send_commits_and_nothing_goes_out_before(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    fake_openai: FakeOpenAI,
    asked: list[generation.Begun],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_openai.reply = json.dumps(
        {"subject": "Spring", "preheader": "News", "sections": [{"heading": "A", "body": "B"}]}
    )
    thread = await new_thread(client, owner)
    announce = service._announce_state
    seen_while_open: list[object] = []

    async def slow_announce(thread_row: Any) -> None:
        # The transaction's last step: the model has answered meanwhile, yet nothing of the
        # reply may be out while the transaction could still roll back.
        await announce(thread_row)
        for _ in range(200):
            if asked and asked[0].provider._first.done():
                break
            await asyncio.sleep(0.01)
        [reply_id] = lease.starting
        seen_while_open.extend(
            [
                fake_openai.count("POST /v1/chat/completions"),
                await redis.exists(streaming.stream_key(reply_id)),
                len(lease.writing),
            ]
        )

    monkeypatch.setattr(service, "_announce_state", slow_announce)
    reply_id = await send_for_reply(client, owner, thread["id"])
    assert seen_while_open == [1, 0, 0]
    await generation.finish_running(seconds=30)

    reply = await ChatMessage.get(id=reply_id)
    assert reply.status is MessageStatus.complete
    assert reply.content == fake_openai.reply
    # One request each: the one begun early is the one the reply was written from.
    assert fake_openai.count("POST /v1/chat/completions") == 1
    assert fake_openai.count("POST /v1/moderations") == 2  # the input's and the output's
    items = await streaming.read_after(redis, reply_id, 0)
    tokens = [i for i in items if isinstance(i, streaming.Token)]
    assert "".join(t.delta for t in tokens) == reply.content


async def test_a_send_that_fails_after_asking_the_model_gives_the_requests_up(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    redis: ArqRedis,
    fake_openai: FakeOpenAI,
    asked: list[generation.Begun],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_openai.first_token_delay = 5.0
    thread = await new_thread(client, owner)

    async def failing_announce(thread_row: Any) -> None:
        raise RuntimeError("the transaction breaks after the model was asked")

    monkeypatch.setattr(service, "_announce_state", failing_announce)
    response = await send(client, owner, thread["id"])
    assert response.status_code == 500

    [requests] = asked
    assert requests.provider._first.cancelled()
    assert requests.moderation.done()
    assert not await ChatMessage.filter(thread_id=thread["id"]).exists()
    assert await redis.keys(lease_key("*")) == []
    assert await redis.keys(streaming.stream_key("*")) == []
    assert not lease.writing
    assert not lease.starting


async def test_a_history_that_changed_before_the_lock_asks_the_model_again(
    client: TestClientProtocol,
    owner: Login,
    in_web: Config,
    fake_openai: FakeOpenAI,
    asked: list[generation.Begun],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_openai.reply = json.dumps(
        {"subject": "Spring", "preheader": "News", "sections": [{"heading": "A", "body": "B"}]}
    )
    thread = await new_thread(client, owner)
    await send(client, owner, thread["id"], "First brief")
    await generation.finish_running(seconds=30)

    async def stale(actor: Any, thread_id: Any) -> list[ChatMessage]:
        # As read just before the first exchange landed.
        return []

    monkeypatch.setattr(service, "_messages_unlocked", stale)
    second = await (await send(client, owner, thread["id"], "Second brief")).get_json()
    await generation.finish_running(seconds=30)

    first_asked, again = asked[1:]
    assert first_asked.provider._first.cancelled() or first_asked.provider._first.done()
    reply = await ChatMessage.get(id=second["reply_message_id"])
    assert reply.status is MessageStatus.complete
    # The reply was written from the request sent with the history read under the lock.
    prompt = [(t.role, t.content) for t in again.provider.turns if t.role != "system"]
    assert [role for role, _ in prompt] == ["user", "assistant", "user"]
    assert prompt[-1] == ("user", "Second brief")
    sent = [body for body in fake_openai.requests if "messages" in body]
    assert [len(body["messages"]) for body in sent[1:]] == [2, 4]
