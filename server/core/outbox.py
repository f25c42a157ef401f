"""Jobs enqueued through the outbox: written in the caller's transaction, relayed after it.

``enqueue`` writes a row and asks for a quick relay after commit. The worker's relay loop sweeps
whatever that fast path missed (Redis down, the process killed between commit and enqueue), so a
committed job is never lost; the stable ARQ job id keeps a double relay from running it twice.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog
from arq.connections import ArqRedis
from arq.constants import in_progress_key_prefix, job_key_prefix, retry_key_prefix
from tortoise.expressions import Q

from models.outbox import OutboxMessage
from server.core.db import in_transaction_now, on_commit, transaction
from server.core.logging import current_request_id
from server.core.redis import get_redis

log = structlog.get_logger(__name__)


_INSERT = """
INSERT INTO outbox_message (job_name, args, kwargs, job_id, request_id, available_at,
                            created_at, attempts)
VALUES ($1, $2, $3, $4, $5, $6, now(), 0)
ON CONFLICT (job_id) DO NOTHING
RETURNING id, created_at
"""


def _json_field(name: str) -> Any:
    return OutboxMessage._meta.fields_map[name]


async def enqueue(
    job_name: str,
    *args: Any,
    job_id: str | None = None,
    defer_until: datetime | None = None,
    relay_after_commit: bool = True,
    **kwargs: Any,
) -> OutboxMessage:
    """Add a job to the outbox inside the current transaction (required).

    ``relay_after_commit=False`` leaves the row to the workers' sweep instead of pushing it
    from this process after the commit: for a deferred job that is only a fallback, whose
    push need not cost the caller anything."""
    if not in_transaction_now():
        # Without the caller's transaction the row and the change could part ways.
        raise RuntimeError("outbox.enqueue() needs an open transaction()")
    job_id = job_id or f"outbox:{uuid.uuid4().hex}"
    fields: dict[str, Any] = {
        "job_name": job_name,
        "args": list(args),
        "kwargs": kwargs,
        "job_id": job_id,
        "request_id": current_request_id(),
        "available_at": defer_until or datetime.now(UTC),
    }
    # ON CONFLICT DO NOTHING: enqueueing the same stable job id again is a no-op, not an
    # error that would abort the caller's transaction. One round trip for the usual case.
    _, rows = await OutboxMessage._choose_db(for_write=True).execute_query(
        _INSERT,
        [
            job_name,
            # Encoded as the model's JSON fields encode them.
            _json_field("args").to_db_value(fields["args"], None),
            _json_field("kwargs").to_db_value(kwargs, None),
            job_id,
            fields["request_id"],
            fields["available_at"],
        ],
    )
    if rows:
        message = OutboxMessage(id=rows[0]["id"], created_at=rows[0]["created_at"], **fields)
        # The row exists: a later save() of this instance updates it.
        message._saved_in_db = True
    else:
        message = await OutboxMessage.get(job_id=job_id)

    async def relay_now() -> None:
        await relay_one(get_redis(), message)

    if relay_after_commit:
        on_commit(relay_now)
    return message


# Wake tokens kept at most: each only means "look for jobs now", so a burst of enqueues
# needs no more than one per worker that may be idle.
WAKE_TOKENS = 16


def wake_key(queue_name: str) -> str:
    """The list an idle worker of ``queue_name`` blocks on (see ``jobs.worker.Worker``)."""
    return f"{queue_name}:wake"


async def wake_workers(redis: ArqRedis) -> None:
    """Tell an idle worker a job is queued, so it starts it now rather than at its next look."""
    key = wake_key(redis.default_queue_name)
    async with redis.pipeline(transaction=False) as pipe:
        pipe.lpush(key, 1)
        pipe.ltrim(key, 0, WAKE_TOKENS - 1)
        # With no worker running, the tokens do not outlive a short while.
        pipe.expire(key, 60)
        await pipe.execute()


async def _push(redis: ArqRedis, message: OutboxMessage) -> None:
    kwargs: dict[str, Any] = dict(message.kwargs)
    if message.request_id:
        kwargs["_request_id"] = message.request_id
    deferred = message.available_at > datetime.now(UTC)
    job = await redis.enqueue_job(
        message.job_name,
        *message.args,
        _job_id=message.job_id,
        _defer_until=message.available_at if deferred else None,
        **kwargs,
    )
    if job is not None and not deferred:
        await wake_workers(redis)


async def relay_one(redis: ArqRedis, message: OutboxMessage) -> bool:
    """The after-commit fast path for a row just committed: push it, then mark it relayed.

    Nothing is read or locked before the push, so the job is queued one round trip after the
    commit. A sweep pushing the same row meanwhile is harmless: ARQ keeps one job per job id
    (and the job itself is idempotent). True when this call marked the row.
    """
    if message.relayed_at is not None:
        # Enqueued again under a job id that was relayed long ago.
        return False
    await _push(redis, message)
    marked = await OutboxMessage.filter(id=message.id, relayed_at__isnull=True).update(
        relayed_at=datetime.now(UTC)
    )
    return bool(marked)


# Removes a queued job that no worker has started: its place in the queue, its definition
# and its try counter. A started job (in progress) is left to end by itself.
_WITHDRAW = """
if redis.call('EXISTS', KEYS[3]) == 1 then
    return 0
end
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
    redis.call('DEL', KEYS[2], KEYS[4])
    return 1
end
return 0
"""


async def withdraw(redis: ArqRedis, job_id: str) -> None:
    """Take back a job queued through the outbox that is no longer needed, so no worker
    spends a run finding nothing to do: a row not relayed yet is marked relayed without being
    pushed, and a job already in the queue is removed unless a worker has started it (that
    run still finds nothing to do; the job must stay idempotent)."""
    marked = await OutboxMessage.filter(job_id=job_id, relayed_at__isnull=True).update(
        relayed_at=datetime.now(UTC)
    )
    if marked:
        return
    await redis.eval(  # type: ignore[misc]
        _WITHDRAW,
        4,
        redis.default_queue_name,
        job_key_prefix + job_id,
        in_progress_key_prefix + job_id,
        retry_key_prefix + job_id,
        job_id,
    )


async def relay_pending(redis: ArqRedis, *, limit: int = 200) -> int:
    """Hand due, unrelayed rows to ARQ. Safe to run in several workers at once."""
    async with transaction():
        batch = (
            await OutboxMessage.filter(Q(relayed_at__isnull=True))
            .order_by("id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        now = datetime.now(UTC)
        relayed = 0
        for message in batch:
            try:
                await _push(redis, message)
            except Exception as exc:
                # Keep what was relayed; this row and the rest wait for the next sweep.
                message.attempts += 1
                message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                await message.save(update_fields=["attempts", "last_error"])
                log.warning("outbox_relay_failed", job_id=message.job_id, error=str(exc))
                break
            message.relayed_at = now
            await message.save(update_fields=["relayed_at"])
            relayed += 1
    if relayed:
        log.info("outbox_relayed", count=relayed)
    return relayed
