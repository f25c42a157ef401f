"""The Socket.IO server, mounted beside Quart in one ASGI app.

Every web process shares one Redis channel through ``AsyncRedisManager``, so an emit from any
web process or worker reaches clients connected to any other.
"""

from __future__ import annotations

from typing import Any

import socketio
import structlog

from server.core.config import Config
from server.core.logging import bind_request_id, new_request_id

log = structlog.get_logger(__name__)

CHANNEL = "inkwell:socketio"


def redis_manager(config: Config, *, write_only: bool = False) -> Any:
    return socketio.AsyncRedisManager(
        config.redis_url, channel=CHANNEL, write_only=write_only, logger=False
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


def register_handlers(sio: socketio.AsyncServer) -> None:
    async def connect(sid: str, environ: dict[str, Any], auth: object = None) -> bool:
        headers = {k.decode().lower(): v.decode() for k, v in environ["asgi.scope"]["headers"]}
        request_id = new_request_id(headers.get("x-request-id"))
        bind_request_id(request_id)
        await sio.save_session(sid, {"request_id": request_id})
        log.info("socket_connected", sid=sid)
        return True

    async def disconnect(sid: str, reason: object = None) -> None:
        log.info("socket_disconnected", sid=sid)

    async def ping(sid: str, data: object = None) -> dict[str, Any]:
        """Round trip for clients and health probes; answers with the session's request id."""
        session = await sio.get_session(sid)
        bind_request_id(session["request_id"])
        return {"ok": True, "request_id": session["request_id"]}

    # Registered without decorators: python-socketio's are untyped.
    sio.on("connect", connect)
    sio.on("disconnect", disconnect)
    sio.on("system:ping", ping)
