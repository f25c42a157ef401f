"""The ``MailSender`` seam, the fallback chain, and the factory that picks transports."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import structlog

from server.core.config import Config
from server.mail.message import (
    InvalidMessage,
    MailError,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    RefusedRecipient,
    SendResult,
    mask_emails_in,
)
from server.mail.resend import ResendMailSender
from server.mail.smtp import SmtpMailSender

__all__ = [
    "FallbackMailSender",
    "InvalidMessage",
    "MailError",
    "MailNotConfigured",
    "MailPermanentError",
    "MailSender",
    "MailTransientError",
    "RefusedRecipient",
    "SendResult",
    "build_mail_sender",
]

log = structlog.get_logger(__name__)


@runtime_checkable
class MailSender(Protocol):
    """Anything that can deliver an ``OutgoingMessage``.

    ``send`` returns when the provider accepted the message for at least one
    recipient and raises ``MailError`` otherwise; ``close`` releases connections.
    """

    async def send(self, msg: OutgoingMessage) -> SendResult: ...

    async def close(self) -> None: ...


class MailNotConfigured(RuntimeError):
    """No transport is configured; the message says which settings provide one."""


def sender_name(sender: MailSender) -> str:
    name = getattr(sender, "name", None)
    return name if isinstance(name, str) else type(sender).__name__


class FallbackMailSender:
    """Tries each sender in order until one accepts the message.

    An ``InvalidMessage`` stops the chain at once: no transport can send it.
    """

    name = "fallback"

    def __init__(self, senders: Sequence[MailSender]) -> None:
        if not senders:
            raise ValueError("FallbackMailSender needs at least one sender")
        self.senders = list(senders)

    async def send(self, msg: OutgoingMessage) -> SendResult:
        # One Message-ID for every attempt, so a message that reaches the recipient
        # through the second transport is still the one the campaign recorded.
        resolved = msg.resolved()
        failures: list[MailError] = []
        for sender in self.senders:
            name = sender_name(sender)
            try:
                return await sender.send(resolved)
            except InvalidMessage:
                raise
            except MailError as exc:
                error = exc
            except (OSError, TimeoutError) as exc:
                # A transport that leaks a raw connection failure is still a transport
                # that failed; the next one may work.
                error = MailTransientError(f"{name}: {mask_emails_in(str(exc))}")
                error.__cause__ = exc
            failures.append(error)
            log.warning(
                "mail_sender_failed",
                provider=name,
                message_id=resolved.message_id,
                recipients=resolved.masked_recipients,
                transient=error.transient,
                code=error.code,
                error=mask_emails_in(str(error)),
                remaining=len(self.senders) - len(failures),
            )
        last = failures[-1]
        if last.transient or not any(f.transient for f in failures):
            raise last
        # The last transport refused for good, but an earlier one only failed for now:
        # a retry later may still get the message out through that one.
        raise MailTransientError(
            f"every mail transport failed; last: {mask_emails_in(str(last))}",
            code=last.code,
            refused=last.refused,
        ) from last

    async def close(self) -> None:
        results = await asyncio.gather(
            *(sender.close() for sender in self.senders), return_exceptions=True
        )
        for sender, result in zip(self.senders, results, strict=True):
            if isinstance(result, BaseException):
                log.warning(
                    "mail_sender_close_failed", provider=sender_name(sender), error=repr(result)
                )


def build_mail_sender(config: Config, *, pool_size: int = 2) -> MailSender:
    """Resend when ``RESEND_API_KEY`` is set, SMTP when one is configured, both chained.

    ``pool_size`` bounds the SMTP connections kept open (campaign senders ask for more)."""
    senders: list[MailSender] = []
    if config.resend_api_key:
        senders.append(ResendMailSender(config.resend_api_key, config.resend_api_base))
    smtp = config.smtp
    if smtp is not None:
        senders.append(SmtpMailSender(smtp, pool_size=pool_size))
    if not senders:
        raise MailNotConfigured(
            "no mail transport is configured: set RESEND_API_KEY or SMTP_URL "
            "(outside production the local mail sink is used)"
        )
    if len(senders) == 1:
        return senders[0]
    return FallbackMailSender(senders)
