"""Chat threads: reading, sending, retrying, workflow transitions and AI usage.

Generation itself (``server.chat.generation``) runs detached from any socket or request; this
module only records the user's message and a pending reply and queues the job through the
outbox in the same transaction. With ``CHAT_REPLIES_IN_WEB`` the web process starts writing
the reply itself once that commits, and the job is the fallback a worker runs later.
"""

from __future__ import annotations

import asyncio
import functools
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import structlog
from tortoise import connections
from tortoise.expressions import F
from tortoise.functions import Count, Sum

from agents.moderation import ModerationResult, check_locally
from agents.providers.base import ProviderUnavailable
from agents.providers.offline import OFFLINE_NOTICE
from agents.router import build_providers
from agents.routing import RouteDecision, decide
from agents.workflow import ALLOWED, IllegalTransition, WorkflowState, transition
from models.chat import (
    AIRequest,
    AIUsageMonth,
    ChatMessage,
    ChatThread,
    MessageRole,
    MessageStatus,
)
from realtime.emit import emit_after_commit
from server.chat import lease
from server.chat.schemas import (
    DraftRead,
    MessageRead,
    ThreadRead,
    ThreadSummary,
    UsageSummary,
)
from server.core import outbox
from server.core.auth import Actor
from server.core.config import get_config
from server.core.db import columns, from_row, locked_in_workspace, on_commit, transaction
from server.core.errors import AppError, Conflict, NotFound
from server.core.redis import get_redis

if TYPE_CHECKING:
    from server.chat.generation import Begun

log = structlog.get_logger(__name__)

ACTIVE = (MessageStatus.pending, MessageStatus.streaming)


class ReplyInProgress(Conflict):
    code = "reply_in_progress"
    message = "Wait for the current reply to finish."


class BudgetExceeded(AppError):
    code = "ai_budget_exceeded"
    status = 429


class MessageWithheld(AppError):
    code = "message_withheld"
    status = 422


class IllegalTransitionError(Conflict):
    code = "illegal_transition"


class VersionConflict(Conflict):
    code = "version_conflict"
    message = "The conversation changed meanwhile; reload it."


def reply_job_id(reply_id: object) -> str:
    """The stable id of the job that writes (or, after a web process, checks) a reply."""
    return f"reply:{reply_id}"


def thread_room(thread_id: object) -> str:
    return f"thread:{thread_id}"


async def access_thread(actor: Actor, thread_id: uuid.UUID | str) -> ChatThread:
    """The tenancy check for threads: another workspace's thread is simply not found."""
    thread = await ChatThread.get_or_none(id=thread_id, workspace_id=actor.workspace.id)
    if thread is None:
        raise NotFound("No such conversation.")
    return thread


def ai_notice() -> str | None:
    """Said plainly in the UI when no real model is configured."""
    real = [p for p in build_providers(get_config()) if p.name != "offline" and p.configured()]
    return None if real else OFFLINE_NOTICE


def provider_kept(message: ChatMessage) -> bool:
    """Whether the provider holds this message's text and our row only its id."""
    return message.provider_item_id is not None and not message.content


def _readback_key(response_id: str, part: str) -> str:
    return f"chat:readback:{part}:{response_id}"


async def provider_text(message: ChatMessage) -> str | None:
    """The text of a provider-kept message, read back from OpenAI (cached briefly in Redis);
    ``None`` when OpenAI cannot be reached or asked."""
    assert message.provider_item_id is not None
    part: Literal["output", "input"] = (
        "output" if message.role is MessageRole.assistant else "input"
    )
    key = _readback_key(message.provider_item_id, part)
    redis = get_redis()
    cached = await redis.get(key)
    if cached is not None:
        return cached.decode() if isinstance(cached, bytes) else str(cached)
    config = get_config()
    # Only threads kept by OpenAI get here; other processes never import its SDK.
    from agents.providers.openai import stored_text

    try:
        text = await stored_text(config, message.provider_item_id, part)
    except ProviderUnavailable as exc:
        log.warning(
            "chat.readback_failed",
            message_id=str(message.id),
            response_id=message.provider_item_id,
            reason=exc.reason,
        )
        return None
    await redis.set(key, text, ex=config.openai_readback_cache_seconds)
    return text


