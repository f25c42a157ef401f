"""The worker: outbox to queue to job, request ids carried along, outcomes counted."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import pytest
from arq import Retry
from arq.connections import ArqRedis
from arq.worker import Worker, func
from structlog.contextvars import clear_contextvars

from jobs.registry import job
from jobs.worker import InkwellWorker, WorkerSettings, relay_outbox_forever
from server.campaigns import sending
from server.core import outbox
from server.core.config import Config
from server.core.db import transaction
from server.core.logging import bind_request_id, current_request_id
from server.core.metrics import JOB_OUTCOMES_KEY
from server.core.redis import redis_settings
from tests.jobs.worker_harness import run_worker_burst


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


@job
async def linger(ctx: dict[str, Any], seconds: float) -> str:
    await asyncio.sleep(seconds)
    return "done"


async def test_worker_polls_less_while_sending_and_never_rechecks_its_own_jobs(
    redis: ArqRedis, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = InkwellWorker(
        functions=[func(linger, name="linger")],  # type: ignore[arg-type]
        redis_settings=redis_settings(config),
        queue_name=config.queue_name,
        handle_signals=False,
        poll_delay=0.01,
    )
    polls: list[float] = []
    checked: list[str] = []
    original_poll = Worker._poll_iteration
    original_start = Worker.start_jobs

    async def counting_poll(self: Worker) -> None:
        polls.append(time.monotonic())
        await original_poll(self)

    async def recording_start(self: Worker, job_ids: list[bytes]) -> None:
        checked.extend(j.decode() for j in job_ids)
        await original_start(self, job_ids)

    monkeypatch.setattr(Worker, "_poll_iteration", counting_poll)
    monkeypatch.setattr(Worker, "start_jobs", recording_start)
    monkeypatch.setattr(config, "worker_busy_poll_seconds", 0.2)
    await redis.enqueue_job("linger", 1.5, _job_id="lingering", _queue_name=config.queue_name)
    task = asyncio.create_task(worker.async_run())
    try:
        await asyncio.sleep(0.6)
        # The job runs, and stays in the queue meanwhile: ARQ's check happened once.
        assert checked == ["lingering"]
        idle_polls = len(polls)
        assert idle_polls >= 20
        monkeypatch.setattr(sending, "_running_senders", 1)
        await asyncio.sleep(0.6)
        assert len(polls) - idle_polls <= 4, "a sending worker looks every 200 ms here"
        monkeypatch.setattr(sending, "_running_senders", 0)
        await asyncio.sleep(0.3)
        assert len(polls) - idle_polls >= 15
        assert checked == ["lingering"]
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        with contextlib.suppress(asyncio.CancelledError):
            await worker.close()
