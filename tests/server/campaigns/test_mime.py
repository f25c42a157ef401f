"""The fast campaign MIME writer reads back exactly like ``build_mime``'s message."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formataddr

import pytest

from server.campaigns.mime import CampaignMime
from server.mail.message import InvalidMessage, OutgoingMessage, render_mime

PARSER = BytesParser(policy=policy.default)

CASES = [
    ("Ada", "ada@example.org", "Spring news for Ada"),
    ("Zoë Ünal", "zoe@example.org", "Frühling, für Zoë ✿"),
    ("O'Brien, Pat", "pat@example.org", "x" * 200),
    ("", "plain@example.org", "No name"),
    ("Dr. =?x?= Who", "who@example.org", "Dots and words"),
]
TEXT = "Hello Zoë,\n\nLine with = sign and trailing space \n" + "long " * 60 + "\n.\nEnd"
HTML = '<p style="color:#333">Hi <b>Zoë</b> = ✓</p>\n<a href="https://x.test/?a=1&amp;b=2">go</a>'


def _parsed(data: bytes) -> EmailMessage:
    message = PARSER.parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def _body(message: EmailMessage, kind: str) -> str:
    part = message.get_body(preferencelist=(kind,))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content


@pytest.mark.parametrize(("name", "address", "subject"), CASES)
def test_fast_message_matches_the_email_package(name: str, address: str, subject: str) -> None:
    mime = CampaignMime(
        from_="Inkwell News <news@inkwell.test>", reply_to="reply@inkwell.test", campaign_id="c1"
    )
    envelope_to, to = mime.to_header(name, address)
    assert envelope_to == address
    fast = mime.render(
        to=to,
        subject=mime.subject_header(subject),
        message_id="<c1.r1@inkwell.test>",
        unsubscribe_url="https://inkwell.test/u/abc.def",
        text=TEXT,
        html=HTML,
    )
    reference = render_mime(
        OutgoingMessage(
            to=[formataddr((name, address))],
            from_="Inkwell News <news@inkwell.test>",
            reply_to="reply@inkwell.test",
            subject=subject,
            text=TEXT,
            html=HTML,
            message_id="<c1.r1@inkwell.test>",
            headers={
                "List-Unsubscribe": "<https://inkwell.test/u/abc.def>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "X-Inkwell-Campaign": "c1",
            },
        )
    )
    ours, theirs = _parsed(fast), _parsed(reference)
    for header in (
        "From",
        "To",
        "Reply-To",
        "Subject",
        "Message-ID",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "X-Inkwell-Campaign",
        "MIME-Version",
    ):
        assert str(ours[header]) == str(theirs[header]), header
    assert ours.get_content_type() == "multipart/alternative"
    assert _body(ours, "plain") == _body(theirs, "plain")
    assert _body(ours, "html") == _body(theirs, "html")
    assert ours["Date"] is not None
    assert all(len(line) <= 998 for line in fast.split(b"\r\n"))
    assert fast.isascii()
    assert b"\n" not in fast.replace(b"\r\n", b"")


def test_header_injection_is_refused() -> None:
    mime = CampaignMime(from_="news@inkwell.test", reply_to=None, campaign_id="c1")
    with pytest.raises(InvalidMessage):
        mime.to_header("Eve\r\nBcc: all@example.org", "eve@example.org")
    with pytest.raises(InvalidMessage):
        mime.subject_header("Hi\r\nBcc: all@example.org")
    with pytest.raises(InvalidMessage):
        mime.to_header("", "not an address")
