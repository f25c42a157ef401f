"""OutgoingMessage validation and the MIME it becomes."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from typing import Any

import pytest

from server.core.config import get_config
from server.mail.message import (
    InvalidMessage,
    MailError,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    build_mime,
    error_for_code,
    mask_email,
    mask_emails_in,
    render_mime,
)

FROM = "Inkwell <news@inkwell.test>"


def parse(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def message(**overrides: Any) -> OutgoingMessage:
    fields: dict[str, Any] = {
        "to": ["reader@example.com"],
        "from_": FROM,
        "subject": "Hello",
        "text": "Plain body",
    }
    fields.update(overrides)
    return OutgoingMessage(**fields)


def test_text_only_message_is_a_single_text_part() -> None:
    mime = parse(render_mime(message()))

    assert mime.get_content_type() == "text/plain"
    assert mime.get_content().strip() == "Plain body"
    assert mime["From"] == FROM
    assert mime["To"] == "reader@example.com"
    assert mime["Date"]


def test_html_message_is_multipart_alternative_with_both_parts() -> None:
    mime = parse(render_mime(message(html="<p>Rich <b>body</b></p>")))

    assert mime.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in mime.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    text = mime.get_body(("plain",))
    html = mime.get_body(("html",))
    assert text is not None
    assert html is not None
    assert text.get_content().strip() == "Plain body"
    assert html.get_content().strip() == "<p>Rich <b>body</b></p>"


def test_build_mime_uses_the_smtp_policy_line_endings() -> None:
    raw = render_mime(message(html="<p>x</p>"))

    assert b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert build_mime(message()).policy.linesep == "\r\n"


def test_non_ascii_names_subject_and_body_are_encoded_for_any_server() -> None:
    msg = message(
        to=['"Zoë Ünïcode, Jr." <zoe@example.com>'],
        from_="Jöhn Dœ <john@example.com>",
        subject="Grüße aus Köln",
        text="Schöne Grüße",
        html="<p>Schöne Grüße</p>",
    )
    raw = render_mime(msg)

    # 7-bit clean: no server needs SMTPUTF8 or 8BITMIME to carry it.
    assert raw.isascii()
    mime = parse(raw)
    assert mime["Subject"] == "Grüße aus Köln"
    assert mime["From"].addresses[0].display_name == "Jöhn Dœ"
    assert mime["To"].addresses[0].display_name == "Zoë Ünïcode, Jr."
    assert mime["To"].addresses[0].addr_spec == "zoe@example.com"
    body = mime.get_body(("plain",))
    assert body is not None
    assert body.get_content().strip() == "Schöne Grüße"


def test_international_domain_goes_out_as_punycode() -> None:
    msg = message(to=["leser@bücher.de"])

    assert msg.envelope_recipients == ["leser@xn--bcher-kva.de"]
    assert parse(render_mime(msg))["To"] == "leser@xn--bcher-kva.de"


def test_message_id_is_generated_from_the_from_domain_and_stays_stable() -> None:
    resolved = message().resolved()

    assert resolved.message_id is not None
    assert resolved.message_id.startswith("<")
    assert resolved.message_id.endswith("@inkwell.test>")
    # Resolving again (as each transport in a fallback chain does) keeps the id.
    assert resolved.resolved().message_id == resolved.message_id
    assert parse(render_mime(resolved))["Message-ID"] == resolved.message_id


def test_given_message_id_is_kept_and_bracketed() -> None:
    msg = message(message_id="campaign-7.recipient-42@inkwell.test")

    assert msg.message_id == "<campaign-7.recipient-42@inkwell.test>"
    assert parse(render_mime(msg))["Message-ID"] == "<campaign-7.recipient-42@inkwell.test>"


def test_default_from_comes_from_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAIL_FROM", "Letters <letters@config.test>")
    get_config.cache_clear()
    try:
        resolved = message(from_=None).resolved()
    finally:
        get_config.cache_clear()

    assert resolved.from_ == "Letters <letters@config.test>"
    assert resolved.message_id is not None
    assert resolved.message_id.endswith("@config.test>")


def test_explicit_default_from_wins_over_config() -> None:
    resolved = message(from_=None).resolved("Other <other@elsewhere.test>")

    assert resolved.sender.addr_spec == "other@elsewhere.test"


def test_long_list_unsubscribe_stays_one_unencoded_line() -> None:
    url = "https://inkwell.test/u/" + "t0k3n" * 40
    msg = message(
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    raw = render_mime(msg)

    # Folding would turn it into =?utf-8?q?...?= words, which clients do not decode
    # in this header, and one-click unsubscribe would stop working.
    assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in raw
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
    assert parse(raw)["List-Unsubscribe"] == f"<{url}>"


def test_reply_to_is_set() -> None:
    mime = parse(render_mime(message(reply_to="Editor <editor@example.com>")))

    assert mime["Reply-To"] == "Editor <editor@example.com>"


INJECTIONS = ["x\r\nBcc: victim@example.com", "x\nBcc: victim@example.com", "x\rBcc: y", "x\x0bz"]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("field", ["subject", "to", "from_", "reply_to", "header_value"])
def test_header_injection_is_rejected(field: str, payload: str) -> None:
    cases: dict[str, dict[str, Any]] = {
        "subject": {"subject": payload},
        "to": {"to": [f"Reader {payload} <reader@example.com>"]},
        "from_": {"from_": f"reader@example.com{payload}"},
        "reply_to": {"reply_to": f"{payload} <r@example.com>"},
        "header_value": {"headers": {"X-Campaign": payload}},
    }

    with pytest.raises(InvalidMessage, match="line breaks"):
        message(**cases[field])


@pytest.mark.parametrize("name", ["X-Bad\r\nBcc", "X Bad", "X:Bad", "", "Ünï"])
def test_bad_header_names_are_rejected(name: str) -> None:
    with pytest.raises(InvalidMessage):
        message(headers={name: "value"})


@pytest.mark.parametrize("name", ["Bcc", "to", "Subject", "Message-ID", "Content-Type"])
def test_extra_headers_cannot_replace_the_messages_own(name: str) -> None:
    with pytest.raises(InvalidMessage, match="own fields"):
        message(headers={name: "someone@example.com"})


def test_injection_in_a_message_id_is_rejected() -> None:
    with pytest.raises(InvalidMessage):
        message(message_id="<a@b.test>\r\nBcc: victim@example.com")


def test_injection_through_a_job_payload_is_rejected() -> None:
    # Jobs rebuild messages from dicts; validation must hold on that path too.
    payload = {"to": ["r@example.com"], "subject": "Hi\r\nBcc: v@example.com", "text": "x"}

    with pytest.raises(InvalidMessage):
        OutgoingMessage.model_validate(payload)


@pytest.mark.parametrize(
    "address",
    [
        "not-an-address",
        "@example.com",
        "user@",
        "user@localhost",
        "a b@example.com",
        "one@example.com, two@example.com",
        "",
        "üser@example.com",
    ],
)
def test_invalid_addresses_are_rejected(address: str) -> None:
    with pytest.raises(InvalidMessage):
        message(to=[address])


def test_a_message_needs_a_recipient() -> None:
    with pytest.raises(InvalidMessage, match="recipient"):
        message(to=[])


def test_invalid_message_is_a_permanent_mail_error() -> None:
    with pytest.raises(MailError) as caught:
        message(subject="a\nb")

    assert caught.value.transient is False
    assert isinstance(caught.value, MailPermanentError)


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("alice@example.com", "a***@example.com"),
        ("Alice Liddell <alice@example.com>", "a***@example.com"),
        ("x@y.test", "x***@y.test"),
        ("nonsense", "***"),
    ],
)
def test_mask_email(address: str, masked: str) -> None:
    assert mask_email(address) == masked


def test_mask_emails_in_free_text() -> None:
    text = "550 5.1.1 <bob.smith@example.com>: no such user (also carol@ex.org)"

    masked = mask_emails_in(text)

    assert "bob.smith@" not in masked
    assert "carol@" not in masked
    assert "b***@example.com" in masked
    assert "c***@ex.org" in masked


def test_masked_recipients_never_hold_the_local_part() -> None:
    msg = message(to=["Reader <reader@example.com>", "other@example.org"])

    assert msg.masked_recipients == ["r***@example.com", "o***@example.org"]


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (421, MailTransientError),
        (451, MailTransientError),
        (550, MailPermanentError),
        (554, MailPermanentError),
        (None, MailTransientError),
        (-1, MailTransientError),
    ],
)
def test_error_for_code(code: int | None, cls: type[MailError]) -> None:
    error = error_for_code(code, "reply")

    assert type(error) is cls
    assert error.code == code
    assert error.transient is (cls is MailTransientError)
