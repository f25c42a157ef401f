"""Shared fixtures: a real PostgreSQL database and Redis for the whole session.

``make test`` runs the suite through ``python -m server.cli services``, which points
``DATABASE_URL`` / ``REDIS_URL`` at local servers (or starts the embedded ones). The session
creates its own database on that server, applies the real migrations to it, and empties every
table after each test, which also covers code that opens its own transactions.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from arq.connections import ArqRedis
from quart import Quart
from quart.typing import TestClientProtocol
from tortoise import connections

from server.core.config import Config, get_config
from tests.fakes.openai_server import API_KEY, FakeOpenAI

ROOT = Path(__file__).resolve().parents[1]


def _redis_dbs() -> tuple[int, int]:
    """Two Redis databases (1-15) for this session: its own, and a spare for a whole stack a
    test starts beside it. Picked by process id (or from TEST_REDIS_DB), so two suites
    running at once on the same Redis do not flush each other's keys; each pytest-xdist
    worker takes the next pair after its run's base."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker.removeprefix("gw")) if worker.startswith("gw") else 0
    # Workers are the children of the run's main process, so they share its base.
    pid = os.getppid() if worker else os.getpid()
    base = int(os.environ.get("TEST_REDIS_DB") or 1 + pid % 15)
    own = 1 + (base - 1 + 2 * index) % 15
    return own, 1 + own % 15


TEST_REDIS_DB, SPARE_REDIS_DB = _redis_dbs()


def _require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(
            f"{name} is not set: run the suite with `make test`, which provides PostgreSQL "
            "and Redis (local ones when they answer, embedded ones otherwise).",
            returncode=3,
        )
    return value


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    base = _require("DATABASE_URL").replace("postgresql://", "postgres://")
    name = f"inkwell_test_{uuid.uuid4().hex[:8]}"
    admin = _with_path(base, "/postgres").replace("postgres://", "postgresql://", 1)
    import asyncio

    async def create() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(create())
    yield _with_path(base, f"/{name}")
    asyncio.run(drop())


@pytest.fixture(scope="session")
def redis_url() -> str:
    return _with_path(_require("REDIS_URL"), f"/{TEST_REDIS_DB}")


@pytest.fixture(scope="session")
def test_env(
    database_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("data")
    overrides = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "APP_ENV": "test",
        "DATA_DIR": str(data_dir),
        # Cheap argon2 keeps the suite fast; the parameters are still argon2id's.
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "1024",
        "ARGON2_PARALLELISM": "1",
        # Replies are written by the worker, as most tests drive it; tests of the web
        # writing replies itself turn this on.
        "CHAT_REPLIES_IN_WEB": "false",
    }
    saved = {k: os.environ.get(k) for k in overrides}
    os.environ.update(overrides)
    get_config.cache_clear()
    yield data_dir
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_config.cache_clear()


@pytest.fixture
def config(test_env: Path) -> Config:
    """The configuration the code under test reads now (``get_config()``).

    Per test rather than per session: a test that rebuilds the cached configuration leaves a
    new object behind, and a later test's monkeypatch must reach that one.
    """
    return get_config()


@pytest.fixture(scope="session")
async def migrated(test_env: Path) -> AsyncIterator[None]:
    """The real migrations, applied once to the session's fresh database."""
    config = get_config()
    from server.cli import _migrate
    from server.core.db import close_db, init_db
    from server.core.redis import close_redis, connect_redis

    await _migrate(config)
    await init_db(config)
    await connect_redis(config)
    yield
    await close_redis()
    await close_db()


@pytest.fixture
async def db(migrated: None) -> AsyncIterator[None]:
    """A clean database and Redis for one test.

    Emptied before the test as well as after, so one test whose teardown broke cannot leave
    rows behind for the next.
    """
    await _empty_stores()
    yield
    await _empty_stores()


# Deleting every row (with foreign keys and triggers off for the moment) and restarting the
# sequences, rather than TRUNCATE: a TRUNCATE swaps each table's files, about 0.4 s for the
# schema here, twice per test; this costs a few milliseconds.
_EMPTY_SQL = """
SELECT string_agg(format('DELETE FROM %I;', tablename), ' ')
FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'aerich'
UNION ALL
SELECT string_agg(format('SELECT setval(%L, 1, false);', oid::regclass), ' ')
FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace
"""


async def _empty_stores() -> None:
    conn = connections.get("default")
    _, rows = await conn.execute_query(_EMPTY_SQL)
    statements = " ".join(row["string_agg"] for row in rows if row["string_agg"])
    if statements:
        # SET LOCAL ends with the transaction, so no pooled connection keeps the checks off.
        await conn.execute_script(
            f"BEGIN; SET LOCAL session_replication_role = replica; {statements} COMMIT;"
        )
    await redis_client_flush()


async def redis_client_flush() -> None:
    from server.core.redis import get_redis

    await get_redis().flushdb()


@pytest.fixture
async def redis(db: None) -> ArqRedis:
    from server.core.redis import get_redis

    return get_redis()


@pytest.fixture
async def app(db: None, config: Config) -> AsyncIterator[Quart]:
    from server.app import create_app

    application = create_app(config)
    async with application.test_app():
        yield application


@pytest.fixture
def client(app: Quart) -> TestClientProtocol:
    return app.test_client()


@pytest.fixture
async def live_server(
    db: None, config: Config, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[str]:
    """The real ASGI app (Quart + Socket.IO) under Uvicorn on a free local port, which is its
    PUBLIC_URL: the links and images it writes into pages and emails (tracking, unsubscribe,
    the catalog templates' pictures) lead back to it, as they do in production."""
    import asyncio

    import uvicorn

    from realtime.emit import set_emitter
    from server.app import create_asgi_app

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setattr(config, "public_url", url)
    server = uvicorn.Server(
        uvicorn.Config(
            create_asgi_app(config),
            host="127.0.0.1",
            port=port,
            log_config=None,
            lifespan="on",
            # A browser still holding a websocket must not keep the server from stopping.
            timeout_graceful_shutdown=2,
        )
    )
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.025)
    assert server.started, "uvicorn did not start"
    yield url
    server.should_exit = True
    await task
    set_emitter(None)


@pytest.fixture
async def platform_mailbox(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Path]:
    """A real SMTP sink on a free port, where the platform's own mail (codes, test sends) goes
    outside production, as to the dev sink; yields the directory it stores messages in."""
    from server.mail.sink import start_sink

    directory = tmp_path / "mailbox"
    sink = await start_sink("127.0.0.1", 0, directory)
    monkeypatch.setattr(config, "mail_sink_port", sink.port)
    yield directory
    await sink.close()


@pytest.fixture
async def fake_openai(config: Config, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeOpenAI]:
    """The fake OpenAI server, with the session's config pointing at it for this test."""
    server = FakeOpenAI()
    await server.start()
    monkeypatch.setattr(config, "openai_api_key", API_KEY)
    monkeypatch.setattr(config, "openai_base_url", server.api_base)
    yield server
    await server.close()


@pytest.fixture
async def running_worker(db: None, config: Config) -> AsyncIterator[object]:
    """A real ARQ worker taking jobs in the background during the test."""
    from tests.jobs.worker_harness import worker_running

    async with worker_running(config) as worker:
        yield worker
