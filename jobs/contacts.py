"""Contact jobs: CSV imports and large bulk actions, each resumable after its last commit."""

from __future__ import annotations

from typing import Any

from jobs.registry import job
from server.contacts import bulk, imports


@job
async def import_contacts(ctx: dict[str, Any], job_id: str) -> str:
    return await imports.run_import(job_id)


@job
async def bulk_contacts(ctx: dict[str, Any], job_id: str) -> str:
    return await bulk.run_bulk_job(job_id)
