"""The reply pipeline with a real model protocol: the OpenAI SDK against a local fake server.

Covers provider fallback, usage and cost telemetry, a failure after tokens (partial text kept,
retry offered), moderation of model output and the draft with hostile markup removed.
"""

from __future__ import annotations

import json

import pytest
from quart.typing import TestClientProtocol

from models.chat import AIRequest, ChatMessage, ChatThread, MessageStatus
from server.chat.generation import generate_reply
from server.core.config import Config
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
    fake_openai.reply = "a perfectly normal looking reply"
    _, reply_id = await start(client, owner)
    # Flag the output only (the user's brief was checked before, unflagged).
    fake_openai.moderation_flagged = ["violence"]
    assert await generate_reply(reply_id) == "withheld"
    reply = await ChatMessage.get(id=reply_id)
    assert reply.status is MessageStatus.withheld
    assert reply.error


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
