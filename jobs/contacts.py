"""Contact jobs: CSV imports, resumable after the last committed batch."""

from __future__ import annotations

from typing import Any

from jobs.registry import job
from server.contacts import imports


@job
async def import_contacts(ctx: dict[str, Any], job_id: str) -> str:
    return await imports.run_import(job_id)
