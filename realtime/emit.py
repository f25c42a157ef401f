"""Emitting events from anywhere: web handlers, services inside a transaction, and workers.

Services call :func:`emit_after_commit`, which waits for the transaction to commit, so a client
never hears about a change that was rolled back. Socket events are hints; clients re-read over
REST after reconnecting.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

import socketio
import structlog
from pydantic import BaseModel

from server.core.db import in_transaction_now, on_commit

log = structlog.get_logger(__name__)


class Emitter(Protocol):
    async def emit(
        self,
        event: str,
        data: Any = None,
        to: str | list[str] | None = None,
        namespace: str | None = None,
    ) -> Any: ...


_emitter: Emitter | None = None


def current_emitter() -> Emitter | None:
    return _emitter


def set_emitter(emitter: Emitter | None) -> None:
    """The web process sets its ``AsyncServer``; a worker sets a write-only Redis manager."""
    global _emitter
    _emitter = emitter


def _payload(data: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return data.model_dump(mode="json") if isinstance(data, BaseModel) else data


async def emit_now(
    event: str, data: BaseModel | dict[str, Any], *, room: str | list[str] | None
) -> None:
    """Emit at once; a list of rooms reaches each socket in any of them exactly once."""
    if _emitter is None:
        log.warning("emit_without_emitter", emit_event=event)
        return
    await _emitter.emit(event, _payload(data), to=room, namespace="/")


def _redis_manager() -> socketio.AsyncRedisManager | None:
    """The Redis manager behind the current emitter: a worker's write-only one, or the web
    process's server's own."""
    if isinstance(_emitter, socketio.AsyncRedisManager):
        return _emitter
    manager = getattr(_emitter, "manager", None)
    return manager if isinstance(manager, socketio.AsyncRedisManager) else None


def publication(
    event: str, data: BaseModel | dict[str, Any], *, room: str | None
) -> tuple[str, str] | None:
    """The Redis ``PUBLISH`` (channel, message) that :func:`emit_now` would send, for a caller
    that sends it in a pipeline of its own: a reply's writer appends each batch to the reply's
    stream and fans it out in one round trip instead of two.

    ``None`` without a Redis manager, and the caller uses :func:`emit_now`. The message has
    python-socketio's pub/sub shape, which every other web process's manager reads and
    delivers to the room's sockets. A web process does not hear its own messages: after
    sending it, the caller hands the event to :func:`emit_locally`.
    """
    manager = _redis_manager()
    if manager is None:
        return None
    message = {
        "method": "emit",
        "event": event,
        "data": [_payload(data)],
        "binary": False,
        "namespace": "/",
        "room": room,
        "skip_sid": None,
        "callback": None,
        "host_id": manager.host_id,
    }
    return manager.channel, json.dumps(message)


async def emit_locally(event: str, data: BaseModel | dict[str, Any], *, room: str | None) -> None:
    """Deliver to this process's own sockets only, for an event whose :func:`publication`
    already went out (a web process skips its own messages on the channel). Nothing to do in
    a worker, which holds no sockets."""
    manager = _redis_manager()
    if manager is None or manager.write_only:
        return
    await manager.emit(event, _payload(data), room=room, namespace="/", ignore_queue=True)


async def emit_after_commit(
    event: str, data: BaseModel | dict[str, Any], *, room: str | None
) -> None:
    """Emit once the current transaction commits, or now when there is none."""
    if not in_transaction_now():
        await emit_now(event, data, room=room)
        return

    async def _send() -> None:
        await emit_now(event, data, room=room)

    on_commit(_send)


async def emit_progress(event: str, data: BaseModel | dict[str, Any], workspace_id: Any) -> None:
    """A job's progress to its workspace's room, now. A failure is logged, never raised: the
    job's status endpoint is the truth and clients poll it."""
    from realtime.server import workspace_room

    try:
        await emit_now(event, data, room=workspace_room(workspace_id))
    except Exception as exc:
        log.warning("progress_emit_failed", emit_event=event, error=str(exc))
