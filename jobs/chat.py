"""Chat jobs: writing a reply, detached from whichever socket or request asked for it."""

from __future__ import annotations

from typing import Any

from arq import Retry

from jobs.registry import job
from server.chat import generation

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
