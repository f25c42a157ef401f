"""Chat over a real Socket.IO connection: tokens fan out, and a client that drops mid-reply
resumes from its last seq and ends with exactly the full text."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import socketio
from arq.worker import Worker

from models.chat import ChatMessage
from server.core.config import Config
from tests.factories import Login, login_as, make_user
from tests.fakes.openai_server import FakeOpenAI


class Listener:
    def __init__(self, login: Login) -> None:
        self.login = login
        self.tokens: list[dict[str, Any]] = []
        self.done: list[dict[str, Any]] = []
        self.states: list[str] = []
        self.errors: list[dict[str, Any]] = []
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("chat:error", self.errors.append)
        self.client.on("chat:token", self.tokens.append)
        self.client.on("chat:done", self.done.append)
        self.client.on("chat:state", lambda data: self.states.append(data["state"]))

    async def connect(self, base_url: str) -> None:
        await self.client.connect(
            base_url, socketio_path="socket.io", transports=["polling", "websocket"],
            headers={"Cookie": self.login.cookie_header},
        )  # fmt: skip

    async def wait(self, condition: Any, seconds: float = 20) -> None:
        for _ in range(int(seconds / 0.02)):
            if condition():
                return
            await asyncio.sleep(0.02)
        raise AssertionError("timed out waiting on the socket")


async def send_in_new_thread(
    http: httpx.AsyncClient, listener: Listener, base_url: str, content: str
) -> tuple[str, str]:
    """A new thread with ``listener`` connected and in its room, and ``content`` sent to it;
    returns the thread's and the reply's ids."""
    thread = (await http.post("/api/chat/threads", json={})).json()
    await listener.connect(base_url)
    joined = await listener.client.call("chat:join", {"thread_id": thread["id"]}, timeout=5)
    assert joined == {"ok": True}
    sent = await http.post(f"/api/chat/threads/{thread['id']}/messages", json={"content": content})
    assert sent.status_code == 202
    return thread["id"], sent.json()["reply_message_id"]


@pytest.fixture(params=["worker", "web"])
def writer(request: pytest.FixtureRequest, config: Config, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which process writes the reply: a worker, or the web process that took the message."""
    monkeypatch.setattr(config, "chat_replies_in_web", request.param == "web")
    return str(request.param)


async def test_reply_streams_and_resume_has_no_gap_or_duplicate(
    live_server: str, running_worker: Worker, writer: str
) -> None:
    login = await login_as(await make_user())
    async with httpx.AsyncClient(base_url=live_server, headers=login.headers()) as http:
        first = Listener(login)
        thread_id, reply_id = await send_in_new_thread(
            http,
            first,
            live_server,
            "Newsletter for a cycling club: spring rides, new kit, AGM date.",
        )
        await first.wait(lambda: len(first.tokens) >= 3)
        await first.client.disconnect()
        seen = [t for t in first.tokens if t["message_id"] == reply_id]
        assert len({t["seq"] for t in seen}) == len(seen), "a token arrived twice"
        last_seq = max(t["seq"] for t in seen)

        second = Listener(login)
        await second.connect(live_server)
        resumed = await second.client.call(
            "chat:resume",
            {"thread_id": thread_id, "message_id": reply_id, "after_seq": last_seq},
            timeout=5,
        )
        assert resumed["ok"] is True
        await second.wait(lambda: bool(second.done))
        await second.client.disconnect()

    merged: dict[int, str] = {t["seq"]: t["delta"] for t in seen}
    for token in second.tokens:
        assert token["seq"] > last_seq, "replayed a token the client already had"
        merged.setdefault(token["seq"], token["delta"])
    assert sorted(merged) == list(range(1, max(merged) + 1)), "a seq is missing"
    stored = await ChatMessage.get(id=reply_id)
    assert "".join(merged[s] for s in sorted(merged)) == stored.content
    assert second.done[0]["content"] == stored.content
    assert stored.seq == max(merged)


