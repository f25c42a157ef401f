"""Reading the dev mailbox the sink writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from server.mail.mailbox import (
    ENVELOPE_TO_HEADER,
    InvalidMailboxId,
    clear,
    get_message,
    list_messages,
    store_message,
)
from server.mail.message import OutgoingMessage, render_mime


def store(mailbox_dir: Path, subject: str, **overrides: Any) -> str:
    fields: dict[str, Any] = {
        "to": ["Reader <reader@example.com>"],
        "from_": "Inkwell <news@inkwell.test>",
        "subject": subject,
        "text": f"text of {subject}",
    }
    fields.update(overrides)
    msg = OutgoingMessage(**fields)
    rcpts = [*msg.envelope_recipients, "hidden@example.org"]
    path = store_message(mailbox_dir, "news@inkwell.test", rcpts, render_mime(msg))
    return path.stem


def test_store_writes_one_eml_file_and_no_leftovers(mailbox_dir: Path) -> None:
    message_id = store(mailbox_dir, "first")

    files = sorted(p.name for p in mailbox_dir.iterdir())
    assert files == [f"{message_id}.eml"]
    raw = (mailbox_dir / files[0]).read_bytes()
    # Envelope first, so the file is still a valid message with them as headers.
    assert raw.startswith(
        b"X-Inkwell-Envelope-From: <news@inkwell.test>\r\n"
        b"X-Inkwell-Envelope-To: <reader@example.com>,\r\n <hidden@example.org>\r\n"
    )


def test_lists_newest_first_and_honours_the_limit(mailbox_dir: Path) -> None:
    ids = [store(mailbox_dir, f"message {n}") for n in range(3)]

    everything = list_messages(mailbox_dir)
    newest_two = list_messages(mailbox_dir, limit=2)

    assert [m.id for m in everything] == list(reversed(ids))
    assert [m.subject for m in newest_two] == ["message 2", "message 1"]


def test_summary_fields(mailbox_dir: Path) -> None:
    store(mailbox_dir, "Grüße", html="<p>hi</p>")
    store(mailbox_dir, "plain only")

    plain, rich = list_messages(mailbox_dir)

    assert rich.subject == "Grüße"
    assert rich.from_ == "Inkwell <news@inkwell.test>"
    assert rich.to == "Reader <reader@example.com>"
    assert rich.has_html is True
    assert plain.has_html is False
    assert rich.envelope_to == ["reader@example.com", "hidden@example.org"]
    assert rich.date.tzinfo is not None
    assert abs(datetime.now(UTC) - rich.date) < timedelta(minutes=1)
    assert rich.model_dump(by_alias=True)["from"] == "Inkwell <news@inkwell.test>"


def test_get_message_returns_bodies_and_headers(mailbox_dir: Path) -> None:
    message_id = store(
        mailbox_dir,
        "Issue",
        text="Hello text",
        html="<p>Hello <b>HTML</b></p>",
        headers={"List-Unsubscribe": "<https://inkwell.test/u/t>"},
    )

    found = get_message(mailbox_dir, message_id)

    assert found is not None
    assert found.id == message_id
    assert found.text is not None
    assert found.text.strip() == "Hello text"
    assert found.html is not None
    assert found.html.strip() == "<p>Hello <b>HTML</b></p>"
    headers = {h.name: h.value for h in found.headers}
    assert headers["Subject"] == "Issue"
    assert headers["List-Unsubscribe"] == "<https://inkwell.test/u/t>"
    assert headers[ENVELOPE_TO_HEADER] == "<reader@example.com>, <hidden@example.org>"


def test_text_only_message_has_no_html(mailbox_dir: Path) -> None:
    found = get_message(mailbox_dir, store(mailbox_dir, "plain"))

    assert found is not None
    assert found.html is None
    assert found.text is not None
    assert found.text.strip() == "text of plain"


def test_unknown_id_is_none(mailbox_dir: Path) -> None:
    store(mailbox_dir, "exists")

    assert get_message(mailbox_dir, "20990101T000000000000Z-deadbeef") is None


@pytest.mark.parametrize(
    "bad_id",
    ["../secret", "..", "a/b", "a\\b", "secret.eml", "", "%2e%2e", "x" * 129, "/etc/passwd", "é"],
)
def test_ids_that_could_escape_the_mailbox_are_rejected(
    mailbox_dir: Path, tmp_path: Path, bad_id: str
) -> None:
    store(mailbox_dir, "inside")
    (tmp_path / "secret.eml").write_bytes(b"Subject: outside\r\n\r\nnot yours\r\n")

    with pytest.raises(InvalidMailboxId):
        get_message(mailbox_dir, bad_id)


def test_clear_deletes_every_message(mailbox_dir: Path) -> None:
    for n in range(3):
        store(mailbox_dir, f"m{n}")

    assert clear(mailbox_dir) == 3
    assert list_messages(mailbox_dir) == []
    assert clear(mailbox_dir) == 0


def test_a_missing_mailbox_is_empty(tmp_path: Path) -> None:
    missing = tmp_path / "never-created"

    assert list_messages(missing) == []
    assert clear(missing) == 0
    assert get_message(missing, "abc") is None