async def provider_texts(messages: list[ChatMessage]) -> dict[uuid.UUID, str | None]:
    """Read back every provider-kept message of ``messages`` at once."""
    kept = [m for m in messages if provider_kept(m)]
    texts = await asyncio.gather(*(provider_text(m) for m in kept))
    return {m.id: text for m, text in zip(kept, texts, strict=True)}


def message_read(message: ChatMessage, content: str | None = None) -> MessageRead:
    """``content`` overrides the stored text (read back from the provider); a provider-kept
    message without it is marked ``content_unavailable``."""
    unavailable = provider_kept(message) and content is None
    return MessageRead(
        id=message.id,
        role=message.role,
        content=content if content is not None else message.content,
        content_unavailable=unavailable,
        status=message.status,
        error=message.error,
        error_code=message.error_code,
        seq=message.seq,
        provider=message.provider,
        model=message.model,
        created_at=message.created_at,
    )


async def thread_read(thread: ChatThread) -> ThreadRead:
    messages = await ChatMessage.filter(thread=thread).order_by("created_at", "id")
    texts = await provider_texts(messages)
    state = WorkflowState(thread.state)
    return ThreadRead(
        id=thread.id,
        title=thread.title,
        state=thread.state,
        updated_at=thread.updated_at,
        has_draft=bool(thread.draft),
        state_version=thread.state_version,
        draft=DraftRead.model_validate(thread.draft) if thread.draft else None,
        messages=[message_read(m, texts.get(m.id)) for m in messages],
        allowed_transitions=sorted(s.value for s in ALLOWED[state]),
        ai_notice=ai_notice(),
    )


async def create_thread(actor: Actor, title: str | None) -> ChatThread:
    async with transaction():
        return await ChatThread.create(
            id=uuid.uuid4(),
            workspace_id=actor.workspace.id,
            created_by_id=actor.user.id,
            title=(title or "New newsletter").strip()[:200] or "New newsletter",
            state=WorkflowState.briefing.value,
        )


async def rename_thread(actor: Actor, thread_id: uuid.UUID | str, title: str) -> ChatThread:
    async with transaction():
        thread = await _locked_thread(actor, thread_id)
        thread.title = title.strip()
        # Renaming is not activity: the list keeps the conversation where it was.
        await thread.save(update_fields=["title"])
    return thread


async def delete_thread(actor: Actor, thread_id: uuid.UUID | str) -> None:
    """Delete a conversation and its messages. Not while a reply is being written: its writer
    would lose what it streams. Campaigns and templates made from it keep their own copy."""
    async with transaction():
        thread = await _locked_thread(actor, thread_id)
        if await ChatMessage.filter(thread_id=thread.id, status__in=ACTIVE).exists():
            raise ReplyInProgress("Wait for the current reply to finish, then delete.")
        # What OpenAI keeps of it goes too, once this commits (the job retries while OpenAI
        # cannot be reached).
        rows = await ChatMessage.filter(
            thread_id=thread.id, provider_item_id__not_isnull=True
        ).values_list("provider_item_id", flat=True)
        kept = {str(r) for r in rows}
        if thread.provider_response_id:
            kept.add(thread.provider_response_id)
        await thread.delete()
        if kept:
            await outbox.enqueue("forget_provider_responses", sorted(kept))


def thread_summary(thread: ChatThread) -> ThreadSummary:
    return ThreadSummary(
        id=thread.id,
        title=thread.title,
        state=thread.state,
        updated_at=thread.updated_at,
        has_draft=bool(thread.draft),
    )


async def list_threads(actor: Actor) -> list[ThreadSummary]:
    threads = await ChatThread.filter(workspace_id=actor.workspace.id).order_by("-updated_at")
    return [thread_summary(t) for t in threads]


def month_start(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: datetime | None = None) -> datetime:
    start = month_start(now)
    return (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )


UsageTotals = tuple[int, int, int, float]


async def _summed_usage(workspace_id: Any, now: datetime) -> UsageTotals:
    row = (
        await AIRequest.filter(
            workspace_id=workspace_id,
            created_at__gte=month_start(now),
            created_at__lt=next_month_start(now),
        )
        .annotate(
            n=Count("id"), tin=Sum("input_tokens"), tout=Sum("output_tokens"), usd=Sum("cost_usd")
        )
        .first()
        .values("n", "tin", "tout", "usd")
    )
    if not row:
        return 0, 0, 0, 0.0
    usd = row["usd"] or Decimal(0)
    return int(row["n"] or 0), int(row["tin"] or 0), int(row["tout"] or 0), float(usd)


