"""Socket.IO chat events: join a thread's room, send, and resume a reply after reconnecting."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import socketio
import structlog

from server.chat import service, streaming
from server.core.auth import Actor
from server.core.errors import AppError
from server.core.redis import get_redis

log = structlog.get_logger(__name__)


def _error(exc: AppError) -> dict[str, Any]:
    return {"ok": False, "code": exc.code, "message": exc.message, "details": exc.details}


# What a malformed event (no payload or not an object, a field of the wrong type) raises
# while it is read. Handlers take the payload as optional, and ignore extra arguments, so such
# an event gets a ``bad_request`` answer rather than failing before the handler runs, which
# would leave the client's acknowledgement waiting forever.
BAD_INPUT = (ValueError, TypeError, AttributeError)


def register_chat_handlers(sio: socketio.AsyncServer, actor_for: Any) -> None:
    async def join(sid: str, data: Any = None, *_: Any) -> dict[str, Any]:
        actor: Actor = await actor_for(sid)
        try:
            thread = await service.access_thread(actor, UUID(str(data.get("thread_id"))))
        except AppError as exc:
            return _error(exc)
        except BAD_INPUT:
            return {"ok": False, "code": "bad_request", "message": "thread_id is not valid."}
        await sio.enter_room(sid, service.thread_room(thread.id))
        return {"ok": True}

    async def send(sid: str, data: Any = None, *_: Any) -> dict[str, Any]:
        actor: Actor = await actor_for(sid)
        try:
            thread_id = UUID(str(data.get("thread_id")))
            content = str(data.get("content") or "").strip()
            if not content or len(content) > 8000 or "\x00" in content:
                return {
                    "ok": False,
                    "code": "validation_error",
                    "message": "A message needs 1 to 8000 characters, and no NUL characters.",
                }
            user_message, reply = await service.send_message(actor, thread_id, content)
        except AppError as exc:
            return _error(exc)
        except BAD_INPUT:
            return {"ok": False, "code": "bad_request", "message": "thread_id is not valid."}
        await sio.enter_room(sid, service.thread_room(thread_id))
        return {
            "ok": True,
            "user_message_id": str(user_message.id),
            "reply_message_id": str(reply.id),
        }

    async def resume(sid: str, data: Any = None, *_: Any) -> dict[str, Any]:
        """Replay what the client missed; live tokens keep arriving through the room."""
        actor: Actor = await actor_for(sid)
        try:
            thread = await service.access_thread(actor, UUID(str(data.get("thread_id"))))
            message_id = UUID(str(data.get("message_id")))
            after = int(data.get("after_seq") or 0)
        except AppError as exc:
            return _error(exc)
        except BAD_INPUT:
            return {
                "ok": False,
                "code": "bad_request",
                "message": "thread_id and message_id must be ids, after_seq a number.",
            }
        reply = await service.reply_of(thread, message_id)
        if reply is None:
            return {"ok": False, "code": "not_found", "message": "No such reply."}
        # Join first, then replay: a token landing in between arrives twice, never zero
        # times, and the client drops the repeat by its seq.
        await sio.enter_room(sid, service.thread_room(thread.id))
        base = {"thread_id": str(thread.id), "message_id": str(reply.id)}
        items = await streaming.read_after(get_redis(), reply.id, after)
        finished = reply.status.value not in ("pending", "streaming")
        if not items and finished:
            # The live stream expired: the stored text and token boundaries replay it exactly.
            items = list(streaming.stored_tokens(reply.content, reply.seq_offsets, after))
            event = "done" if reply.status.value == "complete" else "error"
            items.append(
                streaming.End(
                    event,
                    {"content": reply.content, "code": reply.error_code, "message": reply.error},
                )
            )
        for item in items:
            if isinstance(item, streaming.Token):
                await sio.emit("chat:token", {**base, "seq": item.seq, "delta": item.delta}, to=sid)
            elif item.event == "done":
                await sio.emit(
                    "chat:done", {**base, "content": item.data.get("content", "")}, to=sid
                )
            else:
                await sio.emit(
                    "chat:error",
                    {**base, "code": item.data.get("code"), "message": item.data.get("message")},
                    to=sid,
                )
        return {"ok": True, "replayed": sum(isinstance(i, streaming.Token) for i in items)}

    sio.on("chat:join", join)
    sio.on("chat:send", send)
    sio.on("chat:resume", resume)
