"""Real servers for the mail tests: the aiosmtpd sink and a Resend-speaking HTTP server."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from server.core.config import SmtpSettings
from server.mail.sink import SinkServer, start_sink
from tests.fakes.smtp_server import ScriptedHandler

RESEND_KEY = "re_test_key"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def mailbox_dir(tmp_path: Path) -> Path:
    return tmp_path / "mailbox"


@pytest.fixture
def handler(mailbox_dir: Path) -> ScriptedHandler:
    return ScriptedHandler(mailbox_dir)


@pytest.fixture
async def sink(mailbox_dir: Path, handler: ScriptedHandler) -> AsyncIterator[SinkServer]:
    server = await start_sink("127.0.0.1", 0, mailbox_dir, handler=handler)
    yield server
    await server.close()


@pytest.fixture
def smtp_settings(sink: SinkServer) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=sink.port)


@dataclass
class FakeResend:
    """Speaks Resend's ``POST /emails``: bearer auth, JSON in, ``{"id"}`` or an error out."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    # (status, JSON body, extra headers) to answer with, in order, before succeeding.
    replies: list[tuple[int, dict[str, Any], dict[str, str]]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {RESEND_KEY}":
            return web.json_response(
                {"statusCode": 401, "name": "missing_api_key", "message": "Missing API key"},
                status=401,
            )
        body = await request.json()
        self.requests.append({"headers": dict(request.headers), "json": body})
        missing = [k for k in ("from", "to", "subject") if not body.get(k)]
        if missing:
            return web.json_response(
                {
                    "statusCode": 422,
                    "name": "missing_required_field",
                    "message": f"Missing `{missing[0]}` field.",
                },
                status=422,
            )
        if self.replies:
            status, payload, headers = self.replies.pop(0)
            return web.json_response(payload, status=status, headers=headers)
        return web.json_response({"id": str(uuid.uuid4())})


@pytest.fixture
async def resend() -> AsyncIterator[FakeResend]:
    fake = FakeResend()
    app = web.Application()
    app.router.add_post("/emails", fake.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    fake.url = f"http://{host}:{port}"
    yield fake
    await runner.cleanup()
