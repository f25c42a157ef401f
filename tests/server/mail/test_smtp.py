"""SmtpMailSender against a real aiosmtpd server on localhost."""

from __future__ import annotations

import asyncio
import email
import email.policy
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib
import aiosmtplib.email
import pytest
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from structlog.testing import capture_logs

from server.core.config import SmtpSettings
from server.mail.message import (
    MailError,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    SendResult,
)
from server.mail.sender import MailSender
from server.mail.sink import MailboxHandler, SinkServer
from server.mail.smtp import SmtpMailSender, is_plain_address
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.mail.conftest import free_port

FROM = "Inkwell <news@inkwell.test>"


def message(to: list[str] | None = None, **overrides: Any) -> OutgoingMessage:
    fields: dict[str, Any] = {
        "to": to or ["reader@example.com"],
        "from_": FROM,
        "subject": "Issue #1",
        "text": "Hello in text",
    }
    fields.update(overrides)
    return OutgoingMessage(**fields)


def stored(mailbox_dir: Path) -> list[EmailMessage]:
    """Every message the server wrote to disk, oldest first."""
    found = []
    for path in sorted(mailbox_dir.glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        found.append(msg)
    return found


@pytest.fixture
async def sender(smtp_settings: SmtpSettings) -> AsyncIterator[SmtpMailSender]:
    smtp = SmtpMailSender(smtp_settings, pool_size=2, timeout=5)
    yield smtp
    await smtp.close()


async def test_sends_text_and_html_to_a_real_server(
    sender: SmtpMailSender, mailbox_dir: Path
) -> None:
    msg = message(
        to=["Reader <reader@example.com>", "second@example.org"],
        html="<h1>Hello in HTML</h1>",
        headers={"List-Unsubscribe": "<https://inkwell.test/u/abc>"},
    )

    result = await sender.send(msg)

    assert isinstance(sender, MailSender)
    assert result.provider == "smtp"
    assert result.accepted == ["reader@example.com", "second@example.org"]
    assert result.refused == []
    [received] = stored(mailbox_dir)
    assert received["X-Inkwell-Envelope-From"] == "<news@inkwell.test>"
    assert received["X-Inkwell-Envelope-To"] == "<reader@example.com>, <second@example.org>"
    assert received["Message-ID"] == result.message_id
    assert received["Subject"] == "Issue #1"
    assert received["List-Unsubscribe"] == "<https://inkwell.test/u/abc>"
    assert received.get_content_type() == "multipart/alternative"
    text = received.get_body(("plain",))
    html = received.get_body(("html",))
    assert text is not None
    assert text.get_content().strip() == "Hello in text"
    assert html is not None
    assert html.get_content().strip() == "<h1>Hello in HTML</h1>"


async def test_reuses_one_connection_for_several_sends(
    sender: SmtpMailSender, sink: SinkServer, mailbox_dir: Path
) -> None:
    for n in range(5):
        await sender.send(message(subject=f"Issue #{n}"))

    assert sink.connections_total == 1
    assert sender.connections_opened == 1
    assert [m["Subject"] for m in stored(mailbox_dir)] == [f"Issue #{n}" for n in range(5)]


async def test_concurrent_sends_stay_within_the_pool(
    sender: SmtpMailSender, sink: SinkServer, mailbox_dir: Path
) -> None:
    results = await asyncio.gather(*(sender.send(message(subject=f"#{n}")) for n in range(12)))

    assert len({r.message_id for r in results}) == 12
    assert sink.connections_total <= 2
    assert sorted(m["Subject"] for m in stored(mailbox_dir)) == sorted(f"#{n}" for n in range(12))


async def test_reconnects_when_the_server_dropped_an_idle_connection(
    sender: SmtpMailSender, sink: SinkServer, mailbox_dir: Path
) -> None:
    await sender.send(message(subject="before"))
    sink.drop_connections()
    # Let the client notice the hang-up, as it would between two campaign batches.
    for _ in range(50):
        if sink.live_connections == 0:
            break
        await asyncio.sleep(0.01)

    await sender.send(message(subject="after"))

    assert sink.connections_total == 2
    assert [m["Subject"] for m in stored(mailbox_dir)] == ["before", "after"]


async def test_retries_once_when_a_pooled_connection_turns_out_dead(
    sender: SmtpMailSender, sink: SinkServer, mailbox_dir: Path
) -> None:
    await sender.send(message(subject="before"))
    # No await between the hang-up and the send: the client still believes the
    # session is open, and only finds out when the server does not answer MAIL FROM.
    sink.drop_connections()
    with capture_logs() as logs:
        await sender.send(message(subject="after"))

    assert [e["event"] for e in logs] == ["smtp_reconnecting"]
    assert sender.connections_opened == 2
    assert [m["Subject"] for m in stored(mailbox_dir)] == ["before", "after"]


async def test_a_4xx_recipient_reply_is_transient(
    sender: SmtpMailSender, handler: ScriptedHandler, mailbox_dir: Path
) -> None:
    handler.rcpt_replies["later@example.com"] = "451 4.3.0 try later"

    with pytest.raises(MailTransientError) as caught:
        await sender.send(message(to=["later@example.com"]))

    assert caught.value.code == 451
    assert caught.value.transient is True
    assert [(r.address, r.code) for r in caught.value.refused] == [("later@example.com", 451)]
    assert stored(mailbox_dir) == []


async def test_a_5xx_recipient_reply_is_permanent_and_masked(
    sender: SmtpMailSender, handler: ScriptedHandler
) -> None:
    handler.rcpt_replies["ghost@example.com"] = "550 5.1.1 <ghost@example.com> no such user"

    with pytest.raises(MailPermanentError) as caught:
        await sender.send(message(to=["ghost@example.com"]))

    assert caught.value.code == 550
    assert caught.value.transient is False
    assert "ghost@example.com" not in str(caught.value)
    assert "g***@example.com" in str(caught.value)
    assert caught.value.refused[0].message == "5.1.1 <ghost@example.com> no such user"


async def test_mixed_refusals_are_transient_when_any_may_succeed_later(
    sender: SmtpMailSender, handler: ScriptedHandler
) -> None:
    handler.rcpt_replies["ghost@example.com"] = "550 5.1.1 no such user"
    handler.rcpt_replies["full@example.com"] = "452 4.2.2 mailbox full"

    with pytest.raises(MailTransientError) as caught:
        await sender.send(message(to=["ghost@example.com", "full@example.com"]))

    assert caught.value.code == 452
    assert {r.code for r in caught.value.refused} == {550, 452}


async def test_partial_refusal_returns_the_refused_recipients(
    sender: SmtpMailSender, handler: ScriptedHandler, mailbox_dir: Path
) -> None:
    handler.rcpt_replies["ghost@example.com"] = "550 5.1.1 no such user"

    result = await sender.send(message(to=["reader@example.com", "ghost@example.com"]))

    assert isinstance(result, SendResult)
    assert result.accepted == ["reader@example.com"]
    assert [(r.address, r.code, r.message) for r in result.refused] == [
        ("ghost@example.com", 550, "5.1.1 no such user")
    ]
    [received] = stored(mailbox_dir)
    assert received["X-Inkwell-Envelope-To"] == "<reader@example.com>"


async def test_a_rejected_data_is_permanent_and_the_session_is_reused(
    sender: SmtpMailSender, handler: ScriptedHandler, sink: SinkServer, mailbox_dir: Path
) -> None:
    handler.data_reply = "554 5.7.1 message refused as spam"

    with pytest.raises(MailPermanentError) as caught:
        await sender.send(message())
    handler.data_reply = None
    await sender.send(message(subject="next"))

    assert caught.value.code == 554
    assert sink.connections_total == 1
    assert [m["Subject"] for m in stored(mailbox_dir)] == ["next"]


async def test_a_service_closing_reply_is_transient(
    sender: SmtpMailSender, handler: ScriptedHandler, mailbox_dir: Path
) -> None:
    handler.data_reply = "421 4.3.2 shutting down"

    with pytest.raises(MailTransientError) as caught:
        await sender.send(message())

    assert caught.value.code == 421


async def test_an_unreachable_server_is_transient() -> None:
    smtp = SmtpMailSender(SmtpSettings(host="127.0.0.1", port=free_port()), timeout=2)
    try:
        with pytest.raises(MailTransientError) as caught:
            await smtp.send(message())
    finally:
        await smtp.close()

    assert caught.value.transient is True
    assert smtp.connections_opened == 0


async def test_close_hangs_up_idle_connections(sender: SmtpMailSender, sink: SinkServer) -> None:
    await sender.send(message())
    assert sink.live_connections == 1

    await sender.close()
    for _ in range(100):
        if sink.live_connections == 0:
            break
        await asyncio.sleep(0.01)

    assert sink.live_connections == 0


def _authenticator(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data == (b"mailer", b"s3cret pass")
    # handled=False: aiosmtpd then sends the 535 itself.
    return AuthResult(success=ok, handled=False)


@pytest.fixture
async def auth_server(mailbox_dir: Path) -> AsyncIterator[int]:
    loop = asyncio.get_running_loop()
    handler = MailboxHandler(mailbox_dir)
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="auth-test",
            authenticator=_authenticator,
            # Plain AUTH without TLS: acceptable only because this is loopback in a test.
            auth_require_tls=False,
            loop=loop,
        ),
        "127.0.0.1",
        0,
    )
    yield int(server.sockets[0].getsockname()[1])
    server.close()


