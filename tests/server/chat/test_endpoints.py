"""Chat over REST and SSE with the real worker writing replies (the offline drafter: no AI
model is configured in tests)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.accounts import Membership
from models.chat import AIRequest, ChatMessage, MessageStatus
from server.core.config import Config
from tests.factories import Login, login_as, make_user
from tests.jobs.worker_harness import run_worker_burst

BRIEF = "Monthly update for our bakery: new sourdough loaf, Saturday workshop, holiday hours."


async def new_thread(client: TestClientProtocol, login: Login) -> dict[str, Any]:
    response = await client.post("/api/chat/threads", json={}, headers=login.headers())
    assert response.status_code == 201
    body: dict[str, Any] = await response.get_json()
    return body


async def send(
    client: TestClientProtocol, login: Login, thread_id: str, content: str = BRIEF
) -> Any:
    return await client.post(
        f"/api/chat/threads/{thread_id}/messages", json={"content": content},
        headers=login.headers(),
    )  # fmt: skip


def parse_sse(raw: str) -> list[tuple[str, dict[str, Any], str | None]]:
    events = []
    for block in raw.strip().split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith(":"):
                continue
            key, _, value = line.partition(": ")
            fields[key] = value
        if "event" in fields:
            events.append((fields["event"], json.loads(fields["data"]), fields.get("id")))
    return events


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def test_send_reply_draft_and_state(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    thread = await new_thread(client, owner)
    assert thread["state"] == "briefing"
    assert thread["has_draft"] is False
    assert "offline" in (thread["ai_notice"] or "")
    accepted = await send(client, owner, thread["id"])
    assert accepted.status_code == 202
    ids = await accepted.get_json()

    pending = await (await client.get(f"/api/chat/threads/{thread['id']}",
                                      headers=owner.headers())).get_json()  # fmt: skip
    assert pending["state"] == "drafting"
    assert [m["status"] for m in pending["messages"]] == ["complete", "pending"]

    await run_worker_burst(config)
    done = await (await client.get(f"/api/chat/threads/{thread['id']}",
                                   headers=owner.headers())).get_json()  # fmt: skip
    user, reply = done["messages"]
    assert user["id"] == ids["user_message_id"]
    assert user["content"] == BRIEF
    assert reply["id"] == ids["reply_message_id"]
    assert reply["status"] == "complete"
    assert reply["provider"] == "offline"
    assert reply["seq"] > 1
    assert done["state"] == "reviewing"
    assert done["title"].startswith("Monthly update for our bakery")
    draft = done["draft"]
    assert draft["subject"]
    # The list says which conversations a campaign can be made from.
    assert done["has_draft"] is True
    listed = await (await client.get("/api/chat/threads", headers=owner.headers())).get_json()
    assert [(t["id"], t["has_draft"]) for t in listed["items"]] == [(thread["id"], True)]
    assert draft["sections"]
    assert "sourdough" in json.dumps(draft).lower()
    assert all("<script" not in s["html"] for s in draft["sections"])
    record = await AIRequest.get(message_id=reply["id"])
    assert (record.provider, record.outcome) == ("offline", "ok")
    # The offline drafter is free: it never counts against the AI budget.
    assert (record.input_tokens, record.output_tokens) == (0, 0)
    assert record.ttft_ms is not None
    assert record.latency_ms is not None

    # SSE of a finished reply: every token in order, then done with the same text.
    stream = await client.get(
        f"/api/chat/threads/{thread['id']}/messages/{reply['id']}/stream?after=0",
        headers=owner.headers(),
    )
    assert stream.content_type.startswith("text/event-stream")
    events = parse_sse(await stream.get_data(as_text=True))
    tokens = [e for e in events if e[0] == "token"]
    assert [int(e[2] or 0) for e in tokens] == list(range(1, reply["seq"] + 1))
    assert "".join(e[1]["delta"] for e in tokens) == reply["content"]
    assert events[-1][0] == "done"
    assert events[-1][1]["content"] == reply["content"]

    tail = await client.get(
        f"/api/chat/threads/{thread['id']}/messages/{reply['id']}/stream?after=2",
        headers=owner.headers(),
    )
    tail_tokens = [e for e in parse_sse(await tail.get_data(as_text=True)) if e[0] == "token"]
    assert tail_tokens[0][1]["seq"] == 3
    head = "".join(e[1]["delta"] for e in tokens[:2])
    assert head + "".join(e[1]["delta"] for e in tail_tokens) == reply["content"]


async def test_one_reply_at_a_time(client: TestClientProtocol, owner: Login) -> None:
    thread = await new_thread(client, owner)
    assert (await send(client, owner, thread["id"])).status_code == 202
    busy = await send(client, owner, thread["id"], "and another thing")
    assert busy.status_code == 409
    assert (await busy.get_json())["code"] == "reply_in_progress"


async def test_threads_belong_to_their_workspace(client: TestClientProtocol, owner: Login) -> None:
    thread = await new_thread(client, owner)
    stranger = await login_as(await make_user())
    for response in (
        await client.get(f"/api/chat/threads/{thread['id']}", headers=stranger.headers()),
        await send(client, stranger, thread["id"]),
    ):
        assert response.status_code == 404
    listed = await (await client.get("/api/chat/threads", headers=stranger.headers())).get_json()
    assert listed == {"items": []}
    mine = await (await client.get("/api/chat/threads", headers=owner.headers())).get_json()
    assert [t["id"] for t in mine["items"]] == [thread["id"]]


async def test_rename_and_delete_a_conversation(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    thread = await new_thread(client, owner)
    url = f"/api/chat/threads/{thread['id']}"
    renamed = await client.patch(url, json={"title": "  Spring issue "}, headers=owner.headers())
    assert renamed.status_code == 200
    body = await renamed.get_json()
    assert body["title"] == "Spring issue"
    # Not activity: the list's order does not change.
    assert body["updated_at"] == thread["updated_at"]
    blank = await client.patch(url, json={"title": "   "}, headers=owner.headers())
    assert blank.status_code == 422
    assert (await blank.get_json())["code"] == "validation_error"
    # A pasted line break becomes a space: the list shows titles on one line.
    pasted = await client.patch(url, json={"title": "Spring\r\n\tissue"}, headers=owner.headers())
    assert (await pasted.get_json())["title"] == "Spring issue"
    blank_lines = await client.patch(url, json={"title": "\n\n"}, headers=owner.headers())
    assert blank_lines.status_code == 422

    # Not while a reply is being written: nothing is lost.
    ids = await (await send(client, owner, thread["id"])).get_json()
    busy = await client.delete(url, headers=owner.headers())
    assert busy.status_code == 409
    assert (await busy.get_json())["code"] == "reply_in_progress"
    assert await ChatMessage.filter(thread_id=thread["id"]).count() == 2

    await run_worker_burst(config)
    stranger = await login_as(await make_user())
    assert (await client.delete(url, headers=stranger.headers())).status_code == 404
    assert (
        await client.patch(url, json={"title": "x"}, headers=stranger.headers())
    ).status_code == 404
    deleted = await client.delete(url, headers=owner.headers())
    assert deleted.status_code == 204
    assert (await client.get(url, headers=owner.headers())).status_code == 404
    assert not await ChatMessage.filter(id=ids["reply_message_id"]).exists()
    listed = await (await client.get("/api/chat/threads", headers=owner.headers())).get_json()
    assert listed == {"items": []}


async def test_transitions_are_validated_and_versioned(
    client: TestClientProtocol, owner: Login
) -> None:
    thread = await new_thread(client, owner)
    url = f"/api/chat/threads/{thread['id']}/transition"
    illegal = await client.post(
        url, json={"target": "handed_off", "version": thread["state_version"]},
        headers=owner.headers(),
    )  # fmt: skip
    assert illegal.status_code == 409
    body = await illegal.get_json()
    assert body["code"] == "illegal_transition"
    assert body["details"] == {"current": "briefing", "allowed": ["drafting"]}
    ok = await client.post(
        url, json={"target": "drafting", "version": thread["state_version"]},
        headers=owner.headers(),
    )  # fmt: skip
    assert ok.status_code == 200
    assert (await ok.get_json())["state"] == "drafting"
    stale = await client.post(
        url, json={"target": "reviewing", "version": thread["state_version"]},
        headers=owner.headers(),
    )  # fmt: skip
    assert stale.status_code == 409
    assert (await stale.get_json())["code"] == "version_conflict"


async def test_budget_exhausted_refuses_generation(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    thread = await new_thread(client, owner)
    membership = await Membership.get(user=owner.user)
    await AIRequest.create(
        workspace_id=membership.workspace_id,  # type: ignore[attr-defined]
        provider="openai", model="gpt-4o-mini", input_tokens=config.ai_budget_tokens["free"],
        output_tokens=1, outcome="ok", created_at=datetime.now(UTC),
    )  # fmt: skip
    response = await send(client, owner, thread["id"])
    assert response.status_code == 429
    body = await response.get_json()
    assert body["code"] == "ai_budget_exceeded"
    assert "first of next month" in body["message"]
    usage = await (await client.get("/api/chat/usage", headers=owner.headers())).get_json()
    assert usage["refused"] is True
    assert usage["input_tokens"] == config.ai_budget_tokens["free"]


async def test_flagged_input_is_withheld_but_kept(client: TestClientProtocol, owner: Login) -> None:
    thread = await new_thread(client, owner)
    response = await send(client, owner, thread["id"], "I will kill you and your family")
    assert response.status_code == 422
    body = await response.get_json()
    assert body["code"] == "message_withheld"
    stored = await ChatMessage.get(id=body["details"]["message_id"])
    assert stored.status is MessageStatus.withheld
    assert stored.content == "I will kill you and your family"
    assert not await ChatMessage.filter(role="assistant").exists()


async def test_failed_reply_can_be_retried(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    thread = await new_thread(client, owner)
    ids = await (await send(client, owner, thread["id"])).get_json()
    # As if the provider had died mid-reply.
    await ChatMessage.filter(id=ids["reply_message_id"]).update(
        status=MessageStatus.failed, content="Partial te", seq=1, error_code="generation_failed"
    )
    retry = await client.post(
        f"/api/chat/threads/{thread['id']}/messages/{ids['reply_message_id']}/retry",
        headers=owner.headers(),
    )
    assert retry.status_code == 202
    new_reply = (await retry.get_json())["reply_message_id"]
    await run_worker_burst(config)
    failed = await ChatMessage.get(id=ids["reply_message_id"])
    assert (failed.status, failed.content) == (MessageStatus.failed, "Partial te")
    assert (await ChatMessage.get(id=new_reply)).status is MessageStatus.complete
    again = await client.post(
        f"/api/chat/threads/{thread['id']}/messages/{new_reply}/retry", headers=owner.headers()
    )
    assert again.status_code == 409


async def test_orphaned_streaming_reply_ends_as_interrupted(
    client: TestClientProtocol, owner: Login
) -> None:
    from server.chat.generation import generate_reply

    thread = await new_thread(client, owner)
    ids = await (await send(client, owner, thread["id"])).get_json()
    await ChatMessage.filter(id=ids["reply_message_id"]).update(
        status=MessageStatus.streaming, content="Half", seq=1
    )
    assert await generate_reply(ids["reply_message_id"]) == "skipped"
    reply = await ChatMessage.get(id=ids["reply_message_id"])
    assert reply.status is MessageStatus.failed
    assert reply.error_code == "interrupted"
    assert reply.content == "Half"
    assert await generate_reply(str(uuid.uuid4())) == "skipped"


async def test_replay_after_the_live_stream_expired_has_no_gaps(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    from server.chat import streaming
    from server.core.redis import get_redis

    thread = await new_thread(client, owner)
    ids = await (await send(client, owner, thread["id"])).get_json()
    await run_worker_burst(config)
    reply = await ChatMessage.get(id=ids["reply_message_id"])
    await get_redis().delete(streaming.stream_key(reply.id))
    response = await client.get(
        f"/api/chat/threads/{thread['id']}/messages/{reply.id}/stream?after=2",
        headers=owner.headers(),
    )
    events = parse_sse(await response.get_data(as_text=True))
    tokens = [e for e in events if e[0] == "token"]
    assert [e[1]["seq"] for e in tokens] == list(range(3, reply.seq + 1))
    head = reply.content[: reply.seq_offsets[1]]
    assert head + "".join(e[1]["delta"] for e in tokens) == reply.content
    assert events[-1][0] == "done"


def test_stored_tokens_rebuild_each_batch() -> None:
    from server.chat.streaming import Token, stored_tokens

    assert stored_tokens("abcdef", [2, 3, 6], 0) == [Token(1, "ab"), Token(2, "c"), Token(3, "def")]
    assert stored_tokens("abcdef", [2, 3, 6], 2) == [Token(3, "def")]
    assert stored_tokens("abcdef", [2, 3, 6], 3) == []
