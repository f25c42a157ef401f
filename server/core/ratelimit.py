"""Rate limits with the ``limits`` library on Redis (moving windows, atomic Lua scripts).

Limits are configuration (``RATE_LIMITS``), keyed ``<action>:ip`` and ``<action>:account``.
Each key may hold several windows ("30/minute;300/hour"); the first one exhausted answers 429
with the seconds until it frees up.
"""

from __future__ import annotations

import hashlib
import math
import time

from limits import RateLimitItem, parse_many
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter

from server.core.config import Config, get_config
from server.core.errors import RateLimited

_limiter: MovingWindowRateLimiter | None = None
_storage_url: str | None = None


def _get_limiter(config: Config) -> MovingWindowRateLimiter:
    global _limiter, _storage_url
    url = config.redis_url or ""
    if _limiter is None or _storage_url != url:
        storage = RedisStorage(
            "async+" + url, implementation="redispy", key_prefix="inkwell:limits"
        )
        _limiter, _storage_url = MovingWindowRateLimiter(storage), url
    return _limiter


def _items(config: Config, key: str) -> list[RateLimitItem]:
    spec = config.rate_limits.get(key)
    return parse_many(spec) if spec else []


def account_key(email: str) -> str:
    # Hashed so the limiter's Redis keys never hold an address.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


async def hit(action: str, *, ip: str, account: str | None = None) -> None:
    """Count one attempt at ``action``; raise 429 when any of its windows is exhausted."""
    config = get_config()
    limiter = _get_limiter(config)
    subjects = [("ip", ip)] + ([("account", account_key(account))] if account else [])
    for kind, subject in subjects:
        for item in _items(config, f"{action}:{kind}"):
            if not await limiter.hit(item, action, kind, subject):
                stats = await limiter.get_window_stats(item, action, kind, subject)
                retry_after = max(1, math.ceil(stats.reset_time - time.time()))
                raise RateLimited(
                    retry_after,
                    f"Too many attempts. Try again in {retry_after} seconds.",
                )