async def test_logs_in_when_a_username_is_configured(auth_server: int, mailbox_dir: Path) -> None:
    url = f"smtp://mailer:s3cret%20pass@127.0.0.1:{auth_server}"
    smtp = SmtpMailSender(SmtpSettings.from_url(url), timeout=5)
    try:
        await smtp.send(message(subject="authenticated"))
    finally:
        await smtp.close()

    assert [m["Subject"] for m in stored(mailbox_dir)] == ["authenticated"]


async def test_wrong_credentials_are_permanent(auth_server: int, mailbox_dir: Path) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=auth_server, username="mailer", password="wrong")
    smtp = SmtpMailSender(settings, timeout=5)
    try:
        with pytest.raises(MailPermanentError) as caught:
            await smtp.send(message())
    finally:
        await smtp.close()

    assert caught.value.code == 535
    assert stored(mailbox_dir) == []


class _TlsRecordingHandler(MailboxHandler):
    """Stores messages and remembers whether each arrived over TLS."""

    def __init__(self, mailbox_dir: Path) -> None:
        super().__init__(mailbox_dir)
        self.over_tls: list[bool] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        transport = server.transport
        self.over_tls.append(
            transport is not None and transport.get_extra_info("ssl_object") is not None
        )
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture(scope="session")
def tls_context(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a throwaway certificate")
    where = tmp_path_factory.mktemp("tls")
    cert, key = where / "cert.pem", where / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture
async def tls_servers(
    tls_context: ssl.SSLContext, mailbox_dir: Path
) -> AsyncIterator[tuple[_TlsRecordingHandler, int, int]]:
    """(handler, STARTTLS-required port, implicit-TLS port)."""
    loop = asyncio.get_running_loop()
    handler = _TlsRecordingHandler(mailbox_dir)
    starttls = await loop.create_server(
        lambda: SMTP(
            handler, hostname="tls-test", tls_context=tls_context, require_starttls=True, loop=loop
        ),
        "127.0.0.1",
        0,
    )
    implicit = await loop.create_server(
        lambda: SMTP(handler, hostname="tls-test", loop=loop), "127.0.0.1", 0, ssl=tls_context
    )
    yield (
        handler,
        int(starttls.sockets[0].getsockname()[1]),
        int(implicit.sockets[0].getsockname()[1]),
    )
    starttls.close()
    implicit.close()


@pytest.mark.parametrize("scheme", ["starttls", "implicit"])
async def test_tls_modes_from_the_smtp_url(
    tls_servers: tuple[_TlsRecordingHandler, int, int], mailbox_dir: Path, scheme: str
) -> None:
    handler, starttls_port, implicit_port = tls_servers
    url = {
        "starttls": f"smtp://127.0.0.1:{starttls_port}?starttls=1&verify=0",
        "implicit": f"smtps://127.0.0.1:{implicit_port}?verify=0",
    }[scheme]
    smtp = SmtpMailSender(SmtpSettings.from_url(url), timeout=5)
    try:
        await smtp.send(message(subject=scheme))
    finally:
        await smtp.close()

    assert handler.over_tls == [True]
    assert [m["Subject"] for m in stored(mailbox_dir)] == [scheme]


async def test_an_untrusted_certificate_is_refused_when_verifying(
    tls_servers: tuple[_TlsRecordingHandler, int, int], mailbox_dir: Path
) -> None:
    _, _, implicit_port = tls_servers
    smtp = SmtpMailSender(SmtpSettings.from_url(f"smtps://127.0.0.1:{implicit_port}"), timeout=5)
    try:
        with pytest.raises(MailError) as caught:
            await smtp.send(message())
    finally:
        await smtp.close()

    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
    assert stored(mailbox_dir) == []


async def test_no_starttls_unless_the_url_asks_for_it(
    tls_servers: tuple[_TlsRecordingHandler, int, int], mailbox_dir: Path
) -> None:
    _, starttls_port, _ = tls_servers
    smtp = SmtpMailSender(SmtpSettings(host="127.0.0.1", port=starttls_port), timeout=5)
    try:
        with pytest.raises(MailPermanentError) as caught:
            await smtp.send(message())
    finally:
        await smtp.close()

    # The server insists on STARTTLS first; we did not silently upgrade.
    assert caught.value.code == 530
    assert stored(mailbox_dir) == []


PLAIN = ["reader@example.com", "a.b+c_d%e@mail.example.co.uk", "x-y@a-b.example"]
NOT_PLAIN = [
    "Reader <reader@example.com>",
    ".lead@example.com",
    "two..dots@example.com",
    "trail.@example.com",
    '"quoted local"@example.com',
    "reader@localhost",
    "reader@example.com ",
    "ünï@example.com",
]


async def test_plain_addresses_go_out_exactly_as_through_sendmail(
    sender: SmtpMailSender, mailbox_dir: Path
) -> None:
    # The one-recipient path skips aiosmtplib's address parsing only where its parsing
    # would give back the address itself.
    for address in PLAIN:
        assert is_plain_address(address)
        assert aiosmtplib.email.quote_address(address) == f"<{address}>"
    assert not any(is_plain_address(a) for a in NOT_PLAIN)

    body = b"Subject: dots\r\n\r\n.a line that starts with a dot\r\nend\r\n"
    await sender.send_raw("news@inkwell.test", [PLAIN[1]], body, message_id="<1@inkwell.test>")
    await sender.send_raw(
        "news@inkwell.test", ["Reader <reader@example.com>"], body, message_id="<2@inkwell.test>"
    )
    first, second = stored(mailbox_dir)
    assert first["X-Inkwell-Envelope-To"] == f"<{PLAIN[1]}>"
    assert second["X-Inkwell-Envelope-To"] == "<reader@example.com>"
    for received in (first, second):
        assert received["X-Inkwell-Envelope-From"] == "<news@inkwell.test>"
        assert received.get_content().startswith(".a line that starts with a dot")


BODIES = [
    # CRLF throughout: the message goes out as it is, dots at line starts doubled.
    b"Subject: crlf\r\n\r\n.first\r\nmiddle\r\n..two dots\r\n.\r\nend\r\n",
    b".Subject-like first line\r\n\r\nbody\r\n",
    # Anything else goes through aiosmtplib's own normalisation.
    b"Subject: lf\n\n.first\nend\n",
    b"Subject: cr\r\rlone\rend",
    b"Subject: mixed\r\n\r\n.a\nb\r\n.c",
]


@pytest.mark.parametrize("body", BODIES)
async def test_a_raw_message_arrives_as_through_sendmail(
    sender: SmtpMailSender, mailbox_dir: Path, body: bytes
) -> None:
    # First through the one-recipient path, then through aiosmtplib's sendmail.
    await sender.send_raw("news@inkwell.test", [PLAIN[0]], body, message_id="<1@inkwell.test>")
    await sender.send_raw(
        "news@inkwell.test", [f"Reader <{PLAIN[0]}>"], body, message_id="<2@inkwell.test>"
    )
    ours, reference = (path.read_bytes() for path in sorted(mailbox_dir.glob("*.eml")))
    assert ours == reference
    if body.count(b"\n") == body.count(b"\r") == body.count(b"\r\n"):
        assert ours.endswith(b"\r\n" + body)
