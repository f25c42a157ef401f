"""Runs a real ARQ worker in-process, in burst mode, against the test Redis."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from jobs import worker as worker_module
from jobs.worker import InkwellWorker
from server.core.config import Config
from server.core.redis import redis_settings


async def run_worker_burst(config: Config, functions: list[Any] | None = None) -> InkwellWorker:
    """Process every queued job once, with the production startup/shutdown hooks."""
    # The worker closes its pool on exit, so it gets its own rather than the suite's.
    worker = InkwellWorker(
        functions=functions if functions is not None else worker_module.all_jobs(),  # type: ignore[arg-type]
        redis_settings=redis_settings(config),
        queue_name=config.queue_name,
        burst=True,
        handle_signals=False,
        on_startup=worker_module.startup,
        on_shutdown=worker_module.shutdown,
        health_check_interval=config.worker_heartbeat_seconds,
        max_tries=3,
        poll_delay=0.05,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
    return worker


@contextlib.asynccontextmanager
async def worker_running(
    config: Config, *, health_check_interval: int | None = None
) -> AsyncIterator[InkwellWorker]:
    """A real worker polling in the background for as long as the block runs."""
    worker = InkwellWorker(
        functions=worker_module.all_jobs(),  # type: ignore[arg-type]
        redis_settings=redis_settings(config),
        queue_name=config.queue_name,
        handle_signals=False,
        on_startup=worker_module.startup,
        on_shutdown=worker_module.shutdown,
        health_check_interval=health_check_interval or config.worker_heartbeat_seconds,
        poll_delay=0.02,
    )
    task = asyncio.create_task(worker.async_run())
    try:
        yield worker
    finally:
        # Let jobs in flight finish: cancelling them mid-write would leave rows half done for
        # the next test, and ARQ's close() re-raises their cancellation.
        for _ in range(200):
            if all(job.done() for job in worker.tasks.values()):
                break
            await asyncio.sleep(0.05)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        with contextlib.suppress(asyncio.CancelledError):
            await worker.close()
