"""SMTP transport: aiosmtplib with a small pool of reusable connections."""

from __future__ import annotations

import asyncio
import contextlib
import re

import aiosmtplib
import structlog

from server.core.config import SmtpSettings
from server.mail.message import (
    MailError,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    RefusedRecipient,
    SendResult,
    error_for_code,
    mask_emails_in,
    render_mime,
)

log = structlog.get_logger(__name__)

# Dot-atom addresses: aiosmtplib would quote them as ``<address>`` after parsing them with
# ``email.utils.parseaddr`` (twice per address, see ``_send_plain``); anything else goes
# through aiosmtplib's own ``sendmail``.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


def is_plain_address(address: str) -> bool:
    return len(address) <= 254 and _PLAIN_ADDRESS.fullmatch(address) is not None


class SmtpMailSender:
    """Sends through one SMTP server, keeping up to ``pool_size`` sessions open.

    A campaign sends thousands of messages; a TCP + TLS + AUTH handshake for each
    would cost more than the messages. Idle sessions are kept and reused, and a
    session the server closed meanwhile is replaced transparently.
    """

    name = "smtp"

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        pool_size: int = 2,
        timeout: float = 30,
        default_from: str | None = None,
    ) -> None:
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self.settings = settings
        self.timeout = timeout
        self.default_from = default_from
        # The semaphore bounds open sessions; the idle list is only touched between
        # awaits, which the event loop makes atomic, so it needs no lock of its own.
        self._slots = asyncio.Semaphore(pool_size)
        self._idle: list[aiosmtplib.SMTP] = []
        self.connections_opened = 0

    async def send(self, msg: OutgoingMessage) -> SendResult:
        resolved = msg.resolved(self.default_from)
        assert resolved.message_id is not None  # resolved() always sets it
        return await self.send_raw(
            resolved.sender.addr_spec,
            resolved.envelope_recipients,
            render_mime(resolved),
            message_id=resolved.message_id,
        )

    async def send_raw(
        self, envelope_from: str, recipients: list[str], data: bytes, *, message_id: str
    ) -> SendResult:
        """Send a message already rendered to bytes (campaign senders render their own,
        much faster than ``email`` builds one message at a time)."""
        async with self._slots:
            try:
                errors, _ = await self._transaction(envelope_from, recipients, data)
            except aiosmtplib.SMTPException as exc:
                raise _map_error(exc) from exc
            except (OSError, TimeoutError) as exc:
                raise MailTransientError(f"smtp connection failed: {exc}") from exc
        refused = [
            RefusedRecipient(address, response.code, response.message)
            for address, response in errors.items()
        ]
        return SendResult(
            message_id=message_id,
            provider=self.name,
            accepted=[r for r in recipients if r not in errors],
            refused=refused,
        )

    async def _transaction(
        self, sender: str, recipients: list[str], data: bytes
    ) -> tuple[dict[str, aiosmtplib.SMTPResponse], str]:
        for attempt in (1, 2):
            client = await self._checkout(fresh=attempt == 2)
            try:
                if (
                    len(recipients) == 1
                    and is_plain_address(sender)
                    and is_plain_address(recipients[0])
                ):
                    result = await _send_plain(client, sender, recipients[0], data)
                else:
                    result = await client.sendmail(sender, recipients, data)
            except aiosmtplib.SMTPServerDisconnected:
                client.close()
                if attempt == 2:
                    raise
                # Usually a pooled session the server timed out between our sends.
                log.info("smtp_reconnecting", host=self.settings.host)
                continue
            except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
                # The server answered, and aiosmtplib already sent RSET: the session
                # is still good for the next message.
                self._checkin(client)
                raise
            except BaseException:
                client.close()
                raise
            self._checkin(client)
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    async def _checkout(self, *, fresh: bool) -> aiosmtplib.SMTP:
        while self._idle and not fresh:
            client = self._idle.pop()
            if client.is_connected:
                return client
            client.close()
        s = self.settings
        client = aiosmtplib.SMTP(
            hostname=s.host,
            port=s.port,
            username=s.username,
            password=s.password,
            use_tls=s.use_tls,
            # Only when asked for: an opportunistic upgrade would fail against relays
            # that offer STARTTLS with a self-signed certificate. Never on top of
            # implicit TLS (smtps://...?starttls=1), which aiosmtplib refuses.
            start_tls=s.start_tls and not s.use_tls,
            validate_certs=s.validate_certs,
            timeout=self.timeout,
        )
        try:
            await client.connect()  # also logs in when a username is configured
        except BaseException:
            client.close()
            raise
        self.connections_opened += 1
        return client

    def _checkin(self, client: aiosmtplib.SMTP) -> None:
        if client.is_connected:
            self._idle.append(client)
        else:
            client.close()

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for client in idle:
            try:
                if client.is_connected:
                    await client.quit()
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                pass  # closing anyway; the server will notice
            finally:
                client.close()