async def month_usage(workspace_id: Any, *, now: datetime | None = None) -> UsageTotals:
    """(requests, input tokens, output tokens, dollars) this calendar month (UTC).

    One row of the running counter; a month without one has no request recorded through
    ``record_ai_request`` yet, so its rows (if any) are summed.
    """
    now = now or datetime.now(UTC)
    totals = await month_counter(workspace_id, now=now)
    return totals if totals is not None else await _summed_usage(workspace_id, now)


_COUNTER_SQL = (
    "SELECT requests, input_tokens, output_tokens, cost_usd FROM ai_usage_month"
    " WHERE workspace_id = $1 AND month = $2"
)


async def month_counter(workspace_id: Any, *, now: datetime | None = None) -> UsageTotals | None:
    """This month's running counter alone (``None`` before the month's first counted
    request); ``workspace_id`` may be a subquery, for a caller that does not know it yet."""
    if isinstance(workspace_id, uuid.UUID):
        # Read before every reply: SQL written once, not a query the ORM builds each time.
        _, rows = await connections.get("default").execute_query(
            _COUNTER_SQL, [workspace_id, month_start(now).date()]
        )
        if not rows:
            return None
        row = rows[0]
        return (
            int(row["requests"]),
            int(row["input_tokens"]),
            int(row["output_tokens"]),
            float(row["cost_usd"]),
        )
    counter = await AIUsageMonth.get_or_none(
        workspace_id=workspace_id, month=month_start(now).date()
    )
    if counter is None:
        return None
    return (
        counter.requests,
        counter.input_tokens,
        counter.output_tokens,
        float(counter.cost_usd),
    )


_START_COUNTER = """
INSERT INTO ai_usage_month
    (workspace_id, month, requests, input_tokens, output_tokens, cost_usd)
SELECT $1, $2, count(*), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
       coalesce(sum(cost_usd), 0)
FROM ai_request WHERE workspace_id = $1 AND created_at >= $3 AND created_at < $4
ON CONFLICT (workspace_id, month) DO UPDATE SET
    requests = ai_usage_month.requests + 1,
    input_tokens = ai_usage_month.input_tokens + $5,
    output_tokens = ai_usage_month.output_tokens + $6,
    cost_usd = ai_usage_month.cost_usd + $7
"""


async def store_ai_request(**fields: Any) -> AIRequest:
    """Store one AI request's telemetry row and add it to its month's usage counter."""
    async with transaction() as conn:
        record = await AIRequest.create(**fields)
        month = month_start(record.created_at)
        added = await AIUsageMonth.filter(
            workspace_id=record.workspace_id,  # type: ignore[attr-defined]
            month=month.date(),
        ).update(
            requests=F("requests") + 1,
            input_tokens=F("input_tokens") + record.input_tokens,
            output_tokens=F("output_tokens") + record.output_tokens,
            cost_usd=F("cost_usd") + record.cost_usd,
        )
        if not added:
            # The month's first counted request starts the counter from the month's rows,
            # this one included (and any written before the counter existed). A concurrent
            # first request that wins the insert leaves this one to add only itself.
            await conn.execute_query(
                _START_COUNTER,
                [
                    record.workspace_id,  # type: ignore[attr-defined]
                    month.date(),
                    month,
                    next_month_start(month),
                    record.input_tokens,
                    record.output_tokens,
                    record.cost_usd,
                ],
            )
    return record


async def route_for(actor_workspace_id: Any, plan: str) -> RouteDecision:
    _, tin, tout, usd = await month_usage(actor_workspace_id)
    return decide(plan, tin + tout, usd, get_config())


async def usage_summary(actor: Actor) -> UsageSummary:
    config = get_config()
    plan = str(actor.workspace.plan)
    requests, tin, tout, usd = await month_usage(actor.workspace.id)
    decision = decide(plan, tin + tout, usd, config)
    return UsageSummary(
        month=month_start().strftime("%Y-%m"),
        plan=plan,
        requests=requests,
        input_tokens=tin,
        output_tokens=tout,
        cost_usd=round(usd, 6),
        budget_tokens=config.ai_budget_tokens.get(plan, 0),
        budget_usd=config.ai_budget_usd.get(plan, 0.0),
        model_tier=decision.model_tier,
        refused=decision.refused,
    )


