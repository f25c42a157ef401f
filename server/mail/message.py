"""What we send, what came of it, and how it can fail.

The value types and the error hierarchy live together here, below every
transport, so that validation can raise ``InvalidMessage`` and the SMTP and
Resend adapters can build ``SendResult`` without importing ``sender.py``
(which imports them for its factory).
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from server.core.config import get_config

# --- errors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RefusedRecipient:
    """A recipient the provider turned down, with its answer."""

    address: str
    code: int | None
    message: str


class MailError(Exception):
    """A message was not sent. ``transient`` says whether trying again later may work."""

    transient: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        transient: bool | None = None,
        refused: Sequence[RefusedRecipient] = (),
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        if transient is not None:
            self.transient = transient
        self.refused: list[RefusedRecipient] = list(refused)
        self.retry_after = retry_after


class MailTransientError(MailError):
    """4xx answers, rate limits, timeouts and dropped connections: retry later."""

    transient = True


class MailPermanentError(MailError):
    """5xx answers and rejected requests: retrying the same message will fail again."""

    transient = False


class InvalidMessage(MailPermanentError):
    """The message itself is unfit to send (bad address, header injection, ...)."""


def error_for_code(
    code: int | None,
    message: str,
    *,
    refused: Sequence[RefusedRecipient] = (),
    retry_after: float | None = None,
) -> MailError:
    """The error class an SMTP-style reply code calls for.

    Codes outside 4xx/5xx (a garbled reply, no reply at all) are treated as transient:
    the server did not tell us the message is unacceptable.
    """
    permanent = code is not None and 500 <= code < 600
    cls: type[MailError] = MailPermanentError if permanent else MailTransientError
    return cls(message, code=code, refused=refused, retry_after=retry_after)


# --- masking ----------------------------------------------------------------------------

_EMAIL_IN_TEXT = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def mask_email(address: str) -> str:
    """``alice@example.com`` -> ``a***@example.com``; logs must never hold full addresses."""
    _, addr_spec = email.utils.parseaddr(address)
    local, at, domain = (addr_spec or address).rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def mask_emails_in(text: str) -> str:
    """Mask every address inside free text such as a server's error reply."""
    return _EMAIL_IN_TEXT.sub(lambda m: mask_email(m.group(0)), text)


# --- addresses and headers --------------------------------------------------------------

_HEADER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
# Set by OutgoingMessage's own fields (or by MIME itself); letting an extra header
# repeat them would produce duplicate or contradictory headers.
_RESERVED_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "reply-to",
        "sender",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
    }
)


# CR and LF are the injection vector; the other controls (and the Unicode line
# separators) are refused too because str.splitlines() treats several of them as
# line ends and some relays rewrite them into real ones.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def one_line_header(value: str | None) -> str | None:
    """A pydantic validator for API fields that become a header (a 422 at the request, not a
    refusal when the message is built): no line breaks or other control characters."""
    if value is not None and _CONTROL_CHARS.search(value):
        raise ValueError("must be one line, without control characters")
    return value


def _reject_line_breaks(what: str, value: str) -> None:
    if _CONTROL_CHARS.search(value):
        raise InvalidMessage(f"{what} must not contain line breaks or control characters")


def parse_address(value: str, *, what: str = "address") -> Address:
    """One mailbox (``a@b.c`` or ``Name <a@b.c>``), validated, with an ASCII domain."""
    _reject_line_breaks(what, value)
    pairs = email.utils.getaddresses([value])
    if len(pairs) != 1 or not pairs[0][1]:
        raise InvalidMessage(f"{what} must be exactly one email address")
    display_name, addr_spec = pairs[0]
    try:
        parsed = Address(addr_spec=addr_spec)
    except (ValueError, IndexError, HeaderParseError) as exc:
        raise InvalidMessage(f"{what} is not a valid email address") from exc
    if not parsed.username or not parsed.domain or "." not in parsed.domain.strip("."):
        raise InvalidMessage(f"{what} is not a valid email address")
    try:
        # Internationalised domains go out as punycode so no hop needs SMTPUTF8.
        domain = parsed.domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidMessage(f"{what} has an invalid domain") from exc
    return Address(display_name=display_name, username=parsed.username, domain=domain)


def _normalize_message_id(value: str) -> str:
    _reject_line_breaks("message_id", value)
    inner = value.strip().removeprefix("<").removesuffix(">")
    left, at, right = inner.partition("@")
    if not left or not at or not right or any(c.isspace() or c in "<>" for c in inner):
        raise InvalidMessage("message_id must look like <unique@domain>")
    return f"<{inner}>"


# --- the message ------------------------------------------------------------------------


