"""The dev mailbox on disk: one ``.eml`` file per message the sink received.

The sink writes with ``store_message`` and the dev pages read with the rest, so the
file format (name, envelope headers) is defined in this one place.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import cast

from pydantic import BaseModel, Field

ENVELOPE_FROM_HEADER = "X-Inkwell-Envelope-From"
ENVELOPE_TO_HEADER = "X-Inkwell-Envelope-To"
SUFFIX = ".eml"
_ID = re.compile(r"[0-9A-Za-z_-]{1,128}")
_PARSER = BytesParser(policy=policy.default)


class InvalidMailboxId(ValueError):
    """An id that could name something outside the mailbox (``..``, ``/``, ...)."""


class MailboxSummary(BaseModel):
    id: str
    from_: str = Field(serialization_alias="from")
    to: str
    subject: str
    date: datetime
    has_html: bool
    envelope_to: list[str]


class MailboxHeader(BaseModel):
    name: str
    value: str


class MailboxMessage(MailboxSummary):
    text: str | None
    html: str | None
    headers: list[MailboxHeader]


def store_message(mailbox_dir: Path, mail_from: str, rcpt_tos: list[str], data: bytes) -> Path:
    """Write one received message; readers never see a half-written file."""
    mailbox_dir.mkdir(parents=True, exist_ok=True)
    # The timestamp first so that names sort by arrival; the uuid keeps them unique
    # across processes and messages within one microsecond.
    stem = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex}"
    newline = b"\r\n" if b"\r\n" in data[:4096] else b"\n"
    envelope = (
        f"{ENVELOPE_FROM_HEADER}: <{mail_from}>".encode()
        + newline
        + f"{ENVELOPE_TO_HEADER}: ".encode()
        + (b"," + newline + b" ").join(f"<{r}>".encode() for r in rcpt_tos)
        + newline
    )
    # A dot-file with another suffix: never listed, and on the same file system, so
    # os.replace is an atomic rename.
    tmp = mailbox_dir / f".{stem}.tmp"
    final = mailbox_dir / f"{stem}{SUFFIX}"
    try:
        with tmp.open("wb") as fh:
            fh.write(envelope)
            fh.write(data)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def _message_files(mailbox_dir: Path) -> list[Path]:
    try:
        names = [e.name for e in os.scandir(mailbox_dir) if e.name.endswith(SUFFIX)]
    except FileNotFoundError:
        return []
    return [mailbox_dir / n for n in sorted(names, reverse=True)]


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as fh:
        return _PARSER.parse(fh)


def _date(msg: EmailMessage, path: Path) -> datetime:
    raw = msg.get("Date")
    if raw:
        try:
            parsed = parsedate_to_datetime(str(raw))
        except (TypeError, ValueError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return parsed.astimezone(UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _summary_fields(path: Path, msg: EmailMessage) -> dict[str, object]:
    envelope_to = [addr for _, addr in getaddresses([str(msg.get(ENVELOPE_TO_HEADER, ""))])]
    return {
        "id": path.name.removesuffix(SUFFIX),
        "from_": str(msg.get("From", "")),
        "to": str(msg.get("To", "")),
        "subject": str(msg.get("Subject", "")),
        "date": _date(msg, path),
        "has_html": any(part.get_content_type() == "text/html" for part in msg.walk()),
        "envelope_to": [a for a in envelope_to if a],
    }


def list_messages(mailbox_dir: Path, limit: int = 100) -> list[MailboxSummary]:
    """The newest ``limit`` messages, newest first."""
    summaries: list[MailboxSummary] = []
    for path in _message_files(mailbox_dir)[: max(0, limit)]:
        try:
            msg = _parse(path)
        except FileNotFoundError:
            continue  # cleared between listing and reading
        summaries.append(MailboxSummary.model_validate(_summary_fields(path, msg)))
    return summaries


def _body(msg: EmailMessage, subtype: str) -> str | None:
    part = msg.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_type() != f"text/{subtype}":
        return None
    content = cast(EmailMessage, part).get_content()
    return content if isinstance(content, str) else None


def get_message(mailbox_dir: Path, message_id: str) -> MailboxMessage | None:
    """One message, parsed; ``None`` when there is no such message."""
    if not _ID.fullmatch(message_id):
        raise InvalidMailboxId(message_id)
    path = mailbox_dir / f"{message_id}{SUFFIX}"
    try:
        msg = _parse(path)
    except (FileNotFoundError, IsADirectoryError):
        return None
    return MailboxMessage.model_validate(
        {
            **_summary_fields(path, msg),
            "text": _body(msg, "plain"),
            "html": _body(msg, "html"),
            "headers": [{"name": k, "value": str(v)} for k, v in msg.items()],
        }
    )


def clear(mailbox_dir: Path) -> int:
    """Delete every message; returns how many were deleted."""
    deleted = 0
    for path in _message_files(mailbox_dir):
        try:
            path.unlink()
            deleted += 1
        except FileNotFoundError:
            pass
    return deleted
