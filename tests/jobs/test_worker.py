"""The worker: outbox to queue to job, request ids carried along, outcomes counted."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest
from arq import Retry
from arq import worker as arq_worker
from arq.connections import ArqRedis
from arq.worker import func
from structlog.contextvars import clear_contextvars

from jobs.registry import job
from jobs.worker import QuietTick, WorkerSettings, quiet_tick_logs, relay_outbox_forever
from server.core import outbox
from server.core.config import Config
from server.core.db import transaction
from server.core.logging import bind_request_id, current_request_id
from server.core.metrics import JOB_OUTCOMES_KEY
from tests.jobs.worker_harness import run_worker_burst, worker_running


@job
async def remember(ctx: dict[str, Any], key: str) -> str:
    await ctx["redis"].set(key, current_request_id() or "")
    return key


@job
async def explode(ctx: dict[str, Any]) -> None:
    raise ValueError("bad data")


@job
async def flaky(ctx: dict[str, Any]) -> str:
    if ctx["job_try"] < 2:
        raise Retry(defer=0)
    return "ok"


async def test_outbox_job_runs_with_the_enqueuers_request_id(
    redis: ArqRedis, config: Config
) -> None:
    clear_contextvars()
    bind_request_id("req-from-web")
    async with transaction():
        await outbox.enqueue("remember", "seen", job_id="remember-1")
    clear_contextvars()
    await run_worker_burst(config, [func(remember, name="remember")])  # type: ignore[arg-type]
    assert await redis.get("seen") == b"req-from-web"


async def test_outcomes_are_counted_per_function(redis: ArqRedis, config: Config) -> None:
    await redis.enqueue_job("remember", "k", _job_id="ok-1")
    await redis.enqueue_job("explode", _job_id="bad-1")
    await redis.enqueue_job("flaky", _job_id="flaky-1")
    await run_worker_burst(
        config,
        [
            func(remember, name="remember"),  # type: ignore[arg-type]
            func(explode, name="explode", max_tries=1),  # type: ignore[arg-type]
            func(flaky, name="flaky"),  # type: ignore[arg-type]
        ],
    )
    outcomes = {k.decode(): int(v) for k, v in (await redis.hgetall(JOB_OUTCOMES_KEY)).items()}  # type: ignore[misc]
    assert outcomes == {
        "remember|succeeded": 1,
        "explode|failed": 1,
        "flaky|retried": 1,
        "flaky|succeeded": 1,
    }


async def test_relay_loop_sweeps_orphans(redis: ArqRedis, config: Config) -> None:
    import asyncio
    import contextlib
    from datetime import UTC, datetime

    from models.outbox import OutboxMessage

    await OutboxMessage.create(
        job_name="send_mail", args=[], job_id="orphan-loop", available_at=datetime.now(UTC)
    )
    task = asyncio.create_task(relay_outbox_forever({"redis": redis}))
    try:
        for _ in range(100):
            if await redis.zscore(config.queue_name, "orphan-loop") is not None:
                break
            await asyncio.sleep(0.05)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert await redis.zscore(config.queue_name, "orphan-loop") is not None
    assert (await OutboxMessage.get(job_id="orphan-loop")).relayed_at is not None


def test_worker_settings_register_every_job() -> None:
    names = {getattr(f, "__name__", "") for f in WorkerSettings.functions}
    assert "send_mail" in names
    assert WorkerSettings.health_check_interval > 0


async def test_an_outbox_job_wakes_an_idle_worker_at_once(redis: ArqRedis, config: Config) -> None:
    # The worker looks for jobs on its own only every 30 s: the job can start sooner only
    # because the outbox's push woke it.
    functions = [func(remember, name="remember")]  # type: ignore[arg-type]
    async with worker_running(config, functions=functions, poll_delay=30) as worker:
        for _ in range(500):
            if "relay" in worker.ctx:  # set by the startup hook
                break
            await asyncio.sleep(0.01)
        # Past its first look for jobs, the worker now waits on the wake list.
        await asyncio.sleep(0.2)
        started = time.monotonic()
        async with transaction():
            await outbox.enqueue("remember", "woken", job_id="remember-woken")
        while await redis.get("woken") is None:
            assert time.monotonic() - started < 5, "the worker was not woken"
            await asyncio.sleep(0.01)
    assert worker.jobs_complete == 1


async def test_wake_tokens_are_capped(redis: ArqRedis, config: Config) -> None:
    for _ in range(outbox.WAKE_TOKENS * 3):
        await outbox.wake_workers(redis)
    key = outbox.wake_key(config.queue_name)
    assert await redis.llen(key) == outbox.WAKE_TOKENS  # type: ignore[misc]
    assert 0 < await redis.ttl(key) <= 60


@job
async def linger(ctx: dict[str, Any], seconds: float) -> str:
    await asyncio.sleep(seconds)
    return "done"


async def test_the_worker_never_asks_redis_about_a_job_it_is_running(
    redis: ArqRedis, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    original_start = arq_worker.Worker.start_jobs

    async def recording_start(self: arq_worker.Worker, job_ids: list[bytes]) -> None:
        checked.extend(j.decode() for j in job_ids)
        await original_start(self, job_ids)

    monkeypatch.setattr(arq_worker.Worker, "start_jobs", recording_start)
    await redis.enqueue_job("linger", 1.0, _job_id="lingering", _queue_name=config.queue_name)
    functions = [func(linger, name="linger")]  # type: ignore[arg-type]
    # It looks every 20 ms while the job runs a second: ARQ's check happened once.
    async with worker_running(config, functions=functions, poll_delay=0.02) as worker:
        started = time.monotonic()
        while worker.jobs_complete < 1:
            assert time.monotonic() - started < 10, "the job did not finish"
            await asyncio.sleep(0.05)
    assert checked == ["lingering"]


def test_the_every_second_campaign_tick_leaves_arq_log_quiet(
    caplog: pytest.LogCaptureFixture,
) -> None:
    quiet_tick_logs()
    quiet_tick_logs()  # once is enough however often workers start in one process
    assert sum(isinstance(f, QuietTick) for f in arq_worker.logger.filters) == 1
    with caplog.at_level(logging.INFO, logger="arq.worker"):
        # The lines ARQ writes for every job, as it formats them.
        arq_worker.logger.info("%6.2fs → %s(%s)%s", 1.0, "cron:campaign_tick", "", "")
        arq_worker.logger.info("%6.2fs ← %s ● %s", 0.01, "cron:campaign_tick", {"started": 0})
        arq_worker.logger.info("%6.2fs → %s(%s)%s", 0.0, "abc:send_campaign", "'c1', 0", "")
        arq_worker.logger.info("%6.2fs ↻ %s retrying job in %0.2fs", 1.0, "cron:campaign_tick", 1)
        arq_worker.logger.warning("%6.2fs ! %s failed", 1.0, "cron:campaign_tick")
    kept = [record.getMessage() for record in caplog.records if record.name == "arq.worker"]
    assert len(kept) == 3
    assert "abc:send_campaign('c1', 0)" in kept[0]
    assert "retrying job" in kept[1]
    assert "failed" in kept[2]


async def test_a_job_whose_start_loses_redis_gives_its_slot_back(config: Config) -> None:
    from redis.asyncio.retry import Retry as RedisRetry
    from redis.backoff import NoBackoff

    from jobs.worker import REDIS_UNAVAILABLE, Worker
    from tests.conftest import free_port

    # A client of a port nobody listens on: Redis is away for every command.
    pool = ArqRedis(host="127.0.0.1", port=free_port(), retry=RedisRetry(NoBackoff(), 0))
    functions = [func(linger, name="linger")]  # type: ignore[arg-type]
    worker = Worker(
        functions=functions,
        redis_pool=pool,
        queue_name=config.queue_name,
        max_jobs=1,
        handle_signals=False,
    )
    try:
        with pytest.raises(REDIS_UNAVAILABLE):
            await worker.start_jobs([b"lingering"])
        # The one slot is free again: once Redis is back, the worker takes jobs.
        assert worker.job_counter == 0
        assert not worker.sem.locked()
    finally:
        await pool.aclose()
