"""The Socket.IO server, mounted beside Quart in one ASGI app.

Every web process shares one Redis channel through ``AsyncRedisManager``, so an emit from any
web process or worker reaches clients connected to any other. The channel is named after the
Redis database, as pub/sub is not scoped to one (``channel_for``).
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import Any

import socketio
import structlog
from engineio import packet as eio_packet
from redis.connection import parse_url
from socketio import packet as sio_packet

from realtime.campaigns import register_campaign_handlers
from realtime.chat import register_chat_handlers
from server.core.auth import Actor, actor_from_api_key, actor_from_session_token
from server.core.config import Config, get_config
from server.core.logging import bind_request_id, new_request_id

log = structlog.get_logger(__name__)

CHANNEL = "inkwell:socketio"


def channel_for(redis_url: str | None) -> str:
    """The Socket.IO channel of the Redis database ``redis_url`` names.

    Keys live in a numbered database but pub/sub channels are server-wide: two installs on one
    Redis server (staging and production, a dev server beside the test suite) that differ only
    in the database number would otherwise get each other's events, broadcasts included.
    """
    # redis-py's own reading of the URL (path or ``?db=``), as the connection uses it.
    db = parse_url(redis_url).get("db", 0) if redis_url else 0  # type: ignore[no-untyped-call]
    return f"{CHANNEL}:{db}"


class RedisManager(socketio.AsyncRedisManager):  # type: ignore[misc]
    """python-socketio's Redis manager, handing events to this process's sockets in place.

    Its own delivery encodes the packet, starts a task per recipient and waits for them all;
    the listener on the Redis channel does that for one message at a time, so each chat
    token batch cost a task, a wait and at least one extra turn of the event loop before the
    next message was read. A socket's send only queues the packet for that socket's writer,
    so here it is awaited in place, and nothing is encoded for a room with no socket in this
    process. Events with an acknowledgement callback keep the library's own path.
    """

    async def emit(
        self,
        event: str,
        data: Any,
        namespace: str | None = None,
        room: Any = None,
        skip_sid: Any = None,
        callback: Any = None,
        to: Any = None,
        **kwargs: Any,
    ) -> None:
        if kwargs.get("ignore_queue") and callback is None:
            args = list(data) if isinstance(data, tuple) else [] if data is None else [data]
            await self._deliver(event, args, namespace or "/", to or room, skip_sid)
            return
        await super().emit(
            event,
            data,
            namespace=namespace,
            room=room,
            skip_sid=skip_sid,
            callback=callback,
            to=to,
            **kwargs,
        )

    async def _handle_emit(self, message: dict[str, Any]) -> None:
        data = message.get("data")
        if (
            message.get("callback") is not None
            or message.get("binary")
            or not isinstance(data, list)
        ):
            await super()._handle_emit(message)
            return
        # As the library unpacks it: a single None argument is sent as no argument.
        args = [] if data == [None] else data
        await self._deliver(
            message["event"],
            args,
            message.get("namespace") or "/",
            message.get("room"),
            message.get("skip_sid"),
        )

    async def _deliver(
        self, event: str, args: list[Any], namespace: str, room: Any, skip_sid: Any
    ) -> None:
        if namespace not in self.rooms:
            return
        skip = skip_sid if isinstance(skip_sid, list) else [skip_sid]
        recipients = [
            eio_sid for sid, eio_sid in self.get_participants(namespace, room) if sid not in skip
        ]
        if not recipients:
            return
        encoded = self.server.packet_class(
            sio_packet.EVENT, namespace=namespace, data=[event, *args]
        ).encode()
        packets = [
            eio_packet.Packet(eio_packet.MESSAGE, part)
            for part in (encoded if isinstance(encoded, list) else [encoded])
        ]
        for eio_sid in recipients:
            for part in packets:
                await self.server._send_eio_packet(eio_sid, part)


def redis_manager(config: Config, *, write_only: bool = False) -> Any:
    return RedisManager(
        config.redis_url,
        channel=channel_for(config.redis_url),
        write_only=write_only,
        logger=False,
    )


def create_sio(config: Config) -> socketio.AsyncServer:
    origins: list[str] | str = [config.effective_public_url]
    if not config.is_production:
        # The Vite dev server and the test servers run on other local ports.
        origins = "*"
    sio = socketio.AsyncServer(
        async_mode="asgi",
        client_manager=redis_manager(config),
        cors_allowed_origins=origins,
        logger=False,
        engineio_logger=False,
    )
    register_handlers(sio)
    return sio


def workspace_room(workspace_id: object) -> str:
    return f"workspace:{workspace_id}"


def user_room(user_id: object) -> str:
    return f"user:{user_id}"


def socket_credential(headers: dict[str, str], auth: object) -> tuple[str, str] | None:
    """("api_key", key) from ``auth.token``, else ("session", token) from the cookie."""
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return "api_key", auth["token"]
    cookies: SimpleCookie = SimpleCookie()
    cookies.load(headers.get("cookie", ""))
    morsel = cookies.get(get_config().session_cookie)
    return ("session", morsel.value) if morsel is not None else None


async def authenticate_socket(credential: tuple[str, str] | None) -> Actor | None:
    """The same rules as HTTP, checked at connect and again for every event, so a revoked
    session or key stops working on an open socket too."""
    if credential is None:
        return None
    kind, secret = credential
    if kind == "api_key":
        return await actor_from_api_key(secret)
    return await actor_from_session_token(secret)


def register_handlers(sio: socketio.AsyncServer) -> None:
    async def connect(sid: str, environ: dict[str, Any], auth: object = None) -> bool:
        headers = {k.decode().lower(): v.decode() for k, v in environ["asgi.scope"]["headers"]}
        request_id = new_request_id(headers.get("x-request-id"))
        bind_request_id(request_id)
        credential = socket_credential(headers, auth)
        actor = await authenticate_socket(credential)
        if actor is None:
            log.info("socket_refused", sid=sid)
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        await sio.save_session(
            sid,
            {
                "request_id": request_id,
                # Kept in this process's memory only, to re-check the caller on each event.
                "credential": credential,
                "user_id": str(actor.user.id),
                "workspace_id": str(actor.workspace.id),
                "capabilities": sorted(actor.capabilities),
            },
        )
        # Rooms the server emits to: everything in the workspace, and this user's own events.
        await sio.enter_room(sid, workspace_room(actor.workspace.id))
        await sio.enter_room(sid, user_room(actor.user.id))
        log.info("socket_connected", sid=sid, user_id=str(actor.user.id))
        return True

    async def disconnect(sid: str, reason: object = None) -> None:
        log.info("socket_disconnected", sid=sid)

    async def ping(sid: str, data: object = None) -> dict[str, Any]:
        """Round trip for clients and health probes; answers with the session's request id."""
        session = await sio.get_session(sid)
        bind_request_id(session["request_id"])
        return {"ok": True, "request_id": session["request_id"]}

    async def actor_for(sid: str) -> Actor:
        session = await sio.get_session(sid)
        bind_request_id(session["request_id"])
        actor = await authenticate_socket(session.get("credential"))
        if actor is None:
            await sio.disconnect(sid)
            raise ConnectionRefusedError("unauthorized")
        return actor

    # Registered without decorators: python-socketio's are untyped.
    sio.on("connect", connect)
    sio.on("disconnect", disconnect)
    sio.on("system:ping", ping)
    register_chat_handlers(sio, actor_for)
    register_campaign_handlers(sio, actor_for)
