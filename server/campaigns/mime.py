"""Campaign messages as SMTP bytes, fast.

``email``'s ``EmailMessage`` takes 3-5 ms to build and flatten one message (header parsing
through the header registry, pure-Python quoted-printable), which alone would cap a sender at
a few hundred messages a second. Every campaign message has the same shape
(multipart/alternative, text and HTML, UTF-8, quoted-printable), so the headers that are the
same for every recipient are built once with ``email`` itself (same encoding as all our other
mail) and each recipient only costs a few string joins and quoted-printable bodies. Most lines
of a rendered newsletter are the same for every recipient (only those with merge tags or
tracking links differ), so the bodies are encoded line by line through a cache: a line seen
before costs a dictionary lookup, a new one ``binascii.b2a_qp`` (C). Anything unusual (a
non-ASCII display name or subject) is encoded by ``email`` as well.
``tests/server/campaigns/test_mime.py`` checks that ``email``'s parser reads back exactly what
``server.mail.message.build_mime`` would have produced.
"""

from __future__ import annotations

import binascii
import email.utils
import functools
import re
import secrets
from datetime import UTC, datetime
from email.message import EmailMessage

from server.mail.message import MAIL_POLICY, InvalidMessage, parse_address

CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
# Display names written as they are: atext and spaces only (no ".", which needs quoting, and
# no "=" or "?", which could read as an RFC 2047 encoded word).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9 !#$%&'*+/^_`{|}~-]*")
# The shape almost every stored contact address has; anything else is parsed in full.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MAX_LINE = 998


def _header(name: str, value: object) -> bytes:
    """One header exactly as ``build_mime`` writes it (folding, RFC 2047 words)."""
    mime = EmailMessage(policy=MAIL_POLICY)
    mime[name] = value
    head, _, _ = mime.as_bytes(policy=MAIL_POLICY).partition(b"\r\n\r\n")
    return head + b"\r\n"


# Lines are cached up to this many bytes, and this many of them: at most about 9 MB per process
# whatever the content (a long line that differs per recipient, such as minified HTML with a
# tracking link, would otherwise fill the cache with one-off megabytes). A newsletter's text and
# HTML have about a hundred lines, so the cache holds those of many campaigns at once.
_QP_CACHED_LINE = 1024
_QP_CACHED_LINES = 2048


def _qp_line(line: bytes) -> bytes:
    # Quoted-printable keeps no state across a line break (soft breaks, trailing whitespace
    # and a lone "." are all decided within the line), so encoding each line with its break
    # gives the same bytes as encoding the whole text at once.
    return binascii.b2a_qp(line + b"\n", istext=True).replace(b"\n", b"\r\n")


_qp_line_cached = functools.lru_cache(maxsize=_QP_CACHED_LINES)(_qp_line)


def _qp(text: str) -> bytes:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Split on "\n" only: str.splitlines() would also break at form feeds and other characters
    # that quoted-printable leaves inside a line.
    lines = text.encode("utf-8").split(b"\n")
    # Every line is written with its break, the last one included, as email's set_content()
    # ends a body; the empty piece after a final break is no line.
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    if max(map(len, lines)) <= _QP_CACHED_LINE:
        return b"".join(map(_qp_line_cached, lines))
    return b"".join(
        [(_qp_line_cached if len(line) <= _QP_CACHED_LINE else _qp_line)(line) for line in lines]
    )


_date_cache: tuple[int, str] = (0, "")


def _date() -> str:
    """The Date header's value, formatted once per second (it has whole seconds)."""
    global _date_cache
    now = datetime.now(UTC)
    second = int(now.timestamp())
    if _date_cache[0] != second:
        _date_cache = (second, email.utils.format_datetime(now.replace(microsecond=0)))
    return _date_cache[1]


class CampaignMime:
    """Renders one campaign's messages; build once per sender."""

    def __init__(self, *, from_: str, reply_to: str | None, campaign_id: str) -> None:
        sender = parse_address(from_, what="from")
        self.envelope_from = sender.addr_spec
        fixed = _header("From", sender)
        if reply_to:
            fixed += _header("Reply-To", parse_address(reply_to, what="reply_to"))
        self.fixed = fixed
        self.boundary = f"===============inkwell{secrets.token_hex(12)}=="
        self.trailer = (
            f"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            f"X-Inkwell-Campaign: {campaign_id}\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"\r\n\r\n'
        ).encode("ascii")
        part = "--{b}\r\nContent-Type: text/{kind}; charset=\"utf-8\"\r\n" \
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"  # fmt: skip
        self.text_head = part.format(b=self.boundary, kind="plain").encode("ascii")
        self.html_head = b"\r\n" + part.format(b=self.boundary, kind="html").encode("ascii")
        self.end = f"\r\n--{self.boundary}--\r\n".encode("ascii")

    def to_header(self, name: str, address: str) -> tuple[str, bytes]:
        """(envelope address, To header); refuses anything that could inject a header."""
        plain_name = _PLAIN_NAME.fullmatch(name) is not None
        if plain_name and _PLAIN_ADDRESS.fullmatch(address) and len(address) <= 254:
            if name:
                return address, f"To: {name} <{address}>\r\n".encode("ascii")
            return address, f"To: {address}\r\n".encode("ascii")
        value = email.utils.formataddr((name, address)) if name else address
        parsed = parse_address(value, what="to")
        if not name:
            return parsed.addr_spec, _header("To", parsed.addr_spec)
        return parsed.addr_spec, _header("To", parsed)

    def subject_header(self, subject: str) -> bytes:
        if CONTROL.search(subject):
            raise InvalidMessage("subject must not contain line breaks or control characters")
        if subject.isascii() and len(subject) + 9 <= _MAX_LINE:
            return f"Subject: {subject}\r\n".encode("ascii")
        return _header("Subject", subject)

    def render(
        self,
        *,
        to: bytes,
        subject: bytes,
        message_id: str,
        unsubscribe_url: str,
        text: str,
        html: str,
    ) -> bytes:
        if CONTROL.search(message_id) or CONTROL.search(unsubscribe_url):
            raise InvalidMessage("header values must not contain control characters")
        date = _date()
        head = (
            f"Date: {date}\r\nMessage-ID: {message_id}\r\nList-Unsubscribe: <{unsubscribe_url}>\r\n"
        ).encode("ascii")
        return b"".join(
            (
                self.fixed,
                to,
                subject,
                head,
                self.trailer,
                self.text_head,
                _qp(text),
                self.html_head,
                _qp(html),
                self.end,
            )
        )
