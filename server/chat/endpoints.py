"""Chat API: threads, messages, the reply stream (SSE), workflow steps and AI usage."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from uuid import UUID

from quart import Blueprint, Response
from quart_schema import tag, validate_querystring, validate_request, validate_response

from server.chat import service, streaming
from server.chat.schemas import (
    MessageAccepted,
    MessageCreate,
    StreamQuery,
    ThreadCreate,
    ThreadList,
    ThreadRead,
    ThreadSummary,
    ThreadUpdate,
    TransitionRequest,
    UsageSummary,
)
from server.core.auth import require_actor, requires
from server.core.errors import NotFound
from server.core.openapi import responds
from server.core.redis import get_redis

bp = Blueprint("chat", __name__)


@bp.post("/api/chat/threads")
@tag(["chat"])
@requires("chat:use")
@validate_request(ThreadCreate)
@validate_response(ThreadRead, 201)
async def create_thread(data: ThreadCreate) -> tuple[ThreadRead, int]:
    """Start a conversation."""
    thread = await service.create_thread(require_actor(), data.title)
    return await service.thread_read(thread), 201


@bp.get("/api/chat/threads")
@tag(["chat"])
@requires("chat:use")
@validate_response(ThreadList)
async def list_threads() -> ThreadList:
    """The workspace's conversations, most recently active first."""
    return ThreadList(items=await service.list_threads(require_actor()))


@bp.get("/api/chat/threads/<uuid:thread_id>")
@tag(["chat"])
@requires("chat:use")
@validate_response(ThreadRead)
async def get_thread(thread_id: UUID) -> ThreadRead:
    """A conversation with its messages (a streaming reply shows its text so far), state and
    draft."""
    return await service.thread_read(await service.access_thread(require_actor(), thread_id))


@bp.patch("/api/chat/threads/<uuid:thread_id>")
@tag(["chat"])
@requires("chat:use")
@validate_request(ThreadUpdate)
@validate_response(ThreadSummary)
async def rename_thread(thread_id: UUID, data: ThreadUpdate) -> ThreadSummary:
    """Rename a conversation."""
    return service.thread_summary(
        await service.rename_thread(require_actor(), thread_id, data.title)
    )


@bp.delete("/api/chat/threads/<uuid:thread_id>")
@responds(204, "Deleted.")
@tag(["chat"])
@requires("chat:use")
async def delete_thread(thread_id: UUID) -> tuple[str, int]:
    """Delete a conversation and its messages (409 `reply_in_progress` while a reply is
    being written)."""
    await service.delete_thread(require_actor(), thread_id)
    return "", 204


@bp.post("/api/chat/threads/<uuid:thread_id>/messages")
@tag(["chat"])
@requires("chat:use")
@validate_request(MessageCreate)
@validate_response(MessageAccepted, 202)
async def send_message(thread_id: UUID, data: MessageCreate) -> tuple[MessageAccepted, int]:
    """Send a message; the reply is written in the background and streams."""
    user_message, reply = await service.send_message(require_actor(), thread_id, data.content)
    return MessageAccepted(user_message_id=user_message.id, reply_message_id=reply.id), 202


@bp.post("/api/chat/threads/<uuid:thread_id>/messages/<uuid:message_id>/retry")
@tag(["chat"])
@requires("chat:use")
@validate_response(MessageAccepted, 202)
async def retry(thread_id: UUID, message_id: UUID) -> tuple[MessageAccepted, int]:
    """Write a failed reply again."""
    user_message, reply = await service.retry_reply(require_actor(), thread_id, message_id)
    return MessageAccepted(user_message_id=user_message.id, reply_message_id=reply.id), 202


@bp.post("/api/chat/threads/<uuid:thread_id>/transition")
@tag(["chat"])
@requires("chat:use")
@validate_request(TransitionRequest)
@validate_response(ThreadRead)
async def change_state(thread_id: UUID, data: TransitionRequest) -> ThreadRead:
    """Move the conversation to another workflow step (409 names the allowed ones)."""
    thread = await service.change_state(require_actor(), thread_id, data.target, data.version)
    return await service.thread_read(thread)


@bp.get("/api/chat/threads/<uuid:thread_id>/messages/<uuid:message_id>/stream")
@responds(
    200,
    "Server-Sent Events: one per batch of tokens, `id:` its sequence number, then `done`.",
    "text/event-stream",
)
@tag(["chat"])
@requires("chat:use")
@validate_querystring(StreamQuery)
async def stream(thread_id: UUID, message_id: UUID, query_args: StreamQuery) -> Response:
    """The reply as Server-Sent Events from token `after`: live or finished alike."""
    thread = await service.access_thread(require_actor(), thread_id)
    message = await service.reply_of(thread, message_id)
    if message is None:
        raise NotFound("No such reply.")
    return Response(
        _events(message, query_args.after),
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _events(message: object, after: int) -> AsyncIterator[bytes]:
    from models.chat import ChatMessage, MessageStatus

    assert isinstance(message, ChatMessage)
    redis = get_redis()
    finished = message.status in (
        MessageStatus.complete,
        MessageStatus.failed,
        MessageStatus.withheld,
    )
    if finished and not await redis.exists(streaming.stream_key(message.id)):
        # The live stream has expired; the stored text and token boundaries replay it exactly.
        content = message.content
        if service.provider_kept(message):
            # The provider keeps the text; it is the same text the tokens were cut from.
            content = await service.provider_text(message) or ""
        for token in streaming.stored_tokens(content, message.seq_offsets, after):
            yield _sse("token", {"seq": token.seq, "delta": token.delta}, token.seq)
        if message.status is MessageStatus.complete:
            yield _sse("done", {"content": content})
        else:
            yield _sse("error", {"code": message.error_code, "message": message.error})
        return
    async for item in streaming.follow(redis, message.id, after):
        if isinstance(item, streaming.Heartbeat):
            yield b": keep-alive\n\n"
        elif isinstance(item, streaming.Token):
            yield _sse("token", {"seq": item.seq, "delta": item.delta}, item.seq)
        else:
            yield _sse(item.event, item.data)
            return


def _sse(event: str, data: object, event_id: int | None = None) -> bytes:
    lines = [f"event: {event}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"data: {json.dumps(data)}")
    return ("\n".join(lines) + "\n\n").encode()


@bp.get("/api/chat/usage")
@tag(["chat"])
@requires("chat:use")
@validate_response(UsageSummary)
async def usage() -> UsageSummary:
    """This month's AI usage and budget for the workspace."""
    return await service.usage_summary(require_actor())
