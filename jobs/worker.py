"""ARQ worker settings: ``arq jobs.worker.WorkerSettings`` or ``python -m server.cli worker``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, ClassVar, cast

import structlog
from arq import cron
from arq import worker as arq_worker
from arq.connections import RedisSettings, create_pool
from arq.cron import CronJob
from arq.typing import WorkerCoroutine
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from agents.providers.lazy import preload as preload_providers
from jobs.registry import JobFunction
from realtime.emit import current_emitter, set_emitter
from realtime.server import redis_manager
from server.core import outbox
from server.core.config import get_config
from server.core.db import close_db, init_db
from server.core.logging import configure_logging
from server.core.outbox import wake_key
from server.core.process import freeze_startup_objects
from server.core.redis import close_redis, connect_redis, has_redis, redis_settings

log = structlog.get_logger(__name__)

# What the worker's loop waits out instead of exiting, from redis-py and from the socket.
REDIS_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# The wait between looks while Redis is away: doubling from the first to the last.
REDIS_PAUSE_MIN = 0.2
REDIS_PAUSE_MAX = 5.0


def all_jobs() -> list[JobFunction | arq_worker.Function]:
    """Every job the worker runs; a domain adds its job functions here."""
    from jobs import auth, campaigns, chat, contacts, mail

    return [
        mail.send_mail,
        auth.deliver_code,
        arq_worker.func(
            cast(WorkerCoroutine, chat.generate_reply),
            name="generate_reply",
            max_tries=chat.MAX_TRIES,
        ),
        arq_worker.func(
            cast(WorkerCoroutine, chat.forget_provider_responses),
            name="forget_provider_responses",
            max_tries=chat.FORGET_TRIES,
        ),
        contacts.import_contacts,
        contacts.bulk_contacts,
        campaigns.expand_campaign,
        campaigns.send_campaign,
        campaigns.campaign_tick,
    ]


def all_cron_jobs() -> list[CronJob]:
    """Periodic jobs; ARQ runs each once per tick however many workers there are."""
    from jobs import campaigns

    # Every second: due scheduled campaigns start on time, dead senders restart quickly.
    return [
        cron(
            cast(WorkerCoroutine, campaigns.campaign_tick),
            second=set(range(60)),
            run_at_startup=True,
        )
    ]


class QuietTick(logging.Filter):
    """Drops ARQ's start and result lines of the every-second campaign tick: two lines a second
    buried everything else in the worker's log. ``campaign_tick`` logs the ticks that started or
    restarted something; retries and failures still come through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:
            return True
        message = record.getMessage()
        return not ("cron:campaign_tick" in message and ("→" in message or "←" in message))


def quiet_tick_logs() -> None:
    arq_log = logging.getLogger("arq.worker")
    if not any(isinstance(f, QuietTick) for f in arq_log.filters):
        arq_log.addFilter(QuietTick())


async def relay_outbox_forever(ctx: dict[str, Any]) -> None:
    config = get_config()
    while True:
        try:
            relayed = await outbox.relay_pending(ctx["redis"])
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # The database or Redis is away; keep sweeping until it is back.
            log.warning("outbox_sweep_failed", error=f"{type(exc).__name__}: {exc}")
            relayed = 0
        if relayed == 0:
            await asyncio.sleep(config.outbox_poll_seconds)


async def startup(ctx: dict[str, Any]) -> None:
    config = get_config()
    configure_logging(
        json=config.is_production, level=config.log_level, cache_loggers=not config.is_test
    )
    config.check()
    quiet_tick_logs()
    preload_providers(config)
    # In-process workers (tests) share the host's ORM and Redis pool and leave them open.
    ctx["owns_db"] = await init_db(config)
    ctx["owns_redis"] = not has_redis()
    await connect_redis(config)
    # Workers only publish; the web processes deliver to the sockets.
    # An in-process worker (tests) shares this global with the web app and other workers;
    # shutdown puts back whatever was there.
    ctx["previous_emitter"] = current_emitter()
    set_emitter(redis_manager(config, write_only=True))
    ctx["relay"] = asyncio.create_task(relay_outbox_forever(ctx))
    log.info("worker_started", queue=config.queue_name)


async def shutdown(ctx: dict[str, Any]) -> None:
    task = ctx.get("relay")
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for name in ("mail_sender", "campaign_mail_sender"):
        sender = ctx.get(name)
        if sender is not None:
            await sender.close()
    set_emitter(ctx.get("previous_emitter"))
    if ctx.get("owns_redis"):
        await close_redis()
    if ctx.get("owns_db"):
        await close_db()
    log.info("worker_stopped")