async def test_send_over_the_socket_and_refuse_other_workspaces(
    live_server: str, running_worker: Worker
) -> None:
    login = await login_as(await make_user())
    stranger = await login_as(await make_user())
    async with httpx.AsyncClient(base_url=live_server, headers=login.headers()) as http:
        thread = (await http.post("/api/chat/threads", json={})).json()
    listener = Listener(login)
    await listener.connect(live_server)
    answer = await listener.client.call(
        "chat:send", {"thread_id": thread["id"], "content": "A note about our open day"},
        timeout=5,
    )  # fmt: skip
    assert answer["ok"] is True
    # chat:done and then chat:state: wait for the second, which may arrive a moment later.
    await listener.wait(lambda: bool(listener.done) and "reviewing" in listener.states)
    assert listener.done[0]["content"]
    await listener.client.disconnect()

    other = Listener(stranger)
    await other.connect(live_server)
    refused = await other.client.call("chat:join", {"thread_id": thread["id"]}, timeout=5)
    assert refused["ok"] is False
    assert refused["code"] == "not_found"
    await other.client.disconnect()


async def test_input_flagged_while_the_model_streams_sends_no_token(
    live_server: str, running_worker: Worker, fake_openai: FakeOpenAI, writer: str
) -> None:
    # OpenAI's moderation runs in the job beside the model and answers after the first token
    # is ready; that token must never reach a socket.
    fake_openai.moderation_flagged = ["violence"]
    fake_openai.moderation_flag_only = "forbidden-brief"
    fake_openai.moderation_delay = 0.3
    login = await login_as(await make_user())
    listener = Listener(login)
    async with httpx.AsyncClient(base_url=live_server, headers=login.headers()) as http:
        thread_id, reply_id = await send_in_new_thread(
            http, listener, live_server, "Our spring newsletter, forbidden-brief"
        )
        await listener.wait(lambda: bool(listener.errors))
        read = (await http.get(f"/api/chat/threads/{thread_id}")).json()
    await listener.client.disconnect()
    assert fake_openai.count("POST /v1/chat/completions") == 1
    assert listener.errors[0]["message_id"] == reply_id
    assert listener.errors[0]["code"] == "message_withheld"
    assert listener.tokens == []
    assert [(m["role"], m["status"]) for m in read["messages"]] == [
        ("user", "withheld"),
        ("assistant", "withheld"),
    ]


async def test_malformed_events_are_answered_with_an_error_not_left_hanging(
    live_server: str,
) -> None:
    login = await login_as(await make_user())
    async with httpx.AsyncClient(base_url=live_server, headers=login.headers()) as http:
        thread = (await http.post("/api/chat/threads", json={})).json()
    listener = Listener(login)
    await listener.connect(live_server)
    calls: list[tuple[str, Any, str]] = [
        ("chat:join", "not an object", "bad_request"),
        ("chat:join", {"thread_id": ["a", "list"]}, "bad_request"),
        ("chat:send", ["not", "an", "object"], "bad_request"),
        ("chat:send", {"thread_id": thread["id"], "content": "nul \x00 here"}, "validation_error"),
        ("chat:resume", {"thread_id": thread["id"], "message_id": thread["id"],
                         "after_seq": {"n": 1}}, "bad_request"),
        ("chat:resume", {"thread_id": thread["id"], "message_id": "x", "after_seq": 1},
         "bad_request"),
    ]  # fmt: skip
    try:
        for event, data, code in calls:
            answer = await listener.client.call(event, data, timeout=5)
            assert answer["ok"] is False, (event, data)
            assert answer["code"] == code, (event, data, answer)
        # No payload at all, or a second argument: python-socketio calls the handler with
        # fewer or more arguments, which must still get an answer.
        for event in ("chat:join", "chat:send", "chat:resume"):
            answer = await listener.client.call(event, timeout=5)
            assert (answer["ok"], answer["code"]) == (False, "bad_request"), event
            assert answer["message"], event
            answer = await listener.client.call(event, ("not an object", 2), timeout=5)
            assert (answer["ok"], answer["code"]) == (False, "bad_request"), event
        # Nothing was stored by the refused send.
        assert await ChatMessage.filter(thread_id=thread["id"]).count() == 0
    finally:
        await listener.client.disconnect()
