"""FallbackMailSender across real transports, and the factory that builds the chain."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from structlog.testing import capture_logs

from server.core.config import Config, SmtpSettings
from server.mail.message import (
    InvalidMessage,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    SendResult,
)
from server.mail.resend import ResendMailSender
from server.mail.sender import (
    FallbackMailSender,
    MailNotConfigured,
    MailSender,
    build_mail_sender,
)
from server.mail.smtp import SmtpMailSender
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.mail.conftest import RESEND_KEY, FakeResend, free_port


def message(**overrides: Any) -> OutgoingMessage:
    fields: dict[str, Any] = {
        "to": ["reader@example.com"],
        "from_": "Inkwell <news@inkwell.test>",
        "subject": "Issue #1",
        "text": "Hello",
    }
    fields.update(overrides)
    return OutgoingMessage(**fields)


def server_error(status: int = 500) -> tuple[int, dict[str, Any], dict[str, str]]:
    return status, {"statusCode": status, "name": "application_error", "message": "boom"}, {}


@pytest.fixture
async def chain(
    resend: FakeResend, smtp_settings: SmtpSettings
) -> AsyncIterator[FallbackMailSender]:
    sender = FallbackMailSender(
        [ResendMailSender(RESEND_KEY, resend.url), SmtpMailSender(smtp_settings, timeout=5)]
    )
    yield sender
    await sender.close()


async def test_falls_back_from_a_failing_resend_to_smtp(
    chain: FallbackMailSender, resend: FakeResend, mailbox_dir: Path
) -> None:
    resend.replies.append(server_error(500))

    with capture_logs() as logs:
        result = await chain.send(message())

    assert result.provider == "smtp"
    [path] = mailbox_dir.glob("*.eml")
    received = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    # Both attempts carried the same Message-ID.
    assert received["Message-ID"] == result.message_id
    assert resend.requests[0]["json"]["headers"]["Message-ID"] == result.message_id
    [failure] = [e for e in logs if e["event"] == "mail_sender_failed"]
    assert failure["provider"] == "resend"
    assert failure["code"] == 500
    assert failure["transient"] is True
    assert failure["recipients"] == ["r***@example.com"]
    assert "reader@example.com" not in repr(logs)


async def test_stops_at_the_first_transport_that_accepts(
    chain: FallbackMailSender, resend: FakeResend, mailbox_dir: Path
) -> None:
    result = await chain.send(message())

    assert result.provider == "resend"
    assert len(resend.requests) == 1
    assert list(mailbox_dir.glob("*.eml")) == []


async def test_all_failing_raises_transient_when_any_failure_was_transient(
    chain: FallbackMailSender, resend: FakeResend, handler: ScriptedHandler
) -> None:
    resend.replies.append(server_error(503))
    handler.rcpt_replies["reader@example.com"] = "550 5.1.1 no such user"

    with pytest.raises(MailTransientError) as caught:
        await chain.send(message())

    # The last error (SMTP's 550) is kept as the cause and its details carried over.
    assert caught.value.code == 550
    assert isinstance(caught.value.__cause__, MailPermanentError)
    assert [r.code for r in caught.value.refused] == [550]


async def test_all_failing_permanently_reraises_the_last_error(
    chain: FallbackMailSender, resend: FakeResend, handler: ScriptedHandler
) -> None:
    resend.replies.append(server_error(422))
    handler.rcpt_replies["reader@example.com"] = "550 5.1.1 no such user"

    with pytest.raises(MailPermanentError) as caught:
        await chain.send(message())

    assert caught.value.code == 550


async def test_all_failing_transiently_reraises_the_last_error(
    resend: FakeResend,
) -> None:
    resend.replies.append(server_error(500))
    dead_smtp = SmtpMailSender(SmtpSettings(host="127.0.0.1", port=free_port()), timeout=2)
    chain = FallbackMailSender([ResendMailSender(RESEND_KEY, resend.url), dead_smtp])
    try:
        with pytest.raises(MailTransientError) as caught:
            await chain.send(message())
    finally:
        await chain.close()

    assert "smtp" in str(caught.value)


class _RawSocketTransport:
    """A transport that lets a real connection failure escape instead of a MailError."""

    name = "raw"

    def __init__(self, port: int) -> None:
        self.port = port

    async def send(self, msg: OutgoingMessage) -> SendResult:
        _, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.close()
        raise AssertionError("the port was expected to be closed")

    async def close(self) -> None:
        return None


async def test_a_raw_connection_failure_also_falls_through(
    smtp_settings: SmtpSettings, mailbox_dir: Path
) -> None:
    broken = _RawSocketTransport(free_port())
    chain = FallbackMailSender([broken, SmtpMailSender(smtp_settings, timeout=5)])
    try:
        with capture_logs() as logs:
            result = await chain.send(message())
    finally:
        await chain.close()

    assert isinstance(broken, MailSender)
    assert result.provider == "smtp"
    assert [e["provider"] for e in logs if e["event"] == "mail_sender_failed"] == ["raw"]
    assert len(list(mailbox_dir.glob("*.eml"))) == 1


async def test_an_invalid_message_is_not_retried_elsewhere(
    chain: FallbackMailSender, resend: FakeResend, mailbox_dir: Path
) -> None:
    # model_construct skips validation, as a buggy caller might; building the MIME
    # or the request must still refuse it, and no other transport may try.
    bad = OutgoingMessage.model_construct(
        to=["reader@example.com"],
        from_="Inkwell <news@inkwell.test>",
        subject="x\r\nBcc: victim@example.com",
        text="x",
        html=None,
        reply_to=None,
        headers={},
        message_id=None,
    )

    with pytest.raises(InvalidMessage):
        await chain.send(bad)

    assert resend.requests == []
    assert list(mailbox_dir.glob("*.eml")) == []


def test_needs_at_least_one_sender() -> None:
    with pytest.raises(ValueError, match="at least one"):
        FallbackMailSender([])


def config(**values: Any) -> Config:
    # No .env file, and every value a test relies on passed explicitly (those win over
    # the environment), so the developer's settings cannot leak in.
    return Config(_env_file=None, **values)


async def test_factory_chains_resend_then_smtp_when_both_are_configured() -> None:
    sender = build_mail_sender(
        config(
            resend_api_key="re_x",
            resend_api_base="https://api.resend.com",
            smtp_url="smtp://u:p@mail.test:2525",
            app_env="production",
        )
    )
    try:
        assert isinstance(sender, FallbackMailSender)
        first, second = sender.senders
        assert isinstance(first, ResendMailSender)
        assert first.url == "https://api.resend.com/emails"
        assert isinstance(second, SmtpMailSender)
        assert (second.settings.host, second.settings.port) == ("mail.test", 2525)
    finally:
        await sender.close()


async def test_factory_uses_the_dev_sink_when_nothing_is_configured() -> None:
    sender = build_mail_sender(
        config(resend_api_key=None, smtp_url=None, app_env="development", mail_sink_port=2526)
    )
    try:
        assert isinstance(sender, SmtpMailSender)
        assert (sender.settings.host, sender.settings.port) == ("127.0.0.1", 2526)
    finally:
        await sender.close()


async def test_factory_uses_resend_alone_in_production_without_smtp() -> None:
    sender = build_mail_sender(
        config(
            resend_api_key="re_x",
            resend_api_base="http://resend.test",
            app_env="production",
            smtp_url=None,
        )
    )
    try:
        assert isinstance(sender, ResendMailSender)
        assert sender.url == "http://resend.test/emails"
    finally:
        await sender.close()


def test_factory_refuses_when_no_transport_is_configured() -> None:
    with pytest.raises(MailNotConfigured, match="RESEND_API_KEY or SMTP_URL"):
        build_mail_sender(config(resend_api_key=None, smtp_url=None, app_env="production"))