def _settings() -> RedisSettings | None:
    config = get_config()
    return redis_settings(config) if config.redis_url else None


class WorkerSettings:
    functions: ClassVar[list[JobFunction | arq_worker.Function]] = all_jobs()
    cron_jobs: ClassVar[list[CronJob]] = all_cron_jobs()
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = _settings()
    queue_name = get_config().queue_name
    health_check_interval = get_config().worker_heartbeat_seconds
    max_jobs = get_config().worker_max_jobs
    # How often an idle worker looks for due jobs nobody woke it for (deferred, retried, cron).
    poll_delay = get_config().worker_poll_seconds
    job_timeout = get_config().job_timeout_seconds
    max_tries = 5
    keep_result = 3600


class Worker(arq_worker.Worker):
    """ARQ's worker, woken as soon as a job is queued instead of finding it at its next look.

    ARQ looks for jobs every ``poll_delay``: a reply used to wait for that tick before it
    started, and a short tick kept an idle worker busy polling. Whoever queues a job through
    the outbox pushes a token onto the queue's wake list; an idle worker blocks on that list
    (BLPOP) and looks the moment a token arrives, and at the latest after ``poll_delay``, for
    deferred jobs, retries and cron. A worker running ``max_jobs`` leaves the tokens to the
    others. Burst mode (tests) is ARQ's own loop.

    It also skips ARQ's Redis check for jobs it is running itself. A job stays in the queue
    until it ends, so every look ARQ finds each running job again and asks Redis whether it
    is in progress: four round trips per running job. A campaign sender runs for minutes, so
    that was hundreds of round trips a second in the process that should be sending mail. A
    job this worker's own task is running (or just finished, until ARQ reaps the task) is
    certainly not startable, so it is skipped without asking; anything else goes through
    ARQ's own check.

    And it outlives Redis going away: ARQ's loop ends the process at the first failed
    command once redis-py's retries are spent, so a Redis restart of a few seconds stopped
    every worker, and every campaign with them, until something restarted them.
    """

    async def main(self) -> None:
        if self.burst:
            await super().main()
            return
        if self._pool is None:
            self._pool = await create_pool(
                self.redis_settings,
                job_deserializer=self.job_deserializer,
                job_serializer=self.job_serializer,
                default_queue_name=self.queue_name,
                expires_extra_ms=self.expires_extra_ms,
            )
        self.ctx["redis"] = self.pool
        if self.on_startup:
            await self.on_startup(self.ctx)
        key = wake_key(self.queue_name)
        pause = 0.0
        while True:
            try:
                await self._poll_iteration()
                if self.job_counter >= self.max_jobs:
                    await asyncio.sleep(self.poll_delay_s)
                else:
                    # Spelled out: redis-py types BLPOP's timeout as whole seconds; Redis
                    # takes fractions.
                    await self.pool.execute_command("BLPOP", key, self.poll_delay_s)  # type: ignore[no-untyped-call]
                pause = 0.0
            except REDIS_UNAVAILABLE as exc:
                # Redis restarting or out of reach for longer than redis-py's own retries
                # last. ARQ's loop would end the process, and with it the jobs it runs (a
                # campaign's senders go on without Redis); this one waits and looks again.
                pause = min(REDIS_PAUSE_MAX, max(REDIS_PAUSE_MIN, pause * 2))
                log.warning(
                    "worker_redis_unavailable",
                    error=f"{type(exc).__name__}: {exc}",
                    retry_in_seconds=pause,
                )
                await asyncio.sleep(pause)

    async def start_jobs(self, job_ids: list[bytes]) -> None:
        # One at a time, so that a job whose start lost Redis gives its slot back: ARQ counts
        # a job and takes its semaphore before asking Redis whether it may start it, and
        # gives neither back if that asking fails.
        for job_id in job_ids:
            if job_id.decode() in self.tasks:
                continue
            running, counted = len(self.tasks), self.job_counter
            try:
                await super().start_jobs([job_id])
            except REDIS_UNAVAILABLE:
                if len(self.tasks) == running and self.job_counter > counted:
                    self.job_counter -= 1
                    self.sem.release()
                raise


def run() -> None:
    """Run the worker with ``WorkerSettings`` until a signal stops it."""
    # Every job module is imported by now (WorkerSettings lists their functions).
    freeze_startup_objects()
    Worker(**arq_worker.get_kwargs(WorkerSettings)).run()  # type: ignore[arg-type]
