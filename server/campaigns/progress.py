"""Live campaign progress over Socket.IO, at most one update per interval per campaign.

Workers publish through the write-only Redis manager to the campaign's room and the
workspace's room. Events are hints: the progress endpoint is the source of truth, and a
client that reconnects reads it first.
"""

from __future__ import annotations

import time

import structlog

from models.campaigns import Campaign
from realtime.emit import emit_now
from realtime.server import workspace_room
from server.campaigns.service import campaign_room, progress_event
from server.core.config import get_config
from server.core.db import in_transaction_now, on_commit
from server.core.redis import get_redis

log = structlog.get_logger(__name__)

EVENT = "campaign:progress"
_last_local: dict[str, float] = {}


async def _emit(campaign: Campaign) -> None:
    payload = await progress_event(campaign)
    # One emit to both rooms: a socket in both gets the update once.
    await emit_now(
        EVENT, payload, room=[campaign_room(campaign.id), workspace_room(campaign.workspace_id)]
    )


async def emit_after_commit(campaign: Campaign) -> None:
    """A state change: always announced, once the transaction commits."""

    async def send() -> None:
        fresh = await Campaign.get_or_none(id=campaign.id)
        if fresh is not None:
            await _emit(fresh)

    if in_transaction_now():
        on_commit(send)
    else:
        await send()


async def maybe_emit(campaign: Campaign, *, force: bool = False) -> bool:
    """Emit unless this campaign had an update within the interval (across processes)."""
    interval = get_config().campaign_progress_interval_seconds
    key = str(campaign.id)
    now = time.monotonic()
    if not force and now - _last_local.get(key, 0.0) < interval:
        return False
    _last_local[key] = now
    try:
        if not force:
            won = await get_redis().set(
                f"inkwell:campaign:{key}:progress", b"1", px=max(1, int(interval * 1000)), nx=True
            )
            if not won:
                return False
        await _emit(campaign)
    except Exception as exc:
        # Redis away: the page falls back to polling; sending must not stop for this.
        log.warning("campaign_progress_emit_failed", error=f"{type(exc).__name__}: {exc}")
        return False
    return True
