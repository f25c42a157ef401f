"""Contact jobs: CSV imports and large bulk actions, each resumable after its last commit."""

from __future__ import annotations

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


@job
async def import_contacts(ctx: dict[str, Any], job_id: str) -> str:
    try:
        return await imports.run_import(job_id)
    except Exception as exc:
        attempt = int(ctx.get("job_try") or 1)
        if attempt < IMPORT_TRIES:
            log.warning(
                "contacts_import_retrying", import_id=job_id, attempt=attempt, error=repr(exc)
            )
            raise Retry(defer=2**attempt) from exc
        await imports.fail_import(job_id)
        raise


@job
async def bulk_contacts(ctx: dict[str, Any], job_id: str) -> str:
    try:
        return await bulk.run_bulk_job(job_id)
    except Exception as exc:
        attempt = int(ctx.get("job_try") or 1)
        if attempt < BULK_TRIES:
            log.warning("contacts_bulk_retrying", bulk_id=job_id, attempt=attempt, error=repr(exc))
            raise Retry(defer=2**attempt) from exc
        await bulk.fail_bulk_job(job_id)
        raise
