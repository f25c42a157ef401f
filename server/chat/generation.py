"""Writing one reply: the worker job behind every chat message.

Deltas from the provider are coalesced into small batches (a batch is one ``seq``), appended to
the reply's Redis Stream, fanned out as ``chat:token`` to the thread's room, and saved to the
database every so often together with ``seq`` — so the stored content is always exactly tokens
1..seq, and a reader resumes from there without a gap or a duplicate.

With ``OPENAI_STORE_RESPONSES`` on, OpenAI keeps the conversation: a reply it completes leaves
only ids in our rows (the reply's and the answered message's text is cleared once OpenAI holds
it), the next turn sends only what OpenAI does not hold and continues from the thread's last
response id, and another provider answering such a thread first reads the history back.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import structlog
from tortoise.expressions import Subquery

from agents.guardrails import MAX_REPLY_CHARS, cap_output, parse_or_repair, render_section_html
from agents.moderation import ModerationResult, Moderator
from agents.prompts.newsletter import PROMPT_VERSION, REPAIR_PROMPT, build_turns
from agents.providers.base import (
    ChatProvider,
    ChatTurn,
    ProviderFailed,
    ProviderResult,
    ProviderUnavailable,
    Usage,
)
from agents.providers.lazy import as_openai
from agents.router import (
    Delta,
    Finished,
    Skipped,
    Started,
    build_providers,
    close_stream,
    stream_reply,
)
from agents.routing import RouteDecision, cost_usd, decide
from agents.workflow import WorkflowState
from models.accounts import Workspace
from models.chat import ChatMessage, ChatThread, MessageRole, MessageStatus
from realtime.emit import emit_locally, emit_now, publication
from server.chat import lease, streaming
from server.chat.service import (
    UsageTotals,
    month_counter,
    month_usage,
    provider_kept,
    provider_texts,
    reply_job_id,
    store_ai_request,
    thread_room,
)
from server.core import outbox
from server.core.config import get_config
from server.core.db import transaction
from server.core.logging import log_context
from server.core.metrics import record_ai_request
from server.core.redis import get_redis

log = structlog.get_logger(__name__)

# A batch goes out when it is this old or this long, whichever comes first. Both timings
# stretch with the number of replies this process is writing (one step per LOAD_STEP
# replies, up to the MAX values): under load, fewer and larger batches keep the cost per
# token down, so every stream keeps up instead of all of them falling behind.
FLUSH_SECONDS = 0.01
MAX_FLUSH_SECONDS = 0.1
FLUSH_CHARS = 48
# The database copy of a streaming reply is refreshed at most this often; the Redis stream
# holds every token in the meantime.
SAVE_SECONDS = 0.5
MAX_SAVE_SECONDS = 5.0
LOAD_STEP = 10
# How long the input's moderation request waits for the model's request to go out.
MODERATION_HEAD_START = 0.005
KEPT_CONVERSATION = "openai"
KEPT_UNREACHABLE = (
    "The conversation is kept by OpenAI, which cannot be reached right now. Retry in a moment."
)


class HistoryUnavailable(Exception):
    """The provider keeps the conversation and could not be asked for it."""


class ReplyBusy(Exception):
    """Another live process is writing the reply (it holds the reply's lease); look again
    in ``retry_in`` seconds."""

    def __init__(self, retry_in: float) -> None:
        super().__init__(f"the reply is being written elsewhere; look again in {retry_in:g} s")
        self.retry_in = retry_in


class _Begun:
    """A provider whose request went out before the reply existed: the stand-in for it in
    the reply's provider order, reading the stream that request opened.

    The first item is read by a task of its own from the start, so the provider's wait for
    its first token runs while the message and the reply are still being recorded; the rest
    is read by the reply's writer once that has committed.
    """

    def __init__(
        self, provider: ChatProvider, turns: list[ChatTurn], model: str, max_tokens: int
    ) -> None:
        self.name = provider.name
        self.turns = turns
        self.model = model
        self._provider = provider
        self._used = False
        self._stream = provider.stream(turns, model=model, max_tokens=max_tokens)
        self._first = asyncio.create_task(self._read_first(), context=_outside())

    async def _read_first(self) -> str | Usage | ProviderResult | None:
        try:
            return await anext(self._stream)
        except StopAsyncIteration:
            return None

    def configured(self) -> bool:
        return True

    def default_model(self, cheap: bool) -> str:
        return self.model

    def stream(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage | ProviderResult]:
        """The begun stream the first time; any later call (a repair) is a request of its own."""
        if self._used:
            return self._provider.stream(turns, model=model, max_tokens=max_tokens)
        self._used = True
        return self._begun()

    async def _begun(self) -> AsyncGenerator[str | Usage | ProviderResult, None]:
        try:
            first = await self._first
            if first is None:
                return
            yield first
            async for item in self._stream:
                yield item
        finally:
            await self.close()

    async def close(self) -> None:
        """Stop reading: the request is given up (its response closed) if still open."""
        self._first.cancel()
        await asyncio.wait([self._first])
        if not self._first.cancelled():
            self._first.exception()  # retrieved: a failure here is the writer's to report
        await close_stream(self._stream)


class Begun:
    """The requests of a reply to be written by this process, sent as soon as its prompt
    could be built: the model's and the moderation of the message it answers. Nothing they
    bring is published until the reply's writer starts, after the commit; a send that fails
    instead calls ``cancel``."""

    def __init__(self, provider: _Begun, moderation: asyncio.Task[ModerationResult]) -> None:
        self.provider = provider
        self.moderation = moderation
        # What of the history the prompt was built from, for the sender to check under the
        # thread's lock.
        self.history: list[tuple[Any, ...]] = []

    async def cancel(self) -> None:
        self.moderation.cancel()
        await self.provider.close()
        await asyncio.wait([self.moderation])


def begin(
    workspace: Workspace, history: list[ChatMessage], content: str, decision: RouteDecision
) -> Begun | None:
    """Send the model's and the moderation's requests for a reply to ``content`` now, before
    the reply is recorded; ``history`` is the thread's finished messages before it.

    Only for the plain case: a conversation the provider keeps (its messages or the Responses
    API's stored turns) needs reads or ids the writer sorts out itself, so it is left to
    ask once the reply is recorded (``None``).
    """
    config = get_config()
    provider = next((p for p in build_providers(config) if p.configured()), None)
    if provider is None or any(provider_kept(m) for m in history):
        return None
    openai_provider = as_openai(provider)
    if openai_provider is not None and openai_provider.store_responses:
        return None
    turns = build_turns(
        [ChatTurn(role=m.role.value, content=m.content) for m in history]
        + [ChatTurn(role="user", content=content)],
        workspace_name=workspace.name,
    )
    model = provider.default_model(decision.model_tier == "cheap")
    begun = _Begun(provider, turns, model, config.ai_max_output_tokens)
    return Begun(begun, asyncio.create_task(_moderate(content), context=_outside()))


def _outside() -> contextvars.Context:
    """A context for a request sent from inside the send's transaction: a copy of the
    sender's would carry the transaction (its connection and commit hooks) along; the
    request id comes along, for the request's log lines."""
    return log_context()


@dataclass(frozen=True)
class Prepared:
    """What the web process that took the message has already: the reply it created as
    streaming under its lease, with its thread and workspace, the finished messages before
    it and the month's usage, and the requests already sent for it (``begun``)."""

    reply: ChatMessage
    history: list[ChatMessage]
    usage: UsageTotals
    begun: Begun | None = None


def write_here(prepared: Prepared, holder: str) -> None:
    """Write the reply in this (web) process, detached from the request that asked for it;
    ``holder`` holds the reply's lease, taken before the reply was created.

    The reply's queued job is the fallback: it runs ``chat_lease_seconds`` later and leaves
    the reply alone while the lease lives, so a reply this process cannot finish (Redis
    unreachable, the process stopped) is still written or ended by a worker.
    """
    task = asyncio.create_task(_write_under_lease(prepared, holder))
    lease.writing.add(task)
    task.add_done_callback(lease.writing.discard)


async def finish_running(seconds: float) -> None:
    """Let the replies this process is writing end (at most ``seconds``), then stop
    the rest; their jobs take over once the leases are released."""
    if not lease.writing:
        return
    _, late = await asyncio.wait(set(lease.writing), timeout=seconds)
    for task in late:
        task.cancel()
    if late:
        await asyncio.wait(late)


async def _write_under_lease(prepared: Prepared, holder: str) -> None:
    reply_id = str(prepared.reply.id)
    writing = asyncio.current_task()
    assert writing is not None
    keeper = asyncio.create_task(
        lease.keep(reply_id, holder, get_config().chat_lease_seconds, writing)
    )
    try:
        outcome = await generate_reply(reply_id, prepared=prepared, holder=holder)
        log.info("chat.reply_written", reply_id=reply_id, outcome=outcome)
        # The reply has ended: its fallback job would only find that out, a lease period
        # later, at the cost of a run. Left in place on any other way out.
        try:
            await outbox.withdraw(get_redis(), reply_job_id(reply_id))
        except Exception as exc:
            log.warning("chat.fallback_withdraw_failed", reply_id=reply_id, error=str(exc))
    except asyncio.CancelledError:
        log.warning("chat.reply_stopped", reply_id=reply_id)
    except lease.LeaseLost:
        # Stalled past the lease: the fallback has ended the reply or is writing it.
        log.warning("chat.reply_taken_over", reply_id=reply_id)
    except Exception:
        log.exception("chat.reply_failed", reply_id=reply_id)
    finally:
        keeper.cancel()
        await lease.release(reply_id, holder)


def _stretched(base: float, limit: float, live: int) -> float:
    return min(limit, base * max(1.0, live / LOAD_STEP))


class _Writer:
    """Turns provider deltas into numbered batches in Redis, on sockets and in the database.

    Deltas are handed to one background drain per reply, so reading the model never waits on
    Redis: the first delta after a quiet spell goes out at once, and whatever arrives while a
    batch is being written or within the flush interval travels in the next batch. A slow
    moment (a busy process, a slow Redis) therefore makes batches larger, not later.
    """

    # Replies being written by this process: the load that stretches the intervals.
    live = 0

    def __init__(self, reply: ChatMessage, thread_id: Any, holder: str | None = None) -> None:
        self.reply = reply
        self.thread_id = thread_id
        # The lease this writer writes under (a web process's); a worker's has none.
        self.holder = holder
        # Set once a write found the lease gone: everything after it is refused.
        self.lost: lease.LeaseLost | None = None
        self.pending: list[str] = []
        self.seq = reply.seq
        # Whether this writer has set the stream's expiry yet (with its first batch).
        self.expiring = False
        self.text = reply.content
        self.offsets: list[int] = list(reply.seq_offsets)
        self.saved_at = time.monotonic()
        self.flushed_at = 0.0
        self.lock = asyncio.Lock()
        self.drain: asyncio.Task[None] | None = None
        # The periodic database copy, written beside the stream rather than in its way.
        self.saving: asyncio.Task[None] | None = None
        self.started = False
        # Which provider and model answer; saved with the text rather than in a query of
        # its own before the first token goes out.
        self.answered_by: dict[str, str] = {}

    def start(self) -> None:
        if not self.started:
            self.started = True
            _Writer.live += 1

    async def stop(self) -> None:
        """Let the batches in hand go out; nothing the reader has been given is dropped."""
        if self.started:
            self.started = False
            _Writer.live -= 1
        if self.drain is not None:
            await self.drain
        if self.saving is not None:
            await asyncio.wait([self.saving])  # its failure is logged by _saved

    @property
    def flush_seconds(self) -> float:
        return _stretched(FLUSH_SECONDS, MAX_FLUSH_SECONDS, _Writer.live)

    async def _drain(self) -> None:
        try:
            while self.pending:
                wait = self.flushed_at + self.flush_seconds - time.monotonic()
                if wait > 0 and sum(map(len, self.pending)) < FLUSH_CHARS:
                    await asyncio.sleep(wait)
                await self.flush()
        except lease.LeaseLost:
            pass  # kept in ``lost``: the reader's next add or flush raises it
        finally:
            self.drain = None

    async def add(self, delta: str) -> None:
        if self.lost is not None:
            raise self.lost
        if not delta:
            return
        if len(self.text) + len("".join(self.pending)) + len(delta) > MAX_REPLY_CHARS:
            delta = delta[: max(0, MAX_REPLY_CHARS - len(self.text) - len("".join(self.pending)))]
            if not delta:
                return
        self.pending.append(delta)
        if self.drain is None:
            self.drain = asyncio.create_task(self._drain())

    @property
    def full(self) -> bool:
        return len(self.text) + sum(map(len, self.pending)) >= MAX_REPLY_CHARS

    async def flush(self, *, save: bool = False) -> None:
        async with self.lock:
            if self.lost is not None:
                raise self.lost
            await self._flush(save=save)

    def _next_batch(self) -> str:
        """The oldest pending deltas, up to the batch size (which stretches with the load)."""
        limit = FLUSH_CHARS * self.flush_seconds / FLUSH_SECONDS
        size = taken = 0
        for piece in self.pending:
            taken += 1
            size += len(piece)
            if size >= limit:
                break
        delta = "".join(self.pending[:taken])
        del self.pending[:taken]
        return delta

    async def _flush(self, *, save: bool) -> None:
        while self.pending:
            self.flushed_at = time.monotonic()
            self.seq += 1
            delta = self._next_batch()
            self.text += delta
            self.offsets.append(len(self.text))
            event = {
                "thread_id": str(self.thread_id),
                "message_id": str(self.reply.id),
                "seq": self.seq,
                "delta": delta,
            }
            room = thread_room(self.thread_id)
            # The fan-out is one PUBLISH, sent with the XADD: one round trip. A web process
            # writing the reply then hands the batch to its own sockets directly.
            fan_out = publication("chat:token", event, room=room)
            token = streaming.Token(self.seq, delta)
            try:
                await streaming.append(
                    get_redis(),
                    self.reply.id,
                    [token],
                    publish=fan_out,
                    expire=not self.expiring,
                    holder=self.holder,
                )
            except lease.LeaseLost as lost:
                self.lost = lost
                self.pending.clear()
                raise
            self.expiring = True
            if fan_out is None:
                await emit_now("chat:token", event, room=room)
            else:
                await emit_locally("chat:token", event, room=room)
        save_seconds = _stretched(SAVE_SECONDS, MAX_SAVE_SECONDS, _Writer.live)
        if save:
            # The last copy must land after any periodic one still being written.
            if self.saving is not None:
                await asyncio.wait([self.saving])
            await self._save(self.text, self.seq, list(self.offsets))
        elif self.saving is None and time.monotonic() - self.saved_at >= save_seconds:
            # Written in the background: the next batch need not wait for the database (a
            # busy pool could hold it for tens of milliseconds). The snapshot is taken here,
            # so the row still holds exactly tokens 1..seq, and one write at a time keeps an
            # older snapshot from landing after a newer one.
            self.saved_at = time.monotonic()
            self.saving = asyncio.create_task(self._save(self.text, self.seq, list(self.offsets)))
            self.saving.add_done_callback(self._saved)

    def _saved(self, task: asyncio.Task[None]) -> None:
        self.saving = None
        if not task.cancelled() and task.exception() is not None:
            log.warning("chat.partial_save_failed", error=str(task.exception()))

    async def _save(self, text: str, seq: int, offsets: list[int]) -> None:
        # Only while the reply is still being written: never over a reply already ended.
        await ChatMessage.filter(id=self.reply.id, status=MessageStatus.streaming).update(
            content=text,
            seq=seq,
            seq_offsets=offsets,
            updated_at=datetime.now(UTC),
            **self.answered_by,
        )
        self.saved_at = time.monotonic()


async def _record(
    workspace_id: Any,
    reply: ChatMessage,
    *,
    provider: str,
    model: str,
    outcome: str,
    started: float,
    first_token: float | None,
    usage: Usage | None = None,
    error_class: str | None = None,
    purpose: str = "reply",
) -> None:
    config = get_config()
    usage = usage or Usage(input_tokens=0, output_tokens=0)
    await store_ai_request(
        workspace_id=workspace_id,
        thread_id=reply.thread_id,  # type: ignore[attr-defined]
        message_id=reply.id,
        provider=provider,
        model=model,
        purpose=purpose,
        latency_ms=int((time.monotonic() - started) * 1000),
        ttft_ms=int((first_token - started) * 1000) if first_token else None,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cost_usd=Decimal(str(round(cost_usd(model, usage, config), 6))),
        outcome=outcome,
        error_class=error_class,
    )
    await record_ai_request(
        get_redis(), provider, model, outcome, usage.input_tokens, usage.output_tokens
    )


async def _claim(reply_id: str) -> ChatMessage | None:
    """Pending → streaming, once. A reply found mid-stream is left to the live process that
    holds its lease (``ReplyBusy``); without one its writer died, and the reply is ended as
    interrupted, or written afresh when none of it went out.

    The reply comes with its thread and workspace. The usual case (a pending reply) costs one
    conditional UPDATE, read beside it; anything else is sorted out under a row lock.
    """
    claimed, reply = await asyncio.gather(
        ChatMessage.filter(id=reply_id, status=MessageStatus.pending).update(
            status=MessageStatus.streaming, updated_at=datetime.now(UTC)
        ),
        ChatMessage.filter(id=reply_id).select_related("thread__workspace").first(),
    )
    if claimed and reply is not None:
        reply.status = MessageStatus.streaming
        return reply
    return await _claim_locked(reply_id)


async def _claim_locked(reply_id: str) -> ChatMessage | None:
    async with transaction():
        reply = await ChatMessage.filter(id=reply_id).select_for_update().first()
        if reply is None or reply.status in (
            MessageStatus.complete,
            MessageStatus.failed,
            MessageStatus.withheld,
        ):
            return None
        if reply.status is MessageStatus.streaming:
            redis = get_redis()
            left = await lease.remaining(reply.id)
            if left > 0:
                # A live process is writing it.
                raise ReplyBusy(left)
            if reply.seq or await redis.exists(streaming.stream_key(reply.id)):
                # Its tokens are already out under their seq numbers; starting over would
                # reuse them for different text. End it as failed, keeping the text, and
                # offer a retry.
                reply.status = MessageStatus.failed
                reply.error_code = "interrupted"
                reply.error = "The reply was interrupted. Retry to write it again."
                await reply.save(update_fields=["status", "error_code", "error", "updated_at"])
                await streaming.finish(
                    redis, reply.id, "error", {"code": "interrupted", "message": reply.error}
                )
                return None
            # Whoever started it stopped before any of it went out (a web process that was
            # restarted, say): it is written afresh.
        reply.status = MessageStatus.streaming
        await reply.save(update_fields=["status", "updated_at"])
    await reply.fetch_related("thread__workspace")
    return reply


async def _history(reply_id: str) -> list[ChatMessage]:
    """The finished messages before the reply, found by the reply's id alone so the read
    runs beside the claim instead of after it."""
    reply = ChatMessage.filter(id=reply_id)
    return await ChatMessage.filter(
        thread_id=Subquery(reply.values("thread_id")),
        created_at__lt=Subquery(reply.values("created_at")),
        status=MessageStatus.complete,
    ).order_by("created_at", "id")


async def _usage_of(reply_id: str) -> tuple[int, int, int, float] | None:
    """The reply's workspace's usage counter this month, read beside the claim."""
    workspace_id = ChatThread.filter(messages__id=reply_id).values("workspace_id")
    return await month_counter(Subquery(workspace_id))


async def _full_history(messages: list[ChatMessage]) -> list[ChatTurn]:
    """Every turn with its text, provider-kept ones read back; for providers that keep nothing."""
    texts = await provider_texts(messages)
    if any(text is None for text in texts.values()):
        raise HistoryUnavailable()
    return [
        ChatTurn(role=m.role.value, content=(texts[m.id] or "") if m.id in texts else m.content)
        for m in messages
    ]


def _not_held(messages: list[ChatMessage]) -> list[ChatTurn]:
    """The turns the provider does not hold yet: those after its last kept message."""
    held = [i for i, m in enumerate(messages) if m.provider_item_id is not None]
    start = held[-1] + 1 if held else 0
    return [ChatTurn(role=m.role.value, content=m.content) for m in messages[start:]]


async def _fail(reply: ChatMessage, writer: _Writer, code: str, message: str) -> None:
    await writer.flush(save=True)
    ended = await ChatMessage.filter(id=reply.id, status=MessageStatus.streaming).update(
        status=MessageStatus.failed, error_code=code, error=message, updated_at=datetime.now(UTC)
    )
    if not ended:
        raise lease.LeaseLost(reply.id)
    await _end_with_error(reply.id, writer.thread_id, code, message, holder=writer.holder)


async def _end(
    reply_id: Any,
    thread_id: Any,
    event: str,
    data: dict[str, Any],
    events: list[tuple[str, dict[str, Any]]],
    *,
    holder: str | None = None,
) -> None:
    """End the reply's stream and tell the thread's room ``events``, in order, in one Redis
    round trip: the end marker first, so a client told of the end can already replay it.
    ``holder``: the writer's lease, which must still be its own."""
    room = thread_room(thread_id)
    fan_out = [publication(name, payload, room=room) for name, payload in events]
    published = [p for p in fan_out if p is not None]
    await streaming.finish(get_redis(), reply_id, event, data, publish=published, holder=holder)
    for (name, payload), sent in zip(events, fan_out, strict=True):
        if sent is None:
            await emit_now(name, payload, room=room)
        else:
            # A web process does not hear its own publication: its sockets get it here.
            await emit_locally(name, payload, room=room)


async def _end_with_error(
    reply_id: Any, thread_id: Any, code: str, message: str, *, holder: str | None = None
) -> None:
    error = {"code": code, "message": message}
    event = {"thread_id": str(thread_id), "message_id": str(reply_id), **error}
    await _end(reply_id, thread_id, "error", error, [("chat:error", event)], holder=holder)


def _answered(history: list[ChatMessage]) -> ChatMessage | None:
    """The user's message this reply answers: the newest one before it."""
    return next((m for m in reversed(history) if m.role is MessageRole.user), None)


async def _withhold(
    reply: ChatMessage, writer: _Writer, reason: str, *, user_message: ChatMessage | None = None
) -> None:
    """End the reply as withheld by moderation; with ``user_message``, that message (the
    flagged input) is withheld too, so it is never sent to a model again."""
    async with transaction():
        ended = await ChatMessage.filter(id=reply.id, status=MessageStatus.streaming).update(
            status=MessageStatus.withheld,
            error_code="message_withheld",
            error=reason,
            updated_at=datetime.now(UTC),
        )
        if not ended:
            raise lease.LeaseLost(reply.id)
        if user_message is not None:
            await ChatMessage.filter(id=user_message.id).update(
                status=MessageStatus.withheld,
                error_code="message_withheld",
                error=reason,
                updated_at=datetime.now(UTC),
            )
    await _end_with_error(
        reply.id, writer.thread_id, "message_withheld", reason, holder=writer.holder
    )


async def _moderate(text: str) -> ModerationResult:
    config = get_config()
    if config.openai_api_key:
        # The model's request goes out first: this process builds both requests, and the
        # verdict is needed only once the model's first token is in.
        await asyncio.sleep(MODERATION_HEAD_START)
    return await Moderator(config).check(text)


async def generate_reply(
    reply_id: str, *, prepared: Prepared | None = None, holder: str | None = None
) -> str:
    """Write the reply ``reply_id``; returns how it ended. Safe to run twice.

    Raises ``ReplyBusy`` when the reply is being written by a process holding its lease.
    ``prepared``: the caller holds the lease and the reply is claimed; nothing is read.
    ``holder``: the caller's lease, which every write checks is still its own (``LeaseLost``
    when it is not).

    The provider is asked as soon as the reply is claimed and the history read. The user's
    message is moderated meanwhile, and nothing of the reply goes out before the verdict: a
    flagged message ends the reply as withheld, with no token published.
    """
    config = get_config()
    counter: UsageTotals | None
    reply: ChatMessage | None
    begun = prepared.begun if prepared is not None else None
    if prepared is not None:
        reply, history, counter = prepared.reply, prepared.history, prepared.usage
    else:
        # One round of reads before the provider is asked: the claim, the history and the
        # month's usage side by side.
        reply, history, counter = await asyncio.gather(
            _claim(reply_id), _history(reply_id), _usage_of(reply_id)
        )
    if reply is None:
        return "skipped"
    thread: ChatThread = reply.thread
    workspace: Workspace = thread.workspace
    writer = _Writer(reply, thread.id, holder)
    _, tin, tout, usd = counter if counter is not None else await month_usage(workspace.id)
    decision = decide(str(workspace.plan), tin + tout, usd, config)
    if decision.refused:
        if begun is not None:
            await begun.cancel()
        await _fail(reply, writer, "ai_budget_exceeded", decision.reason or "Budget used up.")
        return "refused"
    answered = _answered(history)
    moderation = (
        begun.moderation
        if begun is not None
        else asyncio.create_task(_moderate(answered.content if answered else ""))
    )
    try:
        return await _generate(
            reply, writer, thread, workspace, history, decision, moderation, begun
        )
    finally:
        # Settled on every normal path; this only stops them when the reply broke off.
        moderation.cancel()
        if begun is not None:
            await begun.provider.close()


async def _generate(
    reply: ChatMessage,
    writer: _Writer,
    thread: ChatThread,
    workspace: Workspace,
    history: list[ChatMessage],
    decision: RouteDecision,
    moderation: asyncio.Task[ModerationResult],
    begun: Begun | None = None,
) -> str:
    config = get_config()
    cheap = decision.model_tier == "cheap"
    providers = build_providers(config)
    if begun is not None:
        # The provider asked already stands in for itself; the others follow it as usual.
        start = next(i for i, p in enumerate(providers) if p.configured())
        providers[start] = begun.provider

    def model_for(provider: ChatProvider) -> str:
        return provider.default_model(cheap)

    kept = thread.provider_conversation == KEPT_CONVERSATION
    for provider in providers:
        if (openai_provider := as_openai(provider)) is not None:
            openai_provider.previous_response_id = thread.provider_response_id if kept else None
    full: list[ChatTurn] | None = None

    async def turns_for(provider: ChatProvider) -> list[ChatTurn]:
        nonlocal full
        if isinstance(provider, _Begun):
            return provider.turns
        openai_provider = as_openai(provider)
        if openai_provider is not None and openai_provider.store_responses:
            return build_turns(_not_held(history), workspace_name=workspace.name)
        if full is None:
            full = build_turns(await _full_history(history), workspace_name=workspace.name)
        return full

    started = time.monotonic()
    first_token: float | None = None
    provider_name, model = "none", "none"
    usage: Usage | None = None
    response_id: str | None = None
    failure: tuple[str, str] | None = None
    verdict: ModerationResult | None = None

    async def record_failed(error_class: str) -> None:
        # Reads the provider, model and times as they stand when the failure is caught.
        await _record(
            workspace.id,
            reply,
            provider=provider_name,
            model=model,
            outcome="failed",
            started=started,
            first_token=first_token,
            error_class=error_class,
        )

    writer.start()
    try:
        events = stream_reply(
            [],
            providers=providers,
            model_for=model_for,
            max_tokens=config.ai_max_output_tokens,
            turns_for=turns_for,
        )
        async with contextlib.aclosing(events):
            async for event in events:
                if isinstance(event, Skipped):
                    log.info("ai_provider_skipped", provider=event.provider, reason=event.reason)
                    if event.error_class != "NotConfigured":
                        # A configured provider that failed to answer is worth a telemetry row.
                        await _record(
                            workspace.id,
                            reply,
                            provider=event.provider,
                            model="-",
                            outcome="unavailable",
                            started=started,
                            first_token=None,
                            error_class=event.error_class,
                        )
                elif isinstance(event, Started):
                    provider_name, model = event.provider, event.model
                    started = time.monotonic()
                    writer.answered_by = {"provider": provider_name, "model": model}
                elif isinstance(event, Delta):
                    if first_token is None:
                        first_token = time.monotonic()
                        verdict = await moderation
                        if verdict.flagged:
                            break
                    if not writer.full:
                        await writer.add(event.text)
                elif isinstance(event, Finished):
                    usage = event.usage
                    response_id = event.response_id
        if verdict is None or not verdict.flagged:
            # The last batch and the text's final copy; here, so a lease found lost on the
            # way is handled as one lost mid-reply.
            await writer.flush(save=True)
    except HistoryUnavailable:
        failure = ("history_unavailable", KEPT_UNREACHABLE)
    except (ProviderFailed, lease.LeaseLost) as exc:
        await record_failed(exc.error_class if isinstance(exc, ProviderFailed) else "LeaseLost")
        if isinstance(exc, lease.LeaseLost):
            raise  # the reply is left to whoever holds it now
        failure = (
            "generation_failed",
            "The AI stopped in the middle of the reply. Retry to try again.",
        )
    except ProviderUnavailable as exc:
        failure = (
            "ai_unavailable",
            f"No AI model could be reached ({exc.reason}). Retry in a moment.",
        )
    except Exception as exc:
        # A fault of ours (a provider adapter's bug, input it did not expect). Raised, it would
        # fail the job, and the fallback would run the same reply into the same fault; ended,
        # the user keeps their message and the text so far, and gets a retry.
        log.exception("reply_generation_crashed", reply_id=str(reply.id))
        if provider_name != "none":  # a provider had answered: its request failed
            await record_failed(type(exc).__name__)
        failure = (
            "generation_failed",
            "Something went wrong while writing this reply. Retry to try again.",
        )
    finally:
        await writer.stop()
    verdict = verdict or await moderation
    if verdict.flagged:
        log.warning("ai_input_withheld", categories=verdict.categories, source=verdict.source)
        if provider_name != "none":
            await _record(
                workspace.id,
                reply,
                provider=provider_name,
                model=model,
                outcome="withheld",
                started=started,
                first_token=first_token,
                usage=usage,
            )
        reason = verdict.reason or "This message was withheld by moderation."
        await _withhold(reply, writer, reason, user_message=_answered(history))
        return "withheld"
    if failure is not None:
        await _fail(reply, writer, *failure)
        return "failed"
    await _record(
        workspace.id,
        reply,
        provider=provider_name,
        model=model,
        outcome="ok",
        started=started,
        first_token=first_token,
        usage=usage,
    )
    kept_by = (response_id, history) if response_id and provider_name == "openai" else None
    return await _complete(reply, writer, thread, providers, model_for, kept_by=kept_by)


async def _complete(
    reply: ChatMessage,
    writer: _Writer,
    thread: ChatThread,
    providers: list[ChatProvider],
    model_for: Any,
    *,
    kept_by: tuple[str, list[ChatMessage]] | None = None,
) -> str:
    """Moderate, parse and store the finished reply. ``kept_by`` (OpenAI's response id and
    the history sent) means OpenAI holds the reply and the message it answered: our rows
    then keep the id instead of the text."""
    config = get_config()
    text = cap_output(writer.text, MAX_REPLY_CHARS)
    verdict = await Moderator(config).check(text)
    if verdict.flagged:
        log.warning("ai_output_withheld", categories=verdict.categories)
        reason = verdict.reason or "The reply was withheld by moderation."
        await _withhold(reply, writer, reason)
        return "withheld"

    async def repair(bad: str) -> str:
        for provider in providers:
            if (openai_provider := as_openai(provider)) is not None:
                # A one-off call, not a turn of the kept conversation.
                openai_provider.store_responses = False
                openai_provider.previous_response_id = None
        turns = [ChatTurn(role="system", content=REPAIR_PROMPT), ChatTurn(role="user", content=bad)]
        parts: list[str] = []
        async for event in stream_reply(
            turns, providers=providers, model_for=model_for, max_tokens=config.ai_max_output_tokens
        ):
            if isinstance(event, Delta):
                parts.append(event.text)
        return "".join(parts)

    draft = await parse_or_repair(text, repair=repair)
    async with transaction():
        locked = await ChatThread.filter(id=thread.id).select_for_update().get()
        ended = await ChatMessage.filter(id=reply.id, status=MessageStatus.streaming).update(
            status=MessageStatus.complete,
            content="" if kept_by else writer.text,
            provider_item_id=kept_by[0] if kept_by else None,
            seq=writer.seq,
            seq_offsets=writer.offsets,
        )
        if not ended:
            raise lease.LeaseLost(reply.id)
        if kept_by is not None:
            response_id, history = kept_by
            # The response's input holds the message it answered: the newest user turn.
            answered = next((m for m in reversed(history) if m.role is MessageRole.user), None)
            if answered is not None and answered.provider_item_id is None:
                await ChatMessage.filter(id=answered.id).update(
                    content="", provider_item_id=response_id, updated_at=datetime.now(UTC)
                )
            locked.provider_conversation = KEPT_CONVERSATION
            locked.provider_response_id = response_id
        if draft is not None:
            locked.draft = {
                "subject": draft.subject,
                "preheader": draft.preheader,
                "sections": [
                    {"heading": s.heading, "body": s.body, "html": render_section_html(s.body)}
                    for s in draft.sections
                ],
            }
            locked.prompt_version = PROMPT_VERSION
            if locked.state == WorkflowState.drafting.value:
                locked.state = WorkflowState.reviewing.value
                locked.state_version += 1
        await locked.save(
            update_fields=[
                "draft",
                "prompt_version",
                "state",
                "state_version",
                "provider_conversation",
                "provider_response_id",
                "updated_at",
            ]
        )
    await _end(
        reply.id,
        thread.id,
        "done",
        {"content": writer.text},
        [
            (
                "chat:done",
                {"thread_id": str(thread.id), "message_id": str(reply.id), "content": writer.text},
            ),
            ("chat:state", {"thread_id": str(thread.id), "state": locked.state}),
        ],
        holder=writer.holder,
    )
    return "complete"
