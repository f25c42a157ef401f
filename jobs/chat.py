"""Chat jobs: writing a reply, detached from whichever socket or request asked for it."""

from __future__ import annotations

from typing import Any

from jobs.registry import job
from server.chat import generation


@job
async def generate_reply(ctx: dict[str, Any], reply_id: str) -> str:
    return await generation.generate_reply(reply_id)
