"""The Redis connection: one ARQ pool per process serves the queue and plain commands."""

from __future__ import annotations

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings

from server.core.config import Config, get_config

_pool: ArqRedis | None = None


def redis_settings(config: Config | None = None) -> RedisSettings:
    config = config or get_config()
    if not config.redis_url:
        raise RuntimeError("REDIS_URL is not set")
    settings = RedisSettings.from_dsn(config.redis_url)
    # Fail fast and let callers (readiness, the relay) decide what to do, instead of ARQ's
    # default of five slow retries at start.
    settings.conn_timeout = 2
    settings.conn_retries = 0
    return settings


async def connect_redis(config: Config | None = None) -> ArqRedis:
    global _pool
    if _pool is not None:
        return _pool
    config = config or get_config()
    _pool = await create_pool(redis_settings(config), default_queue_name=config.queue_name)
    return _pool


def get_redis() -> ArqRedis:
    if _pool is None:
        raise RuntimeError("Redis is not connected; call connect_redis() at start-up")
    return _pool


async def close_redis() -> None:
    global _pool
    if _pool is not None:
        await _pool.aclose()
        _pool = None


def has_redis() -> bool:
    return _pool is not None
