"""Campaign workers as real processes: killed with SIGKILL mid-send, and Redis restarted
mid-send. Every recipient ends with one message (a second copy only for messages in flight
at the kill), and nobody marked sent is sent again."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from quart.typing import TestClientProtocol

from models.campaigns import CampaignRecipient, CampaignStatus, RecipientStatus
from server.campaigns import sending
from server.core.config import Config
from server.core.redis import close_redis, connect_redis
from server.mail.sink import SinkServer
from tests.conftest import ROOT, free_port
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import (
    create_campaign,
    make_owner,
    smtp,
    wait_for_status,
    wait_until,
)

CONCURRENCY = 4
SENDERS = 2


def worker_env(config: Config, smtp_port: int, redis_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "APP_ENV": "test",
        "DATABASE_URL": config.database_url or "",
        "REDIS_URL": redis_url,
        "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DATA_DIR": str(data_dir),
        "CAMPAIGN_SENDERS": str(SENDERS),
        "CAMPAIGN_CONCURRENCY": str(CONCURRENCY),
        "CAMPAIGN_BATCH_SIZE": "20",
        "CAMPAIGN_RATE_PER_SECOND": "0",
        # Short leases so the restarted worker reclaims the dead one's rows quickly.
        "CAMPAIGN_LEASE_SECONDS": "2",
        "CAMPAIGN_SENDER_TTL_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }


class WorkerProcess:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        out = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "worker"],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def workers() -> Iterator[list[WorkerProcess]]:
    started: list[WorkerProcess] = []
    yield started
    for w in started:
        w.kill()


async def test_worker_killed_mid_campaign_sends_each_recipient_once(
    client: TestClientProtocol,
    smtp: tuple[SinkServer, ScriptedHandler],
    config: Config,
    tmp_path: Path,
    workers: list[WorkerProcess],
) -> None:
    sink, handler = smtp
    handler.data_delay = 0.05
    owner = await make_owner(contacts=400)
    env = worker_env(config, sink.port, config.redis_url or "", tmp_path)
    first = WorkerProcess(env, tmp_path / "worker1.log")
    workers.append(first)
    first.start()

    campaign = await create_campaign(client, owner)
    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    assert sent.status_code == 202
    await wait_until(lambda: len(handler.received) >= 120, seconds=60)
    first.kill()
    marked_sent = set(
        await CampaignRecipient.filter(
            campaign_id=campaign["id"], status=RecipientStatus.sent
        ).values_list("email", flat=True)
    )
    received_at_kill = len(handler.received)
    assert 0 < len(marked_sent) <= received_at_kill < 400

    second = WorkerProcess(env, tmp_path / "worker2.log")
    workers.append(second)
    second.start()
    handler.data_delay = 0
    await wait_for_status(campaign["id"], CampaignStatus.sent, seconds=90)

    emails = [c.email for c in owner.contacts]
    counts = {e: handler.count_for(e) for e in emails}
    assert all(n >= 1 for n in counts.values()), "someone got nothing"
    twice = [e for e, n in counts.items() if n > 1]
    # Only messages in flight when the worker died (on the wire, or accepted but in the
    # group of marks not yet written) can arrive twice.
    assert len(twice) <= (sending.mark_limit(CONCURRENCY) + CONCURRENCY) * SENDERS, twice
    assert not set(twice) & marked_sent, "a recipient marked sent was sent again"
    assert all(n <= 2 for n in counts.values())
    rows = await CampaignRecipient.filter(campaign_id=campaign["id"])
    assert all(r.status is RecipientStatus.sent for r in rows)
    # Every copy of one recipient's message carries the same Message-ID.
    for email in twice:
        ids = {r.message["Message-ID"] for r in handler.received if email in r.rcpt_tos}
        assert len(ids) == 1
    second.stop()


@pytest.fixture
async def own_redis(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[RedisServer]:
    server = RedisServer(free_port(), tmp_path / "redis")
    server.start()
    original = config.redis_url
    # This process relays the outbox too, so it must talk to the same Redis as the worker.
    monkeypatch.setattr(config, "redis_url", server.url)
    await close_redis()
    await connect_redis(config)
    yield server
    await close_redis()
    server.stop()
    monkeypatch.setattr(config, "redis_url", original)
    await connect_redis(config)


class RedisServer:
    def __init__(self, port: int, data_dir: Path) -> None:
        self.port = port
        self.data_dir = data_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.data_dir.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.data_dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import socket
        import time

        for _ in range(200):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), 0.1),
            ):
                return
            time.sleep(0.025)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


async def test_redis_restarted_mid_send_the_campaign_finishes(
    client: TestClientProtocol,
    smtp: tuple[SinkServer, ScriptedHandler],
    config: Config,
    tmp_path: Path,
    workers: list[WorkerProcess],
    own_redis: RedisServer,
) -> None:
    sink, handler = smtp
    handler.data_delay = 0.05
    owner = await make_owner(contacts=300)
    worker = WorkerProcess(
        worker_env(config, sink.port, own_redis.url, tmp_path), tmp_path / "w.log"
    )
    workers.append(worker)
    worker.start()
    campaign = await create_campaign(client, owner)
    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    assert sent.status_code == 202
    await wait_until(lambda: len(handler.received) >= 60, seconds=60)

    # Redis goes away (losing everything: no persistence) and comes back on the same port,
    # gone for longer than redis-py's own retries last.
    own_redis.stop()
    await asyncio.sleep(4.0)
    own_redis.start()
    handler.data_delay = 0
    await wait_for_status(campaign["id"], CampaignStatus.sent, seconds=90)
    log = (tmp_path / "w.log").read_text(errors="replace")
    assert worker.process is not None
    assert worker.process.poll() is None, f"the worker died:\n{log[-3000:]}"
    # Its loop waited Redis out instead of ending the process.
    assert "worker_redis_unavailable" in log
    counts = [handler.count_for(c.email) for c in owner.contacts]
    assert all(n >= 1 for n in counts)
    # Redis going away does not kill the sender, so nothing was in doubt.
    assert all(n == 1 for n in counts)
    worker.stop()


__all__ = ["smtp"]