async def _send_plain(
    client: aiosmtplib.SMTP, sender: str, recipient: str, data: bytes
) -> tuple[dict[str, aiosmtplib.SMTPResponse], str]:
    """``client.sendmail(sender, [recipient], data)`` for plain addresses, through aiosmtplib's
    public commands, with the same errors and the same RSET after a refusal.

    ``sendmail`` parses each address three times with ``email.utils`` (pure Python) and
    normalises the whole message twice; a campaign sends each message to one plain address,
    and those parses were a fifth of the client's time per message. The SIZE declared is the
    length of ``data``, which the campaign renderer writes with CRLF line ends already.
    """
    if client.is_ehlo_or_helo_needed:
        try:
            await client.ehlo()
        except aiosmtplib.SMTPHeloError:
            if not client.is_connected:
                raise
            await client.helo()
    options = [f"SIZE={len(data)}".encode("ascii")] if client.supports_extension("size") else []
    try:
        response = await client.execute_command(
            b"MAIL", b"FROM:<" + sender.encode("ascii") + b">", *options
        )
        if response.code != aiosmtplib.SMTPStatus.completed:
            raise aiosmtplib.SMTPSenderRefused(response.code, response.message, sender)
        response = await client.execute_command(b"RCPT", b"TO:<" + recipient.encode("ascii") + b">")
        if response.code not in (
            aiosmtplib.SMTPStatus.completed,
            aiosmtplib.SMTPStatus.will_forward,
        ):
            raise aiosmtplib.SMTPRecipientsRefused(
                [aiosmtplib.SMTPRecipientRefused(response.code, response.message, recipient)]
            )
        response = await _data(client, data)
    except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
        # As sendmail: a failed RSET is not what the caller needs to see, the refusal is.
        with contextlib.suppress(ConnectionError, aiosmtplib.SMTPResponseException):
            await client.rset()
        raise
    return {}, response.message


async def _data(client: aiosmtplib.SMTP, data: bytes) -> aiosmtplib.SMTPResponse:
    """``client.data(data)`` for a message whose lines all end with CRLF already.

    aiosmtplib rewrites every line ending and dot-stuffs the message with two regular
    expressions over all of it, a sixth of a campaign sender's CPU per message; for a message
    that is CRLF throughout (what the campaign renderer writes) C string methods do the same
    (dots at line starts doubled, then the final ".") at a fraction of the cost. Anything else
    goes through ``client.data``. The client is the caller's alone (checked out of the pool),
    so nothing else writes between DATA and the message.
    """
    protocol = client.protocol
    crlf = data.count(b"\r\n")
    if (
        protocol is None
        or not data.endswith(b"\r\n")
        or data.count(b"\n") != crlf
        or data.count(b"\r") != crlf
    ):
        return await client.data(data)
    if data.startswith(b"."):
        data = b"." + data
    message = data.replace(b"\r\n.", b"\r\n..") + b".\r\n"
    response = await client.execute_command(b"DATA")
    if response.code != aiosmtplib.SMTPStatus.start_input:
        raise aiosmtplib.SMTPDataError(response.code, response.message)
    try:
        protocol.write(message)
        response = await protocol.read_response(timeout=client.timeout)
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
        client.close()
        raise
    if response.code != aiosmtplib.SMTPStatus.completed:
        raise aiosmtplib.SMTPDataError(response.code, response.message)
    return response


def _map_error(exc: aiosmtplib.SMTPException) -> MailError:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        refused = [RefusedRecipient(e.recipient, e.code, e.message) for e in exc.recipients]
        # Retrying helps if any refusal was temporary (greylisting, full mailbox).
        temporary = [r for r in refused if r.code is not None and 400 <= r.code < 500]
        first = (temporary or refused)[0]
        return error_for_code(
            first.code,
            f"smtp refused every recipient: {first.code} {mask_emails_in(first.message)}",
            refused=refused,
        )
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return error_for_code(exc.code, f"smtp answered {exc.code} {mask_emails_in(exc.message)}")
    if isinstance(exc, aiosmtplib.SMTPNotSupported):
        return MailPermanentError(f"smtp server cannot do what was asked: {exc.message}")
    # Timeouts, disconnects, connect failures: nothing says the message is bad.
    return MailTransientError(f"smtp failed: {mask_emails_in(exc.message)}")
