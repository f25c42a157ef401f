"""Readiness checks: each answers "ok" or says what is wrong, within a short timeout."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
from tortoise import connections

from server.core.config import Config
from server.core.redis import get_redis

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations" / "models"
CHECK_TIMEOUT = 2.0

# What a query raises when it met a pooled connection whose server process had gone (a
# database restart, or an administrator ending sessions), before the pool had seen it close.
_CONNECTION_LOST = (
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.InterfaceError,
    ConnectionResetError,
)
# Enough to get past every dead connection a small pool can hold.
_QUERY_ATTEMPTS = 4


def worker_heartbeat_key(config: Config) -> str:
    # ARQ's own health-check key, refreshed by every worker at worker_heartbeat_seconds.
    return f"{config.queue_name}:health-check"


def migration_files() -> list[str]:
    return sorted(p.name for p in MIGRATIONS_DIR.glob("*.py") if p.name[0].isdigit())


async def _query(sql: str) -> list[dict[str, Any]]:
    """Run ``sql`` on a pooled connection; one that turns out to be dead is given back (the
    pool replaces it) and the query runs on another. Without this, the first probe after a
    database restart answers 503 although the database is up again."""
    for attempt in range(_QUERY_ATTEMPTS):
        try:
            _, rows = await connections.get("default").execute_query(sql)
            return list(rows)
        except _CONNECTION_LOST:
            if attempt == _QUERY_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


async def check_database() -> str:
    await _query("SELECT 1")
    return "ok"


async def check_redis() -> str:
    await get_redis().ping()
    return "ok"


async def check_worker(config: Config) -> str:
    if await get_redis().exists(worker_heartbeat_key(config)):
        return "ok"
    return "no worker heartbeat"


async def check_migrations() -> str:
    rows = await _query("SELECT version FROM aerich WHERE app = 'models'")
    applied = {row["version"] for row in rows}
    missing = [name for name in migration_files() if name not in applied]
    return "ok" if not missing else f"{len(missing)} pending: {', '.join(missing)}"


async def _run(check: Callable[[], Awaitable[str]]) -> str:
    try:
        return await asyncio.wait_for(check(), CHECK_TIMEOUT)
    except TimeoutError:
        return "timed out"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:200] or "failing"


async def readiness(config: Config) -> dict[str, str]:
    checks = {
        "database": check_database,
        "redis": check_redis,
        "worker": lambda: check_worker(config),
        "migrations": check_migrations,
    }
    results = await asyncio.gather(*(_run(fn) for fn in checks.values()))
    return dict(zip(checks, results, strict=True))
