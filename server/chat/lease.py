"""Leases on replies written by a web process: at most one live writer per reply.

A lease is a Redis key holding its holder's token, with an expiry the holder renews every
third of it. The reply's queued job (the fallback) leaves a reply alone while its lease lives,
and a writer that finds its lease gone or taken stops, so two processes never write one reply.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import structlog

from server.core.redis import get_redis

log = structlog.get_logger(__name__)

# Renews the lease only for its holder; 0 when the lease is gone or someone else's.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


class LeaseLost(Exception):
    """The writer's lease on a reply ran out or was taken: the reply is no longer its own."""

    def __init__(self, reply_id: object) -> None:
        super().__init__(f"The lease on reply {reply_id} is lost.")
        self.reply_id = reply_id


# Replies this web process is writing, kept so they are not garbage-collected mid-reply,
# counted against CHAT_WEB_MAX_REPLIES, and let finish at shutdown.
writing: set[asyncio.Task[None]] = set()
# Replies this process has decided to write whose writer has not started yet (the send is
# still reading and recording): counted against CHAT_WEB_MAX_REPLIES too.
starting: set[object] = set()


def in_hand() -> int:
    """Replies this process is writing or about to write."""
    return len(writing) + len(starting)


def lease_key(reply_id: object) -> str:
    return f"inkwell:chat:lease:{reply_id}"


async def take(reply_id: object, seconds: float) -> str | None:
    """The lease on ``reply_id`` for ``seconds``: its holder token, or ``None`` when it is
    taken or Redis cannot be reached (the caller then leaves the reply to a worker)."""
    holder = uuid.uuid4().hex
    try:
        taken = await get_redis().set(lease_key(reply_id), holder, nx=True, px=int(seconds * 1000))
    except Exception as exc:
        log.warning("chat.lease_unavailable", reply_id=str(reply_id), error=str(exc))
        return None
    return holder if taken else None


async def release(reply_id: object, holder: str) -> None:
    """Give the lease up (only ``holder``'s), so a fallback need not wait for its expiry."""
    try:
        await get_redis().eval(_RELEASE, 1, lease_key(reply_id), holder)  # type: ignore[misc]
    except Exception as exc:
        log.warning("chat.lease_release_failed", reply_id=str(reply_id), error=str(exc))


async def remaining(reply_id: object) -> float:
    """Seconds the lease on ``reply_id`` still lives; 0 when there is none."""
    left = int(await get_redis().pttl(lease_key(reply_id)))
    return max(0, left) / 1000


async def keep(reply_id: object, holder: str, seconds: float, writing: asyncio.Task[None]) -> None:
    """Renew the lease every third of ``seconds`` until cancelled; once it is lost (taken,
    or not renewable for a whole period), cancel ``writing``."""
    key = lease_key(reply_id)
    renewed = time.monotonic()
    while True:
        await asyncio.sleep(seconds / 3)
        try:
            kept = await get_redis().eval(_RENEW, 1, key, holder, str(int(seconds * 1000)))  # type: ignore[misc]
        except Exception as exc:
            log.warning("chat.lease_renewal_failed", reply_id=str(reply_id), error=str(exc))
            if time.monotonic() - renewed < seconds:
                continue
            kept = 0
        if not kept:
            log.warning("chat.lease_lost", reply_id=str(reply_id))
            writing.cancel()
            return
        renewed = time.monotonic()
