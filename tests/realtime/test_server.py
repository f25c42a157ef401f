"""Socket.IO over a real server: connect, round trip, and fan-out through Redis."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import socketio

from realtime.emit import emit_after_commit, emit_now, publication, set_emitter
from realtime.server import channel_for, redis_manager, workspace_room
from server.core.config import Config
from server.core.db import transaction
from server.core.redis import get_redis
from tests.conftest import SPARE_REDIS_DB
from tests.factories import Login, login_as, make_user


async def connected_client(
    base_url: str, login: Login | None = None, auth: dict[str, str] | None = None
) -> tuple[socketio.AsyncClient, list[Any]]:
    received: list[Any] = []
    client = socketio.AsyncClient(reconnection=False)
    client.on("test:event", lambda data: received.append(data))
    headers = {"X-Request-ID": "sock-req-1"}
    if auth is None:
        login = login or await login_as(await make_user())
        headers["Cookie"] = login.cookie_header
    # Starts on long-polling, where the client sends the Cookie header as given (a websocket
    # start would move it into aiohttp's cookie jar, which holds nothing for an IP address),
    # then upgrades to a websocket as a browser does.
    await client.connect(
        base_url,
        socketio_path="socket.io",
        transports=["polling", "websocket"],
        headers=headers,
        auth=auth,
    )
    return client, received


async def wait_for(received: list[Any], count: int) -> None:
    for _ in range(100):
        if len(received) >= count:
            return
        await asyncio.sleep(0.02)


async def test_ping_round_trip_carries_request_id(live_server: str) -> None:
    client, _ = await connected_client(live_server)
    try:
        answer = await client.call("system:ping", {}, timeout=5)
        assert answer == {"ok": True, "request_id": "sock-req-1"}
    finally:
        await client.disconnect()


async def test_worker_emit_reaches_socket_through_redis(live_server: str, config: Config) -> None:
    client, received = await connected_client(live_server)
    worker_side = redis_manager(config, write_only=True)
    try:
        # As a worker process would: publish on the Redis channel, never touch the socket.
        await worker_side.emit("test:event", {"n": 1}, namespace="/")
        await wait_for(received, 1)
        assert received == [{"n": 1}]
    finally:
        await client.disconnect()


def test_each_redis_database_has_its_own_channel() -> None:
    assert channel_for("redis://127.0.0.1:6379/2") == "inkwell:socketio:2"
    assert channel_for("redis://127.0.0.1:6379") == "inkwell:socketio:0"
    assert channel_for("unix:///tmp/redis.sock?db=3") == "inkwell:socketio:3"
    assert channel_for(None) == "inkwell:socketio:0"


async def test_an_emit_from_another_redis_database_does_not_reach_the_socket(
    live_server: str, config: Config
) -> None:
    # The same Redis server, the next database: another install, as far as we are concerned.
    # Pub/sub is server-wide, so only the channel's name keeps its broadcasts out.
    assert config.redis_url is not None
    other_url = urlunsplit(urlsplit(config.redis_url)._replace(path=f"/{SPARE_REDIS_DB}"))
    other = redis_manager(config.model_copy(update={"redis_url": other_url}), write_only=True)
    ours = redis_manager(config, write_only=True)
    client, received = await connected_client(live_server)
    try:
        await other.emit("test:event", {"n": "other install"}, namespace="/")
        await ours.emit("test:event", {"n": "ours"}, namespace="/")
        await wait_for(received, 1)
        await asyncio.sleep(0.2)  # time for a stray event to arrive after ours
        assert received == [{"n": "ours"}]
    finally:
        await client.disconnect()


async def test_emit_after_commit_waits_for_commit_and_skips_rollback(
    live_server: str, config: Config
) -> None:
    client, received = await connected_client(live_server)
    set_emitter(redis_manager(config, write_only=True))
    try:
        try:
            async with transaction():
                await emit_after_commit("test:event", {"n": "rolled back"}, room=None)
                raise RuntimeError("abort")
        except RuntimeError:
            pass
        async with transaction():
            await emit_after_commit("test:event", {"n": "committed"}, room=None)
            await asyncio.sleep(0.2)
            assert received == []
        await wait_for(received, 1)
        await emit_now("test:event", {"n": "direct"}, room=None)
        await wait_for(received, 2)
        assert received == [{"n": "committed"}, {"n": "direct"}]
    finally:
        await client.disconnect()


async def test_a_publication_sent_in_a_pipeline_reaches_the_room(
    live_server: str, config: Config
) -> None:
    """What a worker sends beside a token's XADD: a plain PUBLISH that the web delivers."""
    login = await login_as(await make_user())
    client, received = await connected_client(live_server, login)
    try:
        set_emitter(None)
        assert publication("test:event", {"n": 1}, room=None) is None
        set_emitter(redis_manager(config, write_only=True))
        room = workspace_room(login.session.workspace_id)  # type: ignore[attr-defined]
        fan_out = publication("test:event", {"n": "piped"}, room=room)
        assert fan_out is not None
        async with get_redis().pipeline(transaction=False) as pipe:
            pipe.publish(*fan_out)
            await pipe.execute()
        await wait_for(received, 1)
        assert received == [{"n": "piped"}]
    finally:
        set_emitter(None)
        await client.disconnect()


async def test_unauthenticated_socket_is_refused(live_server: str) -> None:
    client = socketio.AsyncClient(reconnection=False)
    errors: list[Any] = []
    client.on("connect_error", lambda data: errors.append(data))
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(
            live_server, socketio_path="socket.io", transports=["websocket"], wait_timeout=5
        )
    assert errors == [{"message": "unauthorized"}]
    bad_key = socketio.AsyncClient(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await bad_key.connect(
            live_server,
            socketio_path="socket.io",
            transports=["websocket"],
            auth={"token": "ink_nope_nope"},
            wait_timeout=5,
        )


async def test_api_key_socket_joins_its_workspace_room(live_server: str, config: Config) -> None:
    from server.auth import service
    from server.core.auth import actor_from_session_token

    owner = await login_as(await make_user())
    actor = await actor_from_session_token(owner.token)
    assert actor is not None
    key = await service.create_api_key(
        actor, "socket", ["workspace:read"], service.Client(ip="127.0.0.1")
    )
    by_key, key_received = await connected_client(live_server, auth={"token": key.key})
    stranger, stranger_received = await connected_client(live_server)
    try:
        await redis_manager(config, write_only=True).emit(
            "test:event",
            {"for": "workspace"},
            room=workspace_room(actor.workspace.id),
            namespace="/",
        )
        await wait_for(key_received, 1)
        await asyncio.sleep(0.1)
        assert key_received == [{"for": "workspace"}]
        # Another workspace's socket hears nothing.
        assert stranger_received == []
    finally:
        await by_key.disconnect()
        await stranger.disconnect()
