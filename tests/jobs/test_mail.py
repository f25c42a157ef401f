"""Platform mail end to end: outbox → queue → worker → a real SMTP server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from arq.connections import ArqRedis

from server.core.config import Config
from server.core.db import transaction
from server.mail.mailbox import get_message, list_messages
from server.mail.message import OutgoingMessage
from server.mail.service import queue_mail
from server.mail.sink import SinkServer, start_sink
from tests.fakes.smtp_server import ScriptedHandler
from tests.jobs.worker_harness import run_worker_burst


@pytest.fixture
async def sink(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[SinkServer, ScriptedHandler, Path]]:
    mailbox = tmp_path / "mailbox"
    handler = ScriptedHandler(mailbox)
    server = await start_sink("127.0.0.1", 0, mailbox, handler=handler)
    # Outside production, platform mail goes to the sink on MAIL_SINK_PORT.
    monkeypatch.setattr(config, "mail_sink_port", server.port)
    yield server, handler, mailbox
    await server.close()


def message(to: str = "reader@example.com") -> OutgoingMessage:
    return OutgoingMessage(
        to=[to], subject="Your code", text="Code: 123456", html="<p>Code: <b>123456</b></p>"
    )


async def test_committed_mail_arrives_once(
    redis: ArqRedis, config: Config, sink: tuple[SinkServer, ScriptedHandler, Path]
) -> None:
    _, _, mailbox = sink
    async with transaction():
        sent = await queue_mail(message())
        # Queued twice in one transaction (a retried request, say): one job, one email.
        await queue_mail(sent)
    await run_worker_burst(config)
    received = list_messages(mailbox)
    assert len(received) == 1
    full = get_message(mailbox, received[0].id)
    assert full is not None
    assert full.subject == "Your code"
    assert "123456" in (full.text or "")
    assert "<b>123456</b>" in (full.html or "")
    headers = {h.name.lower(): h.value for h in full.headers}
    assert headers["message-id"] == sent.message_id


async def test_rolled_back_mail_never_leaves(
    redis: ArqRedis, config: Config, sink: tuple[SinkServer, ScriptedHandler, Path]
) -> None:
    _, _, mailbox = sink
    with pytest.raises(RuntimeError):
        async with transaction():
            await queue_mail(message())
            raise RuntimeError("the signup failed")
    await run_worker_burst(config)
    assert list_messages(mailbox) == []


class RefuseOnce(ScriptedHandler):
    """Answers 451 to a recipient's first RCPT, then accepts it, as a greylisting server does."""

    def __init__(self, mailbox_dir: Path) -> None:
        super().__init__(mailbox_dir)
        self.greylisted: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.greylisted:
            self.greylisted.discard(address)
            return "451 4.7.1 greylisted, try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


async def test_transient_refusal_is_retried_and_permanent_is_not(
    redis: ArqRedis, config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = tmp_path / "greylist"
    handler = RefuseOnce(mailbox)
    handler.greylisted.add("later@example.com")
    handler.rcpt_replies["nobody@example.com"] = "550 5.1.1 no such user"
    server = await start_sink("127.0.0.1", 0, mailbox, handler=handler)
    monkeypatch.setattr(config, "mail_sink_port", server.port)
    monkeypatch.setattr(config, "mail_retry_seconds", 0.05)
    try:
        async with transaction():
            await queue_mail(message("later@example.com"))
            await queue_mail(message("nobody@example.com"))
        await run_worker_burst(config)
    finally:
        await server.close()
    assert [m.to for m in list_messages(mailbox)] == ["later@example.com"]
    outcomes = await redis.hgetall("inkwell:metrics:job_outcomes")  # type: ignore[misc]
    assert outcomes == {
        b"send_mail|retried": b"1",
        b"send_mail|succeeded": b"1",
        b"send_mail|failed": b"1",
    }
