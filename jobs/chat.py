"""Chat jobs: writing a reply, detached from whichever socket or request asked for it."""

from __future__ import annotations

from typing import Any

import structlog
from arq import Retry

from agents.providers.base import ProviderUnavailable
from jobs.registry import job
from server.chat import generation
from server.core.config import get_config

log = structlog.get_logger(__name__)

# A reply written by a web process keeps its job waiting while the process holds the lease:
# one try per lease period, so a long reply needs more tries than other jobs get. A job out
# of tries is gone, and a writer that died after that would leave its thread busy for good:
# 1,000 tries cover about three hours at the default lease, far beyond a reply of
# AI_MAX_OUTPUT_TOKENS from a slow model on a CPU (2,000 tokens at 2 a second is 17 minutes,
# twice that with the repair attempt). A try costs a few queries every ten seconds.
MAX_TRIES = 1000


@job
async def generate_reply(ctx: dict[str, Any], reply_id: str) -> str:
    try:
        return await generation.generate_reply(reply_id)
    except generation.ReplyBusy as busy:
        raise Retry(defer=busy.retry_in + 0.5) from busy


# A deleted conversation's responses stored at OpenAI: tried this many times, a minute apart
# and more, before they are left to OpenAI's own retention (and said so in the log).
FORGET_TRIES = 5


@job
async def forget_provider_responses(ctx: dict[str, Any], response_ids: list[str]) -> int:
    """Delete at OpenAI the responses a deleted conversation had it keep."""
    # Only a process that had OpenAI keep a conversation gets here (agents/providers/lazy.py).
    from agents.providers.openai import delete_stored

    try:
        await delete_stored(get_config(), response_ids)
    except ProviderUnavailable as exc:
        attempt = int(ctx.get("job_try", 1))
        if attempt < FORGET_TRIES:
            raise Retry(defer=60 * attempt) from exc
        log.warning("chat.provider_forget_failed", responses=len(response_ids), reason=exc.reason)
        raise
    return len(response_ids)