class OutgoingMessage(BaseModel):
    """One email to one or more recipients.

    Validation raises ``InvalidMessage`` (a permanent ``MailError``), not a pydantic
    ``ValidationError``, so a job that builds a message from user data can treat an
    unsendable message like any other permanent failure.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    to: list[str]
    from_: str | None = None
    subject: str
    text: str
    html: str | None = None
    reply_to: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    message_id: str | None = None

    @field_validator("message_id")
    @classmethod
    def _check_message_id(cls, value: str | None) -> str | None:
        return None if value is None else _normalize_message_id(value)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.to:
            raise InvalidMessage("a message needs at least one recipient")
        for address in self.to:
            parse_address(address, what="to")
        if self.from_ is not None:
            parse_address(self.from_, what="from")
        if self.reply_to is not None:
            parse_address(self.reply_to, what="reply_to")
        _reject_line_breaks("subject", self.subject)
        for name, value in self.headers.items():
            if not _HEADER_NAME.fullmatch(name):
                raise InvalidMessage("header names may hold only letters, digits and '-'")
            if name.lower() in _RESERVED_HEADERS:
                raise InvalidMessage(f"header {name} is set from the message's own fields")
            _reject_line_breaks(f"header {name}", value)
        return self

    def resolved(self, default_from: str | None = None) -> OutgoingMessage:
        """This message with ``from_`` and ``message_id`` filled in.

        Resolve once before trying several transports so every attempt carries the
        same Message-ID (the campaign tracking and any provider dedup rely on it).
        """
        from_ = self.from_ or default_from or get_config().mail_from
        message_id = self.message_id or email.utils.make_msgid(
            domain=parse_address(from_, what="from").domain
        )
        # Validated again on purpose: a message made with model_construct() skipped it,
        # and this is the last step before the message reaches a transport.
        return OutgoingMessage.model_validate(
            {**self.model_dump(), "from_": from_, "message_id": message_id}
        )

    @property
    def sender(self) -> Address:
        return parse_address(self.from_ or get_config().mail_from, what="from")

    @property
    def recipients(self) -> list[Address]:
        return [parse_address(a, what="to") for a in self.to]

    @property
    def envelope_recipients(self) -> list[str]:
        return [a.addr_spec for a in self.recipients]

    @property
    def masked_recipients(self) -> list[str]:
        return [mask_email(a) for a in self.envelope_recipients]


@dataclass(frozen=True)
class SendResult:
    """What a transport did with a message it (at least partly) accepted."""

    message_id: str
    provider: str
    accepted: list[str]
    refused: list[RefusedRecipient] = field(default_factory=list)
    # The provider's own id (Resend's email id) when it has one, for webhook matching.
    provider_message_id: str | None = None


# --- MIME -------------------------------------------------------------------------------

# Headers the standard folding handles well; everything else (Message-ID, List-*,
# X-*) is written on one line when it fits.
_FOLD_NORMALLY = frozenset(
    {"from", "to", "cc", "reply-to", "sender", "subject", "content-type", "content-disposition"}
)
_MAX_LINE = 998  # RFC 5322's hard limit; 78 is only a recommendation


class _MailPolicy(EmailPolicy):
    """``email.policy.SMTP`` with two changes.

    * Folding at 78 columns turns a long token, such as the URL in
      ``List-Unsubscribe: <https://.../u/<long token>>``, into RFC 2047 encoded-words,
      which mail clients do not decode in that header: one-click unsubscribe breaks.
      ASCII values of such headers are therefore kept on one line (up to 998 columns).
    * ``cte_type="7bit"`` makes non-ASCII bodies quoted-printable or base64, so the
      message is valid even over a server that does not offer 8BITMIME.
    """

    def _verbatim(self, name: str, value: str) -> str | None:
        text = str(value)
        line = f"{name}: {text}"
        if (
            name.lower() in _FOLD_NORMALLY
            or not text.isascii()
            or len(line) > _MAX_LINE
            or _CONTROL_CHARS.search(text)
        ):
            return None
        return line

    def fold(self, name: str, value: str) -> str:
        line = self._verbatim(name, value)
        if line is None:
            folded: str = super().fold(name, value)
            return folded
        return line + self.linesep

    def fold_binary(self, name: str, value: str) -> bytes:
        line = self._verbatim(name, value)
        if line is None:
            return super().fold_binary(name, value)
        return (line + self.linesep).encode("ascii")


MAIL_POLICY = _MailPolicy(linesep="\r\n", cte_type="7bit")


def build_mime(msg: OutgoingMessage, *, default_from: str | None = None) -> EmailMessage:
    """The RFC 5322 message: text/plain, or multipart/alternative when there is HTML."""
    resolved = msg.resolved(default_from)
    assert resolved.message_id is not None  # resolved() always sets it
    mime = EmailMessage(policy=MAIL_POLICY)
    mime["From"] = resolved.sender
    mime["To"] = resolved.recipients
    if resolved.reply_to is not None:
        mime["Reply-To"] = parse_address(resolved.reply_to, what="reply_to")
    mime["Subject"] = resolved.subject
    mime["Date"] = email.utils.format_datetime(datetime.now(UTC))
    mime["Message-ID"] = resolved.message_id
    for name, value in resolved.headers.items():
        mime[name] = value
    mime.set_content(resolved.text)
    if resolved.html is not None:
        mime.add_alternative(resolved.html, subtype="html")
    return mime


def render_mime(msg: OutgoingMessage, *, default_from: str | None = None) -> bytes:
    """The message as the bytes an SMTP DATA command carries."""
    return build_mime(msg, default_from=default_from).as_bytes(policy=MAIL_POLICY)
