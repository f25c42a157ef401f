"""ResendMailSender against a local HTTP server that answers like Resend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from server.mail.message import MailError, MailPermanentError, MailTransientError, OutgoingMessage
from server.mail.resend import ResendMailSender
from tests.server.mail.conftest import RESEND_KEY, FakeResend, free_port


def message(**overrides: Any) -> OutgoingMessage:
    fields: dict[str, Any] = {
        "to": ["Reader <reader@example.com>"],
        "from_": "Inkwell <news@inkwell.test>",
        "subject": "Issue #1",
        "text": "Hello in text",
    }
    fields.update(overrides)
    return OutgoingMessage(**fields)


@pytest.fixture
async def sender(resend: FakeResend) -> AsyncIterator[ResendMailSender]:
    client = ResendMailSender(RESEND_KEY, resend.url + "/", timeout=5)
    yield client
    await client.close()


async def test_posts_the_message_the_way_resend_expects(
    sender: ResendMailSender, resend: FakeResend
) -> None:
    msg = message(
        html="<p>Hello in HTML</p>",
        reply_to="Editor <editor@example.com>",
        message_id="<c1.r1@inkwell.test>",
        headers={"List-Unsubscribe": "<https://inkwell.test/u/t>"},
    )

    result = await sender.send(msg)

    [request] = resend.requests
    assert request["headers"]["Authorization"] == f"Bearer {RESEND_KEY}"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["headers"]["Idempotency-Key"] == "c1.r1@inkwell.test"
    assert request["json"] == {
        "from": "Inkwell <news@inkwell.test>",
        "to": ["reader@example.com"],
        "subject": "Issue #1",
        "text": "Hello in text",
        "html": "<p>Hello in HTML</p>",
        "reply_to": "editor@example.com",
        "headers": {
            "Message-ID": "<c1.r1@inkwell.test>",
            "List-Unsubscribe": "<https://inkwell.test/u/t>",
        },
    }
    assert result.provider == "resend"
    assert result.message_id == "<c1.r1@inkwell.test>"
    assert result.accepted == ["reader@example.com"]
    assert result.provider_message_id is not None
    assert len(result.provider_message_id) == 36


async def test_text_only_messages_send_no_html_field(
    sender: ResendMailSender, resend: FakeResend
) -> None:
    result = await sender.send(message())

    body = resend.requests[0]["json"]
    assert "html" not in body
    assert "reply_to" not in body
    # The generated Message-ID travels with the request and comes back in the result.
    assert body["headers"]["Message-ID"] == result.message_id
    assert result.message_id.endswith("@inkwell.test>")


@pytest.mark.parametrize(
    ("status", "name", "headers", "cls", "retry_after"),
    [
        (429, "rate_limit_exceeded", {"Retry-After": "2"}, MailTransientError, 2.0),
        (429, "daily_quota_exceeded", {}, MailTransientError, None),
        (500, "internal_server_error", {}, MailTransientError, None),
        (503, "application_error", {}, MailTransientError, None),
        (409, "concurrent_idempotent_requests", {}, MailTransientError, None),
        (409, "invalid_idempotent_request", {}, MailPermanentError, None),
        (422, "invalid_from_address", {}, MailPermanentError, None),
        (403, "validation_error", {}, MailPermanentError, None),
        (400, "validation_error", {}, MailPermanentError, None),
    ],
)
async def test_error_answers_map_to_transient_or_permanent(
    sender: ResendMailSender,
    resend: FakeResend,
    status: int,
    name: str,
    headers: dict[str, str],
    cls: type[MailError],
    retry_after: float | None,
) -> None:
    resend.replies.append(
        (status, {"statusCode": status, "name": name, "message": "no, reader@example.com"}, headers)
    )

    with pytest.raises(MailError) as caught:
        await sender.send(message())

    assert type(caught.value) is cls
    assert caught.value.code == status
    assert caught.value.retry_after == retry_after
    assert name in str(caught.value)
    assert "reader@example.com" not in str(caught.value)


async def test_a_wrong_api_key_is_permanent(resend: FakeResend) -> None:
    sender = ResendMailSender("re_wrong", resend.url)
    try:
        with pytest.raises(MailPermanentError) as caught:
            await sender.send(message())
    finally:
        await sender.close()

    assert caught.value.code == 401
    assert "missing_api_key" in str(caught.value)


async def test_an_unreachable_api_is_transient() -> None:
    sender = ResendMailSender(RESEND_KEY, f"http://127.0.0.1:{free_port()}", timeout=2)
    try:
        with pytest.raises(MailTransientError):
            await sender.send(message())
    finally:
        await sender.close()


async def test_success_without_an_id_is_transient(
    sender: ResendMailSender, resend: FakeResend
) -> None:
    resend.replies.append((200, {"unexpected": True}, {}))

    with pytest.raises(MailTransientError) as caught:
        await sender.send(message())

    assert caught.value.code == 200


async def test_retries_reuse_the_idempotency_key(
    sender: ResendMailSender, resend: FakeResend
) -> None:
    resend.replies.append((500, {"statusCode": 500, "name": "application_error"}, {}))
    msg = message().resolved()

    with pytest.raises(MailTransientError):
        await sender.send(msg)
    await sender.send(msg)

    keys = [r["headers"]["Idempotency-Key"] for r in resend.requests]
    assert len(keys) == 2
    assert keys[0] == keys[1]


async def test_close_leaves_a_borrowed_client_open(resend: FakeResend) -> None:
    async with httpx.AsyncClient() as client:
        sender = ResendMailSender(RESEND_KEY, resend.url, client)
        await sender.send(message())
        await sender.close()

        assert not client.is_closed
        assert len(resend.requests) == 1
