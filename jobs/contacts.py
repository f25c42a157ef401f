"""Contact jobs: CSV imports and large bulk actions, each resumable after its last commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from arq import Retry

from jobs.registry import job
from server.contacts import bulk, imports

log = structlog.get_logger(__name__)

# ARQ does not run a job again after it raises, so an import or a bulk job that hits an
# unexpected error asks for a retry itself (each run resumes after its last committed batch or
# chunk); after the last try it is marked failed, so the page stops showing it as running.
BULK_TRIES = 3
IMPORT_TRIES = 3


async def _resumable(
    ctx: dict[str, Any],
    job_id: str,
    tries: int,
    run: Callable[[str], Awaitable[str]],
    fail: Callable[[str], Awaitable[None]],
    event: str,
) -> str:
    """``run`` the job; on an unexpected error ask ARQ for another try, after the last one
    ``fail`` it."""
    try:
        return await run(job_id)
    except Exception as exc:
        attempt = int(ctx.get("job_try") or 1)
        if attempt < tries:
            log.warning(event, job_id=job_id, attempt=attempt, error=repr(exc))
            raise Retry(defer=2**attempt) from exc
        await fail(job_id)
        raise


@job
async def import_contacts(ctx: dict[str, Any], job_id: str) -> str:
    return await _resumable(
        ctx,
        job_id,
        IMPORT_TRIES,
        imports.run_import,
        imports.fail_import,
        "contacts_import_retrying",
    )


@job
async def bulk_contacts(ctx: dict[str, Any], job_id: str) -> str:
    return await _resumable(
        ctx, job_id, BULK_TRIES, bulk.run_bulk_job, bulk.fail_bulk_job, "contacts_bulk_retrying"
    )
