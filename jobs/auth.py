"""Account jobs: codes requested through send-code and password reset."""

from __future__ import annotations

from typing import Any

from jobs.registry import job
from models.accounts import CodePurpose
from server.auth import service


@job
async def deliver_code(ctx: dict[str, Any], email: str, purpose: str, request_key: str) -> bool:
    return await service.deliver_code(email, CodePurpose(purpose), request_key)
