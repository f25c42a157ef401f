"""OPENAI_STORE_RESPONSES: OpenAI keeps the conversation, our rows keep its ids.

The real ``openai`` SDK talks to the local fake, which stores responses, chains them through
``previous_response_id`` and answers ``GET /v1/responses/{id}`` and its ``input_items``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from quart.typing import TestClientProtocol
from structlog.testing import capture_logs

from models.chat import ChatMessage, ChatThread, MessageStatus
from server.chat.generation import KEPT_UNREACHABLE, generate_reply
from server.core.config import Config
from server.core.redis import get_redis
from tests.factories import Login, login_as, make_user
from tests.fakes.openai_server import FakeOpenAI
from tests.jobs.worker_harness import run_worker_burst
from tests.server.chat.test_endpoints import BRIEF, new_thread, send

FOLLOW_UP = "Make the workshop section shorter, please."


@pytest.fixture
def fake_openai(
    fake_openai: FakeOpenAI, config: Config, monkeypatch: pytest.MonkeyPatch
) -> FakeOpenAI:
    """The suite's fake OpenAI, with OpenAI keeping the conversation."""
    monkeypatch.setattr(config, "openai_store_responses", True)
    return fake_openai


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def turn(
    client: TestClientProtocol, owner: Login, thread_id: str, content: str = BRIEF
) -> tuple[str, str]:
    """Send ``content`` and let the worker answer it; (user message id, reply id)."""
    ids = await (await send(client, owner, thread_id, content)).get_json()
    assert await generate_reply(ids["reply_message_id"]) == "complete"
    return ids["user_message_id"], ids["reply_message_id"]


