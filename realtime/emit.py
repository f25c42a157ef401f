"""Emitting events from anywhere: web handlers, services inside a transaction, and workers.

Services call :func:`emit_after_commit`, which waits for the transaction to commit, so a client
never hears about a change that was rolled back. Socket events are hints; clients re-read over
REST after reconnecting.
"""

from __future__ import annotations

from typing import Any, Protocol

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