async def _queue_reply(reply: ChatMessage) -> None:
    await outbox.enqueue("generate_reply", str(reply.id), job_id=reply_job_id(reply.id))


async def _write_reply_here(
    reply: ChatMessage,
    history: list[ChatMessage],
    usage: UsageTotals,
    holder: str,
    begun: Begun | None,
) -> None:
    """This process writes the reply once the transaction commits, under the lease
    ``holder`` holds; its job, due a lease period later and left to the workers' sweep, is
    the fallback. ``history`` (the thread's finished messages before the reply, as of this
    transaction) and ``usage`` (the month's, as the budget check read it) spare the writer
    reading them again, and ``begun`` holds the requests already sent for it."""
    await outbox.enqueue(
        "generate_reply",
        str(reply.id),
        job_id=reply_job_id(reply.id),
        defer_until=datetime.now(UTC) + timedelta(seconds=get_config().chat_lease_seconds),
        relay_after_commit=False,
    )

    async def write() -> None:
        # Imported here: the reply's writer reads this module's services.
        from server.chat import generation

        generation.write_here(
            generation.Prepared(reply=reply, history=history, usage=usage, begun=begun), holder
        )

    on_commit(write)


async def _locked_thread(actor: Actor, thread_id: uuid.UUID | str) -> ChatThread:
    return await locked_in_workspace(
        ChatThread, thread_id, actor.workspace.id, "No such conversation."
    )


async def send_message(
    actor: Actor, thread_id: uuid.UUID | str, content: str
) -> tuple[ChatMessage, ChatMessage]:
    """Record the user's message and a pending reply, and queue the generation.

    Only the local moderation rules run here (no round trip): the full check, OpenAI's
    endpoint when configured, runs in the reply job beside the provider's first-token wait,
    and the job withholds the reply and this message when it flags them.
    """
    config = get_config()
    verdict = check_locally(content)
    reply_id = uuid.uuid4()
    holder: str | None = None
    here = (
        config.chat_replies_in_web
        and not verdict.flagged
        and lease.in_hand() < config.chat_web_max_replies
    )
    if here:
        # Counted from here until its writer starts (or the send fails): a burst of sends
        # would otherwise all pass the check before the first of them started writing.
        lease.starting.add(reply_id)
    # The requests sent for the reply before the transaction ends, given up if it fails.
    begun: list[Begun] = []
    holder = None
    try:
        if here:
            # The lease on the reply to be, taken beside the budget read: with it this
            # process writes the reply, created already claimed. A process writing many
            # replies leaves the next ones to the workers, so the load spreads over every
            # process. The thread's messages, read beside them without the thread's lock,
            # let the model be asked before the transaction starts.
            usage, holder, seen = await asyncio.gather(
                month_usage(actor.workspace.id),
                lease.take(reply_id, config.chat_lease_seconds),
                _messages_unlocked(actor, thread_id),
            )
        else:
            usage, seen = await month_usage(actor.workspace.id), None
        decision = decide(str(actor.workspace.plan), usage[1] + usage[2], usage[3], config)
        if holder is not None and seen is not None and not decision.refused:
            _begin(begun, actor, seen, content, decision)
        try:
            # Its hooks, the writer's start among them, run before this block ends.
            async with transaction():
                user_message, reply = await _record_message(
                    actor, thread_id, content, verdict, decision, reply_id, usage, holder, begun
                )
        except BaseException:
            for requests in begun:
                await requests.cancel()
            if holder is not None:
                await lease.release(reply_id, holder)
            raise
    finally:
        lease.starting.discard(reply_id)
    if reply is None:
        raise MessageWithheld(
            verdict.reason or "This message was withheld by moderation.",
            details={"message_id": str(user_message.id), "categories": verdict.categories},
        )
    return user_message, reply


@functools.cache
def _messages_sql() -> str:
    return (
        f"SELECT {columns(ChatMessage, 'm')} FROM chat_message m"  # noqa: S608 - its columns
        " JOIN chat_thread t ON t.id = m.thread_id"
        " WHERE m.thread_id = $1 AND t.workspace_id = $2 ORDER BY m.created_at, m.id"
    )


