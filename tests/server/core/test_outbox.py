"""The outbox: a committed job is never lost and never enqueued twice."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from arq.connections import ArqRedis
from arq.jobs import Job, JobStatus

from models.outbox import OutboxMessage
from server.core import outbox
from server.core.config import Config
from server.core.db import transaction


async def queued_ids(redis: ArqRedis, config: Config) -> list[str]:
    return [
        key.decode() if isinstance(key, bytes) else key
        for key in await redis.zrange(config.queue_name, 0, -1)
    ]


async def test_commit_relays_at_once(redis: ArqRedis, config: Config) -> None:
    async with transaction():
        message = await outbox.enqueue("send_mail", {"x": 1}, job_id="job-commit")
        # Nothing reaches the queue while the transaction may still roll back.
        assert await queued_ids(redis, config) == []
    assert await queued_ids(redis, config) == ["job-commit"]
    await message.refresh_from_db()
    assert message.relayed_at is not None
    job = Job("job-commit", redis, _queue_name=config.queue_name)
    info = await job.info()
    assert info is not None
    assert info.function == "send_mail"
    assert info.args == ({"x": 1},)


async def test_rollback_leaves_nothing(redis: ArqRedis, config: Config) -> None:
    with pytest.raises(RuntimeError):
        async with transaction():
            await outbox.enqueue("send_mail", {}, job_id="job-rollback")
            raise RuntimeError("abort")
    assert await OutboxMessage.all().count() == 0
    assert await queued_ids(redis, config) == []


async def test_enqueue_needs_a_transaction(redis: ArqRedis) -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        await outbox.enqueue("send_mail", {}, job_id="job-no-tx")


async def test_row_left_by_a_crash_is_relayed_by_the_sweep(redis: ArqRedis, config: Config) -> None:
    # As if the process died after COMMIT, before its after-commit relay ran.
    await OutboxMessage.create(
        job_name="send_mail", args=[{"y": 2}], job_id="job-orphan", available_at=datetime.now(UTC)
    )
    assert await outbox.relay_pending(redis) == 1
    assert await queued_ids(redis, config) == ["job-orphan"]
    assert await outbox.relay_pending(redis) == 0


async def test_double_relay_enqueues_once(redis: ArqRedis, config: Config) -> None:
    message = await OutboxMessage.create(
        job_name="send_mail", args=[], job_id="job-twice", available_at=datetime.now(UTC)
    )
    assert await outbox.relay_pending(redis) == 1
    # As if the relay died after pushing but before marking the row.
    await OutboxMessage.filter(id=message.id).update(relayed_at=None)
    assert await outbox.relay_pending(redis) == 1
    assert await queued_ids(redis, config) == ["job-twice"]
    status = await Job("job-twice", redis, _queue_name=config.queue_name).status()
    assert status is JobStatus.queued


async def test_deferred_job_waits_in_the_queue(redis: ArqRedis, config: Config) -> None:
    later = datetime.now(UTC) + timedelta(minutes=5)
    async with transaction():
        await outbox.enqueue("send_mail", {}, job_id="job-later", defer_until=later)
    score = await redis.zscore(config.queue_name, "job-later")
    assert score is not None
    assert abs(score / 1000 - later.timestamp()) < 1
    status = await Job("job-later", redis, _queue_name=config.queue_name).status()
    assert status is JobStatus.deferred


async def test_redis_failure_keeps_the_row_for_later(
    redis: ArqRedis, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refuse(*args: object, **kwargs: object) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(redis, "enqueue_job", refuse)
    async with transaction():
        await outbox.enqueue("send_mail", {}, job_id="job-down")
    assert await outbox.relay_pending(redis) == 0
    row = await OutboxMessage.get(job_id="job-down")
    assert row.relayed_at is None
    assert row.attempts == 1
    assert "redis is down" in (row.last_error or "")
    monkeypatch.undo()
    assert await outbox.relay_pending(redis) == 1
    assert await queued_ids(redis, config) == ["job-down"]


async def test_same_job_id_twice_is_one_job(redis: ArqRedis, config: Config) -> None:
    async with transaction():
        first = await outbox.enqueue("send_mail", {"n": 1}, job_id="job-dup")
        again = await outbox.enqueue("send_mail", {"n": 2}, job_id="job-dup")
    assert first.id == again.id
    assert await OutboxMessage.all().count() == 1
    assert await queued_ids(redis, config) == ["job-dup"]


async def test_fast_path_and_sweep_racing_queue_one_job(redis: ArqRedis, config: Config) -> None:
    message = await OutboxMessage.create(
        job_name="send_mail", args=[], job_id="job-race", available_at=datetime.now(UTC)
    )
    # The sweep takes the row while the after-commit relay pushes it without a lock.
    relayed, swept = await asyncio.gather(
        outbox.relay_one(redis, message), outbox.relay_pending(redis)
    )
    assert relayed + swept == 1
    assert await queued_ids(redis, config) == ["job-race"]
    await message.refresh_from_db()
    assert message.relayed_at is not None
    # A row relayed long ago and enqueued again under its job id is not pushed again.
    await redis.zrem(config.queue_name, "job-race")
    await redis.delete("arq:job:job-race")
    assert await outbox.relay_one(redis, message) is False
    assert await queued_ids(redis, config) == []
