"""The job wrapper every ARQ function goes through.

It carries the request id of whoever enqueued the job into the job's log lines, and counts the
outcome for ``/metrics``. Jobs take ids, not objects, and must be safe to run twice.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import structlog
from arq import Retry
from structlog.contextvars import bind_contextvars, clear_contextvars

from server.core.logging import new_request_id
from server.core.metrics import record_job_outcome

log = structlog.get_logger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
JobFunction = Callable[..., Awaitable[Any]]


def job(fn: Callable[..., Awaitable[R]]) -> Callable[..., Awaitable[R]]:
    @functools.wraps(fn)
    async def wrapper(
        ctx: dict[str, Any], *args: Any, _request_id: str | None = None, **kwargs: Any
    ) -> R:
        clear_contextvars()
        bind_contextvars(
            request_id=new_request_id(_request_id),
            job=fn.__name__,
            job_id=ctx.get("job_id"),
            attempt=ctx.get("job_try"),
        )
        outcome = "failed"
        try:
            result = await fn(ctx, *args, **kwargs)
            outcome = "succeeded"
            return result
        except Retry:
            outcome = "retried"
            raise
        except Exception:
            log.exception("job_failed")
            raise
        finally:
            try:
                await record_job_outcome(ctx["redis"], fn.__name__, outcome)
            except Exception as exc:  # metrics must never fail a job
                log.warning("job_metrics_unavailable", error=str(exc))

    return wrapper