async def _messages_unlocked(actor: Actor, thread_id: uuid.UUID | str) -> list[ChatMessage]:
    """The thread's messages, read without its lock (none for another workspace's thread):
    what the model is probably asked with, checked again under the lock. Read before every
    reply, with SQL written once rather than a query the ORM builds each time."""
    try:
        thread_uuid = uuid.UUID(str(thread_id))
    except ValueError:
        return []  # no such thread: the locked read that follows says so
    _, rows = await connections.get("default").execute_query(
        _messages_sql(), [thread_uuid, actor.workspace.id]
    )
    return [from_row(ChatMessage, "m", row) for row in rows]


def _prompt_key(history: list[ChatMessage]) -> list[tuple[Any, ...]]:
    """What of the finished messages goes into the prompt."""
    return [(m.id, m.role, m.content, m.provider_item_id) for m in history]


def _begin(
    begun: list[Begun],
    actor: Actor,
    messages: list[ChatMessage],
    content: str,
    decision: RouteDecision,
) -> None:
    """Ask the model (and moderate ``content``) for a reply after ``messages``, unless the
    thread is busy; the requests join ``begun``."""
    if any(m.status in ACTIVE for m in messages):
        return
    # Imported here: the reply's writer reads this module's services.
    from server.chat import generation

    history = [m for m in messages if m.status is MessageStatus.complete]
    requests = generation.begin(actor.workspace, history, content, decision)
    if requests is not None:
        requests.history = _prompt_key(history)
        begun.append(requests)


async def _record_message(
    actor: Actor,
    thread_id: uuid.UUID | str,
    content: str,
    verdict: ModerationResult,
    decision: RouteDecision,
    reply_id: uuid.UUID,
    usage: UsageTotals,
    holder: str | None,
    begun: list[Begun],
) -> tuple[ChatMessage, ChatMessage | None]:
    """Inside the send's transaction: the user's message and, unless it was flagged, the
    reply (claimed already when ``holder`` holds its lease) and its job.

    When this process writes the reply, the model is asked (and the message moderated) as
    soon as the history is read, and the rest of the transaction runs during the model's
    wait for its first token; the requests are put in ``begun`` for the caller to give up
    if the transaction fails. Nothing is published before the commit starts the writer."""
    # The tenancy check and the lock in one query: another workspace's thread is not found.
    thread = await _locked_thread(actor, thread_id)
    if decision.refused:
        raise BudgetExceeded(decision.reason or "The monthly AI budget is used up.")
    history: list[ChatMessage] = []
    if holder is not None:
        # This process writes the reply: the thread's messages, read under the thread's
        # lock, are both the busy check and the reply's history.
        messages = await ChatMessage.filter(thread=thread).order_by("created_at", "id")
        if any(m.status in ACTIVE for m in messages):
            raise ReplyInProgress()
        history = [m for m in messages if m.status is MessageStatus.complete]
        if begun and begun[0].history != _prompt_key(history):
            # A message landed between the read outside the lock and this one: the model
            # was asked with another history, so it is asked again with this one.
            await begun.pop().cancel()
        if not begun:
            _begin(begun, actor, messages, content, decision)
    elif await ChatMessage.filter(thread=thread, status__in=ACTIVE).exists():
        raise ReplyInProgress()
    user_message = await ChatMessage.create(
        id=uuid.uuid4(),
        thread=thread,
        role=MessageRole.user,
        content=content,
        status=MessageStatus.withheld if verdict.flagged else MessageStatus.complete,
        error=verdict.reason if verdict.flagged else None,
        error_code="message_withheld" if verdict.flagged else None,
    )
    if verdict.flagged:
        # Kept (nothing the user typed is lost) but never sent to a model.
        thread.updated_at = datetime.now(UTC)
        await thread.save(update_fields=["updated_at"])
        return user_message, None
    reply = await ChatMessage.create(
        id=reply_id,
        thread=thread,
        role=MessageRole.assistant,
        status=MessageStatus.pending if holder is None else MessageStatus.streaming,
    )
    if thread.title == "New newsletter":
        thread.title = _title_from(content)
    if thread.state in (WorkflowState.briefing.value, WorkflowState.reviewing.value):
        thread.state = WorkflowState.drafting.value
        thread.state_version += 1
    await thread.save(update_fields=["title", "state", "state_version", "updated_at"])
    if holder is None:
        await _queue_reply(reply)
    else:
        history.append(user_message)
        thread.workspace = actor.workspace
        await _write_reply_here(reply, history, usage, holder, begun[0] if begun else None)
    await _announce_state(thread)
    return user_message, reply