async def read(client: TestClientProtocol, login: Login, thread_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/chat/threads/{thread_id}", headers=login.headers())
    assert response.status_code == 200
    body: dict[str, Any] = await response.get_json()
    return body


async def forget_cache() -> None:
    redis = get_redis()
    keys = [key async for key in redis.scan_iter("chat:readback:*")]
    if keys:
        await redis.delete(*keys)


def responses_requests(fake: FakeOpenAI) -> list[dict[str, Any]]:
    return [r for r in fake.requests if "store" in r]


async def test_reply_is_kept_by_openai_and_read_back(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    # A valid draft: no repair call, so every model call below is the stored conversation's.
    fake_openai.reply = json.dumps(
        {"subject": "Spring", "preheader": "News", "sections": [{"heading": "Hi", "body": "Hi"}]}
    )
    thread = await new_thread(client, owner)
    user_id, reply_id = await turn(client, owner, thread["id"])

    (sent,) = responses_requests(fake_openai)
    assert sent["store"] is True
    assert sent["stream"] is True
    assert sent.get("previous_response_id") is None
    assert sent["input"] == [{"role": "user", "content": BRIEF}]
    assert "newsletter writer" in sent["instructions"]
    assert sent["max_output_tokens"] > 0
    assert fake_openai.count("POST /v1/chat/completions") == 0

    # Our rows keep OpenAI's ids, not a second copy of the text.
    user, reply = await ChatMessage.get(id=user_id), await ChatMessage.get(id=reply_id)
    (response_id,) = fake_openai.responses
    assert (user.content, reply.content) == ("", "")
    assert user.provider_item_id == reply.provider_item_id == response_id
    assert reply.status is MessageStatus.complete
    assert reply.provider == "openai"
    stored = await ChatThread.get(id=thread["id"])
    assert (stored.provider_conversation, stored.provider_response_id) == ("openai", response_id)

    body = await read(client, owner, thread["id"])
    assert [m["content"] for m in body["messages"]] == [BRIEF, fake_openai.reply]
    assert not any(m["content_unavailable"] for m in body["messages"])
    assert fake_openai.count(f"GET /v1/responses/{response_id}") == 1
    assert fake_openai.count(f"GET /v1/responses/{response_id}/input_items") == 1

    # Read again: served from the Redis cache, OpenAI is not asked a second time.
    again = await read(client, owner, thread["id"])
    assert again["messages"] == body["messages"]
    assert fake_openai.count(f"GET /v1/responses/{response_id}") == 1
    assert fake_openai.count(f"GET /v1/responses/{response_id}/input_items") == 1


async def test_next_turn_continues_from_the_previous_response(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    thread = await new_thread(client, owner)
    fake_openai.reply = "First draft."
    await turn(client, owner, thread["id"])
    (first_id,) = fake_openai.responses
    fake_openai.reply = "Shorter draft."
    _, reply_id = await turn(client, owner, thread["id"], FOLLOW_UP)

    second = responses_requests(fake_openai)[-1]
    assert second["previous_response_id"] == first_id
    assert second["input"] == [{"role": "user", "content": FOLLOW_UP}]
    reply = await ChatMessage.get(id=reply_id)
    assert reply.provider_item_id is not None
    assert reply.provider_item_id != first_id
    stored = await ChatThread.get(id=thread["id"])
    assert stored.provider_response_id == reply.provider_item_id
    assert await ChatMessage.filter(thread_id=thread["id"]).exclude(content="").count() == 0

    body = await read(client, owner, thread["id"])
    assert [m["content"] for m in body["messages"]] == [
        BRIEF,
        "First draft.",
        FOLLOW_UP,
        "Shorter draft.",
    ]


async def test_the_thread_reads_back_in_a_fresh_app_on_another_device(
    owner: Login, fake_openai: FakeOpenAI, config: Config, client: TestClientProtocol
) -> None:
    from server.app import create_app

    thread = await new_thread(client, owner)
    fake_openai.reply = "Kept by OpenAI."
    await turn(client, owner, thread["id"])
    await forget_cache()

    # A restarted server and a second session of the same user (another device).
    fresh = create_app(config)
    async with fresh.test_app():
        other_device = await login_as(owner.user)
        body = await read(fresh.test_client(), other_device, thread["id"])
    assert [m["content"] for m in body["messages"]] == [BRIEF, "Kept by OpenAI."]
    (response_id,) = fake_openai.responses
    assert fake_openai.count(f"GET /v1/responses/{response_id}") == 1


async def test_openai_unreachable_the_thread_still_loads(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    thread = await new_thread(client, owner)
    await turn(client, owner, thread["id"])
    await forget_cache()
    await fake_openai.close()

    body = await read(client, owner, thread["id"])
    assert [m["content"] for m in body["messages"]] == ["", ""]
    assert [m["content_unavailable"] for m in body["messages"]] == [True, True]
    assert [m["status"] for m in body["messages"]] == ["complete", "complete"]


async def test_another_provider_answers_after_reading_the_history_back(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    thread = await new_thread(client, owner)
    fake_openai.reply = "Kept first draft."
    await turn(client, owner, thread["id"])
    # OpenAI refuses new responses but still answers reads: the offline drafter takes over
    # with the history read back.
    fake_openai.status = 500
    _, reply_id = await turn(client, owner, thread["id"], FOLLOW_UP)
    reply = await ChatMessage.get(id=reply_id)
    assert reply.provider == "offline"
    assert reply.content  # ours: the offline drafter keeps nothing
    assert reply.provider_item_id is None
    (response_id,) = fake_openai.responses
    assert fake_openai.count(f"GET /v1/responses/{response_id}") == 1

    # OpenAI back: the turns it does not hold are sent along with the new one.
    fake_openai.status = None
    fake_openai.reply = "Third."
    await turn(client, owner, thread["id"], "And a PS.")
    last = responses_requests(fake_openai)[-1]
    assert last["previous_response_id"] == response_id
    assert [i["content"] for i in last["input"]] == [FOLLOW_UP, reply.content, "And a PS."]


async def test_openai_gone_for_a_kept_thread_fails_the_reply_clearly(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    thread = await new_thread(client, owner)
    await turn(client, owner, thread["id"])
    await forget_cache()
    await fake_openai.close()

    ids = await (await send(client, owner, thread["id"], FOLLOW_UP)).get_json()
    assert await generate_reply(ids["reply_message_id"]) == "failed"
    reply = await ChatMessage.get(id=ids["reply_message_id"])
    assert reply.status is MessageStatus.failed
    assert reply.error_code == "history_unavailable"
    assert reply.error == KEPT_UNREACHABLE


async def test_flag_off_keeps_chat_completions_and_our_copy(
    client: TestClientProtocol,
    owner: Login,
    fake_openai: FakeOpenAI,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "openai_store_responses", False)
    thread = await new_thread(client, owner)
    user_id, reply_id = await turn(client, owner, thread["id"])
    assert responses_requests(fake_openai) == []
    assert (await ChatMessage.get(id=user_id)).content == BRIEF
    reply = await ChatMessage.get(id=reply_id)
    assert reply.content == fake_openai.reply
    assert reply.provider_item_id is None
    assert (await ChatThread.get(id=thread["id"])).provider_conversation is None


async def test_replay_after_the_live_stream_expired_reads_the_text_back(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI
) -> None:
    from server.chat import streaming
    from tests.server.chat.test_endpoints import parse_sse

    fake_openai.reply = "Tokens kept by OpenAI."
    thread = await new_thread(client, owner)
    _, reply_id = await turn(client, owner, thread["id"])
    await get_redis().delete(streaming.stream_key(reply_id))

    response = await client.get(
        f"/api/chat/threads/{thread['id']}/messages/{reply_id}/stream", headers=owner.headers()
    )
    events = parse_sse(await response.get_data(as_text=True))
    tokens = [data["delta"] for name, data, _ in events if name == "token"]
    assert "".join(tokens) == fake_openai.reply
    assert events[-1][0] == "done"
    assert events[-1][1]["content"] == fake_openai.reply


async def test_deleting_a_kept_conversation_deletes_it_at_openai(
    client: TestClientProtocol, owner: Login, fake_openai: FakeOpenAI, config: Config
) -> None:
    fake_openai.reply = json.dumps(
        {"subject": "Spring", "preheader": "News", "sections": [{"heading": "Hi", "body": "Hi"}]}
    )
    thread = await new_thread(client, owner)
    await turn(client, owner, thread["id"])
    await turn(client, owner, thread["id"], FOLLOW_UP)
    stored = sorted(fake_openai.responses)
    assert len(stored) == 2
    # Another conversation's responses stay.
    other = await new_thread(client, owner)
    await turn(client, owner, other["id"])
    (kept,) = set(fake_openai.responses) - set(stored)

    deleted = await client.delete(f"/api/chat/threads/{thread['id']}", headers=owner.headers())
    assert deleted.status_code == 204
    await run_worker_burst(config)

    assert set(fake_openai.responses) == {kept}
    for response_id in stored:
        assert fake_openai.count(f"DELETE /v1/responses/{response_id}") == 1


async def test_forgetting_retries_while_openai_is_away_then_gives_up_in_the_log(
    config: Config, monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAI
) -> None:
    from arq import Retry

    from agents.providers.base import ProviderUnavailable
    from jobs.chat import FORGET_TRIES, forget_provider_responses
    from tests.conftest import free_port

    monkeypatch.setattr(config, "openai_base_url", f"http://127.0.0.1:{free_port()}/v1")
    ctx: dict[str, Any] = {"redis": get_redis(), "job_try": 1}
    with pytest.raises(Retry):
        await forget_provider_responses(ctx, ["resp_1"])
    ctx["job_try"] = FORGET_TRIES
    with capture_logs() as logs, pytest.raises(ProviderUnavailable):
        await forget_provider_responses(ctx, ["resp_1"])
    assert any(e["event"] == "chat.provider_forget_failed" for e in logs)
    # Back: one OpenAI no longer has counts as deleted.
    monkeypatch.setattr(config, "openai_base_url", fake_openai.api_base)
    assert await forget_provider_responses(ctx, ["resp_gone"]) == 1
