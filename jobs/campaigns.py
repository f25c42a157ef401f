"""Campaign jobs: the scheduler tick (cron), expansion, and the senders.

A campaign job that crashes is retried with a growing delay; after its last try it lands in
the dead-letter table with its arguments and error, and the campaign pauses with the reason,
so a person can see it, fix the cause and resume (or requeue the dead letter).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from arq import Retry

from jobs.registry import job
from server.campaigns import sending
from server.campaigns.deadletters import bury

log = structlog.get_logger(__name__)

# Below the worker's max_tries, so the last try is ours to catch.
CRASH_TRIES = 3


def dead_letter_on_crash(
    fn: Callable[..., Awaitable[Any]],
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(fn)
    async def wrapper(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return await fn(ctx, *args, **kwargs)
        except Retry:
            raise
        except Exception as exc:
            attempt = int(ctx.get("job_try") or 1)
            if attempt < CRASH_TRIES:
                log.warning("campaign_job_crashed", attempt=attempt, error=repr(exc))
                raise Retry(defer=2**attempt) from exc
            campaign_id = _campaign_arg(args)
            await bury(
                fn.__name__, list(args), kwargs, exc, attempts=attempt, campaign_id=campaign_id
            )
            return "dead_lettered"

    return wrapper


def _campaign_arg(args: tuple[Any, ...]) -> uuid.UUID | None:
    if not args:
        return None
    try:
        return uuid.UUID(str(args[0]))
    except ValueError:
        return None


@job
@dead_letter_on_crash
async def expand_campaign(ctx: dict[str, Any], campaign_id: str) -> int:
    return await sending.expand(campaign_id)


@job
@dead_letter_on_crash
async def send_campaign(ctx: dict[str, Any], campaign_id: str, slot: int) -> str:
    return await sending.run_sender(ctx, campaign_id, slot)


@job
async def campaign_tick(ctx: dict[str, Any]) -> dict[str, int]:
    done = await sending.tick()
    # ARQ's own lines for this every-second job are filtered out (jobs.worker.QuietTick).
    if any(done.values()):
        log.info("campaign_tick", **done)
    return done