def _title_from(content: str) -> str:
    words = content.strip().split()
    title = " ".join(words[:8])
    return (title[:80] + ("…" if len(words) > 8 else "")) or "New newsletter"


async def retry_reply(
    actor: Actor, thread_id: uuid.UUID | str, message_id: uuid.UUID
) -> tuple[ChatMessage, ChatMessage]:
    """A new attempt for a failed reply; the failed one stays in the history as it was."""
    thread = await access_thread(actor, thread_id)
    async with transaction():
        failed = await ChatMessage.get_or_none(
            id=message_id, thread=thread, role=MessageRole.assistant
        )
        if failed is None:
            raise NotFound("No such reply.")
        if failed.status is not MessageStatus.failed:
            raise Conflict("Only a failed reply can be retried.", code="not_failed")
        if await ChatMessage.filter(thread=thread, status__in=ACTIVE).exists():
            raise ReplyInProgress()
        user_message = (
            await ChatMessage.filter(
                thread=thread, role=MessageRole.user, created_at__lte=failed.created_at
            )
            .order_by("-created_at")
            .first()
        )
        if user_message is None:
            raise Conflict("There is nothing to answer.", code="not_failed")
        reply = await ChatMessage.create(
            id=uuid.uuid4(),
            thread=thread,
            role=MessageRole.assistant,
            status=MessageStatus.pending,
        )
        await _queue_reply(reply)
    return user_message, reply


async def change_state(
    actor: Actor, thread_id: uuid.UUID | str, target: str, version: int
) -> ChatThread:
    """A user-requested workflow step; the model never moves a thread to handed_off."""
    await access_thread(actor, thread_id)
    async with transaction():
        thread = await ChatThread.filter(id=thread_id).select_for_update().get()
        current = WorkflowState(thread.state)
        if version != thread.state_version:
            raise VersionConflict(
                details={"current_version": thread.state_version, "state": thread.state}
            )
        try:
            wanted = WorkflowState(target)
            new_state = transition(current, wanted)
        except (ValueError, IllegalTransition) as exc:
            allowed = sorted(s.value for s in ALLOWED[current])
            raise IllegalTransitionError(
                f"A conversation in '{current.value}' cannot move to '{target}'.",
                details={"current": current.value, "allowed": allowed},
            ) from exc
        thread.state = new_state.value
        thread.state_version += 1
        await thread.save(update_fields=["state", "state_version", "updated_at"])
        await _announce_state(thread)
    return thread


_ORDER = list(WorkflowState)


async def _announce_state(thread: ChatThread) -> None:
    """Every open client of the thread learns its new workflow step, once the change commits."""
    await emit_after_commit(
        "chat:state",
        {"thread_id": str(thread.id), "state": thread.state},
        room=thread_room(thread.id),
    )


async def advance_workflow(
    workspace_id: uuid.UUID, thread_id: uuid.UUID, target: WorkflowState
) -> bool:
    """Inside the caller's transaction: move a conversation forward to ``target`` because the
    user took that step elsewhere (chose a template, an audience, confirmed the send).

    Each step on the way is an allowed transition; a conversation already at or past
    ``target`` (or another workspace's, or gone) is left as it is. Only user actions call
    this, so the model still cannot move a thread to ``handed_off``."""
    thread = (
        await ChatThread.filter(id=thread_id, workspace_id=workspace_id).select_for_update().first()
    )
    if thread is None:
        return False
    current = WorkflowState(thread.state)
    if _ORDER.index(current) >= _ORDER.index(target):
        return False
    while current is not target:
        current = transition(current, _ORDER[_ORDER.index(current) + 1])
        thread.state_version += 1
    thread.state = current.value
    await thread.save(update_fields=["state", "state_version", "updated_at"])
    await _announce_state(thread)
    return True


async def reply_of(thread: ChatThread, message_id: uuid.UUID | str) -> ChatMessage | None:
    return await ChatMessage.get_or_none(id=message_id, thread=thread, role=MessageRole.assistant)
