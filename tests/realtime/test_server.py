"""Socket.IO over a real server: connect, round trip, and fan-out through Redis."""

from __future__ import annotations

import asyncio
from typing import Any

import socketio

from realtime.emit import emit_after_commit, emit_now, set_emitter
from realtime.server import redis_manager
from server.core.config import Config
from server.core.db import transaction


async def connected_client(base_url: str) -> tuple[socketio.AsyncClient, list[Any]]:
    received: list[Any] = []
    client = socketio.AsyncClient(reconnection=False)
    client.on("test:event", lambda data: received.append(data))
    await client.connect(
        base_url,
        socketio_path="socket.io",
        transports=["websocket"],
        headers={"X-Request-ID": "sock-req-1"},
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
