"""Outgoing mail: the ``MailSender`` seam, its SMTP and Resend adapters, the dev sink.

Callers build an ``OutgoingMessage`` and hand it to the sender from
``build_mail_sender(config)``; ``MailError.transient`` tells a job whether to retry.
"""

from server.mail.message import (
    InvalidMessage,
    MailError,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    RefusedRecipient,
    SendResult,
    build_mime,
    mask_email,
)
from server.mail.sender import (
    FallbackMailSender,
    MailNotConfigured,
    MailSender,
    build_mail_sender,
)

__all__ = [
    "FallbackMailSender",
    "InvalidMessage",
    "MailError",
    "MailNotConfigured",
    "MailPermanentError",
    "MailSender",
    "MailTransientError",
    "OutgoingMessage",
    "RefusedRecipient",
    "SendResult",
    "build_mail_sender",
    "build_mime",
    "mask_email",
]
