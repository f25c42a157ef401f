"""The reply pipeline with a real model protocol: the OpenAI SDK against a local fake server.

Covers provider fallback, usage and cost telemetry, a failure after tokens (partial text kept,
retry offered), moderation of model output and the draft with hostile markup removed.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from quart.typing import TestClientProtocol

from agents.guardrails import Draft
from agents.providers.base import ChatTurn
from models.chat import AIRequest, ChatMessage, ChatThread, MessageStatus
from server.chat import generation, streaming
from server.chat.generation import generate_reply
from server.core.config import Config
from server.core.redis import get_redis
from tests.factories import Login, login_as, make_user
from tests.fakes.openai_server import FakeOpenAI
from tests.server.chat.test_endpoints import new_thread, send

DRAFT = {
    "subject": "Spring at the bakery",
    "preheader": "Sourdough, a workshop and new hours",
    "sections": [
        {"heading": "New loaf", "body": "Try our **sourdough**. <script>alert(1)</script>"},
        {
            "heading": "Workshop",
            "body": "[Book now](javascript:alert(1)) or [here](https://x.test)",
        },
    ],
}


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def start(client: TestClientProtocol, owner: Login) -> tuple[str, str]:
    thread = await new_thread(client, owner)
    ids = await (await send(client, owner, thread["id"])).get_json()
    return thread["id"], ids["reply_message_id"]


async def test_openai_reply_with_usage_cost_and_safe_draft(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    fake_openai.reply = json.dumps(DRAFT)
    thread_id, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "complete"
    reply = await ChatMessage.get(id=reply_id)
    assert (reply.provider, reply.model) == ("openai", "gpt-4o-mini")
    assert reply.content == fake_openai.reply
    record = await AIRequest.get(message_id=reply_id)
    assert record.outcome == "ok"
    assert record.input_tokens == fake_openai.prompt_tokens
    assert record.output_tokens > 0
    assert float(record.cost_usd) > 0
    thread = await ChatThread.get(id=thread_id)
    assert thread.draft is not None
    sections: list[dict[str, str]] = thread.draft["sections"]  # type: ignore[assignment]
    html = "".join(s["html"] for s in sections)
    assert "<script" not in html
    assert "javascript:" not in html
    assert 'href="https://x.test"' in html
    assert "<strong>sourdough</strong>" in html
    metrics = await (await client.get("/metrics")).get_data(as_text=True)
    assert (
        'inkwell_ai_requests_total{model="gpt-4o-mini",outcome="ok",provider="openai"} 1.0'
        in metrics
    )
    assert (
        'inkwell_ai_tokens_total{direction="in",model="gpt-4o-mini",provider="openai"}' in metrics
    )
    # The brief went to the model; no contact data exists to leak, and the system prompt leads.
    sent = next(r for r in fake_openai.requests if "messages" in r)["messages"]
    assert sent[0]["role"] == "system"
    assert any("bakery" in m["content"] for m in sent)


async def test_server_error_falls_back_to_the_offline_drafter(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    fake_openai.status = 500
    _, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "complete"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.provider == "offline"
    skipped = await AIRequest.get(message_id=reply_id, provider="openai")
    assert skipped.outcome == "unavailable"


async def test_failure_after_tokens_keeps_the_partial_text(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    fake_openai.reply = "one two three four five six seven eight nine ten " * 5
    fake_openai.drop_after = 4
    thread_id, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "failed"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.status is MessageStatus.failed
    assert reply.error_code == "generation_failed"
    assert reply.content.startswith("one two")
    assert reply.seq >= 1
    retry = await client.post(
        f"/api/chat/threads/{thread_id}/messages/{reply_id}/retry", headers=owner.headers()
    )
    assert retry.status_code == 202


async def test_flagged_model_output_is_withheld(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    fake_openai.reply = "a perfectly normal looking reply, until forbidden-output"
    fake_openai.moderation_flagged = ["violence"]
    fake_openai.moderation_flag_only = "forbidden-output"
    _, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "withheld"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.status is MessageStatus.withheld
    assert reply.error
    # The brief itself passed: only the reply is withheld.
    brief = await ChatMessage.get(thread_id=reply.thread_id, role="user")  # type: ignore[attr-defined]
    assert brief.status is MessageStatus.complete


async def test_input_flagged_in_the_job_withholds_the_reply_before_any_token(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    # The request's local rules let it through; OpenAI's moderation, asked by the job while
    # the model already streams, flags it after the first token is ready.
    fake_openai.moderation_flagged = ["harassment"]
    fake_openai.moderation_flag_only = "forbidden-brief"
    fake_openai.moderation_delay = 0.3
    thread = await new_thread(client, owner)
    response = await send(client, owner, thread["id"], "A newsletter, forbidden-brief inside")
    assert response.status_code == 202
    reply_id = (await response.get_json())["reply_message_id"]
    assert await generate_reply(reply_id) == "withheld"
    assert fake_openai.count("POST /v1/chat/completions") == 1
    reply = await ChatMessage.get(id=reply_id)
    assert (reply.status, reply.error_code, reply.content, reply.seq) == (
        MessageStatus.withheld, "message_withheld", "", 0,
    )  # fmt: skip
    assert reply.error is not None
    assert "harasses" in reply.error
    brief = await ChatMessage.get(thread_id=thread["id"], role="user")
    assert brief.status is MessageStatus.withheld
    assert brief.content == "A newsletter, forbidden-brief inside"
    # Nothing of the reply was published: the stream holds only the end marker.
    items = await streaming.read_after(get_redis(), reply_id, 0)
    assert items == [streaming.End("error", {"code": "message_withheld", "message": reply.error})]
    assert (await AIRequest.get(message_id=reply_id)).outcome == "withheld"
    # The withheld brief is never sent to a model again.
    fake_openai.moderation_flagged = []
    again = await send(client, owner, thread["id"], "Spring opening hours")
    assert await generate_reply((await again.get_json())["reply_message_id"]) == "complete"
    last = [r for r in fake_openai.requests if "messages" in r][-1]
    assert not any("forbidden-brief" in m["content"] for m in last["messages"])


async def test_slow_moderation_holds_the_reply_back_but_loses_nothing(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    fake_openai.reply = json.dumps(DRAFT)
    fake_openai.moderation_delay = 0.3
    _, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "complete"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.content == fake_openai.reply
    items = await streaming.read_after(get_redis(), reply_id, 0)
    tokens = [i for i in items if isinstance(i, streaming.Token)]
    assert [t.seq for t in tokens] == list(range(1, reply.seq + 1))
    assert "".join(t.delta for t in tokens) == fake_openai.reply


async def test_near_the_budget_the_cheaper_model_is_used(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI, config: Config
) -> None:
    from models.accounts import Membership

    membership = await Membership.get(user=owner.user)
    used = int(config.ai_budget_tokens["free"] * 0.85)
    await AIRequest.create(
        workspace_id=membership.workspace_id,  # type: ignore[attr-defined]
        provider="openai", model="gpt-4o-mini", input_tokens=used, output_tokens=0, outcome="ok",
    )  # fmt: skip
    fake_openai.reply = json.dumps(DRAFT)
    _, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "complete"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.model == config.openai_cheap_model
    chat_request = next(r for r in fake_openai.requests if "messages" in r)
    assert chat_request["model"] == config.openai_cheap_model


async def test_batches_grow_with_the_number_of_replies_being_written(
    client: TestClientProtocol,
    owner: Login,
    fake_openai: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, reply_id = await start(client, owner)
    reply = await ChatMessage.get(id=reply_id)

    async def batches(live: int) -> list[str]:
        monkeypatch.setattr(generation._Writer, "live", live)
        writer = generation._Writer(reply, reply.thread_id)  # type: ignore[attr-defined]
        for word in ["one ", "two ", "three ", "four ", "five "]:
            await writer.add(word)
            await asyncio.sleep(0.03)
        await writer.flush(save=True)
        await writer.stop()
        items = await streaming.read_after(get_redis(), reply_id, 0)
        await get_redis().delete(streaming.stream_key(reply_id))
        return [i.delta for i in items if isinstance(i, streaming.Token)]

    # Alone, each delta 30 ms apart goes out on its own.
    assert await batches(1) == ["one ", "two ", "three ", "four ", "five "]
    # Writing 100 replies, the interval stretches to 100 ms: the first delta still goes at
    # once, the next ones wait for the timer and travel together.
    alone_then_together = await batches(100)
    assert alone_then_together[0] == "one "
    assert len(alone_then_together) <= 3
    assert "".join(alone_then_together) == "one two three four five "


async def test_a_fault_in_our_own_code_ends_the_reply_as_failed_with_a_retry(
    client: TestClientProtocol,
    config: Config,
    owner: Login,
    fake_openai: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from agents.providers import offline

    # No model configured: the offline drafter writes the reply, and here it breaks.
    fake_openai.status = 500
    real_compose = offline.compose

    def broken(turns: list[ChatTurn]) -> Draft:
        raise RuntimeError("a bug in the drafter")

    monkeypatch.setattr(offline, "compose", broken)
    thread_id, reply_id = await start(client, owner)
    assert await generate_reply(reply_id) == "failed"
    reply = await ChatMessage.get(id=reply_id)
    assert (reply.status, reply.error_code) == (MessageStatus.failed, "generation_failed")
    assert reply.error == "Something went wrong while writing this reply. Retry to try again."
    # The user's message is kept, the stream is ended, and a retry works once the fault is gone.
    read = await client.get(f"/api/chat/threads/{thread_id}", headers=owner.headers())
    messages = (await read.get_json())["messages"]
    assert [(m["role"], m["status"]) for m in messages] == [
        ("user", "complete"),
        ("assistant", "failed"),
    ]
    items = await streaming.read_after(get_redis(), reply_id, 0)
    assert [getattr(item, "event", None) for item in items] == ["error"]
    monkeypatch.setattr(offline, "compose", real_compose)
    retry = await client.post(
        f"/api/chat/threads/{thread_id}/messages/{reply_id}/retry", headers=owner.headers()
    )
    assert retry.status_code == 202
    again = (await retry.get_json())["reply_message_id"]
    assert await generate_reply(again) == "complete"
