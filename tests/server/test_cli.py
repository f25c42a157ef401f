"""The launcher: clear messages for missing services and busy ports, embedded servers, and the
whole stack from ``python -m server.cli run`` (what ``make run`` calls) up and back down."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from redis.asyncio import Redis

from server.cli import Fatal, ensure_port_free, preflight, uvicorn_options
from server.core.config import Config
from server.core.embedded import EmbeddedError, EmbeddedPostgres, EmbeddedRedis, port_open
from tests.conftest import ROOT, SPARE_REDIS_DB, free_port
from tests.factories import login_as, make_user
from tests.server.campaigns.conftest import wait_until


def dev_config(**values: object) -> Config:
    base: dict[str, object] = {
        "database_url": "postgres://postgres@127.0.0.1:5432/inkwell",
        "redis_url": "redis://127.0.0.1:6379/0",
    }
    return Config(_env_file=None, **{**base, **values})  # type: ignore[arg-type]


def test_unreachable_postgres_is_named_with_the_fix() -> None:
    port = free_port()
    config = dev_config(database_url=f"postgres://postgres@127.0.0.1:{port}/app")
    with pytest.raises(Fatal) as caught:
        preflight(config)
    message = str(caught.value)
    assert f"cannot reach PostgreSQL at 127.0.0.1:{port}/app (DATABASE_URL)" in message
    assert "unset it" in message


def test_unreachable_redis_is_named_with_the_fix(database_url: str) -> None:
    port = free_port()
    config = dev_config(database_url=database_url, redis_url=f"redis://127.0.0.1:{port}/0")
    with pytest.raises(Fatal) as caught:
        preflight(config)
    assert "cannot reach Redis at REDIS_URL" in str(caught.value)


def test_production_refusal_is_one_message() -> None:
    with pytest.raises(Fatal) as caught:
        preflight(dev_config(app_env="production"))
    assert "SECRET_KEY" in str(caught.value)
    assert "ENCRYPTION_KEYS" in str(caught.value)


def test_busy_port_names_the_variable() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(Fatal, match=f"port {port} on 127.0.0.1 is already in use; set PORT"):
            ensure_port_free("127.0.0.1", port, "PORT")


async def test_embedded_postgres_starts_is_reused_and_stops(tmp_path: Path) -> None:
    port = free_port()
    first = EmbeddedPostgres(tmp_path, port)
    url = first.start()
    try:
        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
        await conn.execute("CREATE TABLE kept (x int)")
        await conn.close()
        # A second launcher finds the running server and keeps using its data.
        second = EmbeddedPostgres(tmp_path, free_port())
        assert second.start() == url
        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
        assert await conn.fetchval("SELECT count(*) FROM kept") == 0
        await conn.close()
    finally:
        first.stop()
    assert not port_open("127.0.0.1", port)


async def test_embedded_redis_keeps_data_and_refuses_a_busy_port(tmp_path: Path) -> None:
    port = free_port()
    server = EmbeddedRedis(tmp_path, port)
    url = server.start()
    try:
        client = Redis.from_url(url)
        await client.set("kept", "yes")
        await client.aclose()
        with pytest.raises(EmbeddedError, match="EMBEDDED_REDIS_PORT"):
            EmbeddedRedis(tmp_path / "other", port).start()
    finally:
        server.stop()
    again = EmbeddedRedis(tmp_path, port)
    url = again.start()
    try:
        client = Redis.from_url(url)
        assert await client.get("kept") == b"yes"
        await client.aclose()
    finally:
        again.stop()


async def test_run_starts_the_whole_stack_and_ctrl_c_stops_it(
    database_url: str, tmp_path: Path, migrated: None
) -> None:
    port, sink_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        # Not the suite's own database: this stack's worker must not take the suite's jobs.
        "REDIS_URL": os.environ["REDIS_URL"].rsplit("/", 1)[0] + f"/{SPARE_REDIS_DB}",
        "PORT": str(port),
        "MAIL_SINK_PORT": str(sink_port),
        "DATA_DIR": str(tmp_path),
        "APP_ENV": "development",
        "WORKER_HEARTBEAT_SECONDS": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        ready = None
        async with httpx.AsyncClient(base_url=base, timeout=5) as http:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                try:
                    ready = await http.get("/readyz")
                    if ready.status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.25)
            assert ready is not None
            assert ready.status_code == 200, ready.text
            assert ready.json()["checks"] == {
                "database": "ok",
                "redis": "ok",
                "worker": "ok",
                "migrations": "ok",
            }
            shell = await http.get("/chat")
            assert shell.status_code == 200
            # The dev mail sink takes mail and the dev mailbox shows it.
            import aiosmtplib

            await aiosmtplib.send(
                "From: a@example.com\r\nTo: b@example.com\r\nSubject: hello sink\r\n\r\nhi\r\n",
                sender="a@example.com",
                recipients=["b@example.com"],
                hostname="127.0.0.1",
                port=sink_port,
            )
            items = (await http.get("/api/dev/mailbox")).json()["items"]
            assert [item["subject"] for item in items] == ["hello sink"]
            # The worker process writes chat replies on its own (its own Redis and database).
            login = await login_as(await make_user())
            thread = (await http.post("/api/chat/threads", json={}, headers=login.headers())).json()
            sent = await http.post(
                f"/api/chat/threads/{thread['id']}/messages",
                json={"content": "A short note about our summer opening hours"},
                headers=login.headers(),
            )
            assert sent.status_code == 202
            statuses: list[str] = []
            for _ in range(100):
                read = await http.get(f"/api/chat/threads/{thread['id']}", headers=login.headers())
                statuses = [m["status"] for m in read.json()["messages"]]
                if statuses[-1] in ("complete", "failed"):
                    break
                await asyncio.sleep(0.1)
            assert statuses == ["complete", "complete"]
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(30)
    log = proc.stderr.read().decode() if proc.stderr else ""
    assert code == 0, log
    assert f"Inkwell is running at http://127.0.0.1:{port}" in log
    assert not port_open("127.0.0.1", port)
    assert not port_open("127.0.0.1", sink_port)


async def _idle_then_reuse(keepalive: int, idle: float) -> bytes:
    """The web process's server settings with ``keepalive``: one request on a connection, the
    connection left idle for ``idle`` seconds, then a second request on it; what came back."""
    import uvicorn

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = [(b"content-length", b"2")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"ok"})

    port = free_port()
    options = uvicorn_options(dev_config(port=port, web_keepalive_seconds=keepalive))
    server = uvicorn.Server(uvicorn.Config(app, **options))
    serving = asyncio.create_task(server.serve())
    try:
        await wait_until(lambda: server.started, 10)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        request = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        writer.write(request)
        first = await reader.readuntil(b"ok")
        assert first.startswith(b"HTTP/1.1 200"), first
        await asyncio.sleep(idle)
        try:
            writer.write(request)
            await writer.drain()
            second = await asyncio.wait_for(reader.read(1024), 5)
        except ConnectionError:
            second = b""
        writer.close()
        return second
    finally:
        server.should_exit = True
        await serving


async def test_idle_connections_stay_open_for_the_configured_keepalive() -> None:
    # Closed by the server after its keep-alive: a client (or a load balancer) that reuses it
    # then gets nothing back. Within it, the same connection answers.
    assert await _idle_then_reuse(keepalive=1, idle=1.5) == b""
    assert (await _idle_then_reuse(keepalive=3, idle=1.5)).startswith(b"HTTP/1.1 200")
    assert uvicorn_options(Config(_env_file=None))["timeout_keep_alive"] == 75
