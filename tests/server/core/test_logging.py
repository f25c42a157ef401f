"""Log lines carry the request id and never an email address or a secret."""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging

import pytest
import structlog
from structlog.contextvars import clear_contextvars

from server.core.logging import (
    bind_request_id,
    configure_logging,
    current_request_id,
    log_context,
    mask_text,
    new_request_id,
)


def test_mask_text_hides_emails_url_passwords_and_bearer_tokens() -> None:
    masked = mask_text(
        "user alice.smith@example.com via postgres://app:s3cret@db/x with Bearer abc.def"
    )
    assert "alice.smith" not in masked
    assert "a***@example.com" in masked
    assert "s3cret" not in masked
    assert "abc.def" not in masked


def test_request_id_accepts_sane_values_only() -> None:
    assert new_request_id("abc-123") == "abc-123"
    generated = new_request_id("bad id\nwith newline")
    assert generated != "bad id\nwith newline"
    assert len(generated) == 32


def test_json_log_line_is_masked_and_has_request_id(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(json=True, level="INFO")
    clear_contextvars()
    bind_request_id("rid-42")
    structlog.get_logger("test").info(
        "signup", email="bob@example.org", password="hunter2", note="mail carol@example.net"
    )
    logging.getLogger("thirdparty").warning("token for dave@example.com")
    lines = [json.loads(line) for line in capsys.readouterr().err.strip().splitlines()]
    first, second = lines[-2], lines[-1]
    assert first["request_id"] == "rid-42"
    assert first["email"] == "b***@example.org"
    assert first["password"] == "***"
    assert "carol" not in first["note"]
    assert second["request_id"] == "rid-42"
    assert "dave@" not in second["event"]
    assert current_request_id() == "rid-42"
    clear_contextvars()


_HELD = contextvars.ContextVar[str | None]("_HELD", default=None)


async def test_a_log_context_carries_the_request_id_and_nothing_else() -> None:
    """What a task sent from inside a transaction runs in: its log lines name the request,
    and the transaction (here a stand-in context variable) stays behind."""
    clear_contextvars()
    bind_request_id("req-42")
    _HELD.set("the open transaction")

    def seen() -> tuple[str | None, str | None]:
        return current_request_id(), _HELD.get()

    async def in_task() -> tuple[str | None, str | None]:
        return seen()

    try:
        assert await asyncio.create_task(in_task(), context=log_context()) == ("req-42", None)
        assert seen() == ("req-42", "the open transaction")
    finally:
        clear_contextvars()
        _HELD.set(None)
