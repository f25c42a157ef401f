"""Command line: ``python -m server.cli {run,web,worker,migrate,seed,services,openapi}``.

``run`` is what ``make run`` calls: embedded PostgreSQL and Redis when none are configured,
migrations, seed data, then the web process, the worker and the dev mail sink until Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from server.core.config import Config, ConfigError, get_config
from server.core.embedded import EmbeddedError, EmbeddedPostgres, EmbeddedRedis, port_open

ROOT = Path(__file__).resolve().parents[1]


def say(message: str) -> None:
    print(f"inkwell: {message}", file=sys.stderr, flush=True)


class Fatal(Exception):
    """A problem the user must fix; printed as one clear line, without a traceback."""


@contextlib.contextmanager
def services(config: Config) -> Iterator[Config]:
    """Start embedded PostgreSQL / Redis for whichever URL is unset; stop them afterwards."""
    started: list[EmbeddedPostgres | EmbeddedRedis] = []
    try:
        if not config.database_url:
            pg = EmbeddedPostgres(config.data_dir, config.embedded_pg_port)
            say("DATABASE_URL is not set; starting the embedded PostgreSQL ...")
            os.environ["DATABASE_URL"] = pg.start()
            started.append(pg)
            say(f"embedded PostgreSQL on 127.0.0.1:{pg.port} (data in {pg.pgdata})")
        if not config.redis_url:
            redis = EmbeddedRedis(config.data_dir, config.embedded_redis_port)
            os.environ["REDIS_URL"] = redis.start()
            started.append(redis)
            say(f"embedded Redis on 127.0.0.1:{redis.port}")
        if started:
            os.environ["EMBEDDED_SERVICES"] = "1"
        get_config.cache_clear()
        yield get_config()
    except EmbeddedError as exc:
        raise Fatal(str(exc)) from exc
    finally:
        for service in reversed(started):
            with contextlib.suppress(Exception):
                service.stop()


async def _check_services(config: Config) -> None:
    import asyncpg
    from redis.asyncio import Redis

    from server.core.db import describe_url

    if not (config.database_url and config.redis_url):
        raise Fatal("DATABASE_URL and REDIS_URL must be set")
    try:
        conn = await asyncpg.connect(
            config.database_url.replace("postgres://", "postgresql://"), timeout=5
        )
        await conn.close()
    except Exception as exc:
        raise Fatal(
            f"cannot reach PostgreSQL at {describe_url(config.database_url)} (DATABASE_URL): "
            f"{type(exc).__name__}: {exc}. Start PostgreSQL, correct DATABASE_URL, or unset it "
            "so `make run` starts the embedded one."
        ) from exc
    client = Redis.from_url(config.redis_url, socket_connect_timeout=5)
    try:
        await client.ping()
    except Exception as exc:
        raise Fatal(
            f"cannot reach Redis at REDIS_URL: {type(exc).__name__}: {exc}. Start Redis, "
            "correct REDIS_URL, or unset it so `make run` starts the embedded one."
        ) from exc
    finally:
        await client.aclose()


def preflight(config: Config) -> None:
    try:
        config.check()
    except ConfigError as exc:
        raise Fatal(str(exc)) from exc
    asyncio.run(_check_services(config))


def ensure_port_free(host: str, port: int, variable: str) -> None:
    if port_open(host if host not in ("0.0.0.0", "::") else "127.0.0.1", port):  # noqa: S104
        raise Fatal(f"port {port} on {host} is already in use; set {variable} to use another")


async def _migrate(config: Config) -> list[str]:
    from aerich import Command

    from server.core.db import tortoise_config

    async def upgrade() -> list[str]:
        location = str(ROOT / "migrations")
        command = Command(tortoise_config(config), app="models", location=location)
        async with command:
            await command.init()
            return await command.upgrade(run_in_transaction=True)

    # aerich initialises the ORM in the current context; a task keeps that out of the caller's.
    return await asyncio.create_task(upgrade())


def migrate(config: Config) -> None:
    applied = asyncio.run(_migrate(config))
    say(f"migrations applied: {', '.join(applied)}" if applied else "migrations up to date")


def seed(config: Config) -> None:
    from server.seed import run_seeders

    for line in asyncio.run(run_seeders(config)):
        say(line)


def uvicorn_options(config: Config) -> dict[str, Any]:
    """How the web process serves, apart from the app."""
    return {
        "host": config.host,
        "port": config.port,
        "workers": config.web_workers,
        "log_config": None,
        "proxy_headers": True,
        "server_header": False,
        "timeout_keep_alive": config.web_keepalive_seconds,
    }


def web(config: Config) -> None:
    import uvicorn

    preflight(config)
    ensure_port_free(config.host, config.port, "PORT")
    uvicorn.run("server.asgi:app", **uvicorn_options(config))


def worker(config: Config) -> None:
    from jobs.worker import run

    preflight(config)
    run()


def openapi() -> None:
    from server.app import create_app

    async def dump() -> dict[str, object]:
        app = create_app()
        response = await app.test_client().get("/openapi.json")
        data: dict[str, object] = await response.get_json()
        return data

    print(json.dumps(asyncio.run(dump()), indent=2, sort_keys=True))


def run(config: Config) -> int:
    """The whole stack in the foreground; Ctrl-C stops everything it started."""
    ensure_port_free(config.host, config.port, "PORT")
    ensure_port_free("127.0.0.1", config.mail_sink_port, "MAIL_SINK_PORT")
    with services(config) as config:
        preflight(config)
        migrate(config)
        seed(config)
        python = sys.executable
        commands = {
            "mail-sink": [python, "-m", "server.mail.sink"],
            "worker": [python, "-m", "server.cli", "worker"],
            "web": [python, "-m", "server.cli", "web"],
        }
        procs: dict[str, subprocess.Popen[bytes]] = {}
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            for name, command in commands.items():
                # Own process groups: Ctrl-C reaches us once, and we stop children in order.
                procs[name] = subprocess.Popen(command, cwd=ROOT, start_new_session=True)  # noqa: S603
            deadline = time.monotonic() + 30
            while not port_open("127.0.0.1", config.port) and time.monotonic() < deadline:
                if any(p.poll() is not None for p in procs.values()) or stopping:
                    break
                time.sleep(0.2)
            if port_open("127.0.0.1", config.port):
                say(f"Inkwell is running at {config.effective_public_url}  (Ctrl-C stops it)")
                say(f"dev mailbox: {config.effective_public_url}/dev/mailbox")
            while not stopping:
                exited = [n for n, p in procs.items() if p.poll() is not None]
                if exited:
                    say(f"{exited[0]} exited with code {procs[exited[0]].returncode}; stopping")
                    return 1
                time.sleep(0.3)
            return 0
        finally:
            say("stopping ...")
            for proc in reversed(procs.values()):
                if proc.poll() is None:
                    proc.send_signal(signal.SIGINT)
            for proc in procs.values():
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()


def run_with_services(config: Config, command: list[str]) -> int:
    """Run ``command`` with DATABASE_URL / REDIS_URL pointing at real servers (make test)."""
    if not command:
        raise Fatal("services needs a command to run after --")
    with services(config) as config:
        preflight(config)
        return subprocess.call(command, cwd=ROOT)  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="inkwell")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "web", "worker", "migrate", "seed", "openapi"):
        sub.add_parser(name)
    services_parser = sub.add_parser("services", help="run a command with the services up")
    services_parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    config = get_config()
    from server.core.logging import configure_logging

    # Logs go to stderr, so `openapi` output on stdout stays clean.
    configure_logging(
        json=config.is_production, level=config.log_level, cache_loggers=not config.is_test
    )
    try:
        match args.command:
            case "run":
                return run(config)
            case "web":
                web(config)
            case "worker":
                worker(config)
            case "migrate":
                with services(config) as config:
                    preflight(config)
                    migrate(config)
            case "seed":
                with services(config) as config:
                    preflight(config)
                    seed(config)
            case "openapi":
                openapi()
            case "services":
                cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
                return run_with_services(config, cmd)
    except Fatal as exc:
        say(f"error: {exc}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
