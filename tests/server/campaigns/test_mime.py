"""The fast campaign MIME writer reads back exactly like ``build_mime``'s message."""

from __future__ import annotations

import binascii
import random
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formataddr

import pytest

from server.campaigns import rendering
from server.campaigns.mime import CampaignMime, _qp
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


def _whole_qp(text: str) -> bytes:
    """A body encoded in one ``b2a_qp`` call over the whole text, what the cached
    line-by-line encoding must equal byte for byte."""
    if not text.endswith("\n"):
        text += "\n"
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return binascii.b2a_qp(data, istext=True).replace(b"\n", b"\r\n")


# What decides quoted-printable's output around a line: whitespace before the break, "=",
# a lone ".", bytes above 126, control characters (form feed, NEL and the Unicode separators
# are line breaks to str.splitlines() but not to quoted-printable), lines near and past the
# 76-character soft break, and lines past the cache's length limit.
_PIECES = ["word", "Zoë", "✓", "😀", "=", "==3D", ".", "From ", " ", "\t", "\x0c", "\x00", "\x85",
           "\u2028", "<a href=\"https://x.test/?a=1&amp;b=2\">"]  # fmt: skip


def _random_line(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.1:
        return ""
    if shape < 0.2:
        return rng.choice([".", " ", "\t", "From the editor", ". ", "=", "x" * rng.randint(70, 80)])
    length = rng.choice([rng.randint(1, 12), rng.randint(20, 90), rng.randint(200, 1300)])
    line = "".join(rng.choice(_PIECES) for _ in range(length // 3 + 1))
    if rng.random() < 0.3:
        line += rng.choice([" ", "\t", "  ", " \t", "= "])
    return line


def test_cached_line_encoding_equals_encoding_the_whole_text() -> None:
    rng = random.Random(20240517)
    # A small pool of lines, so most texts repeat lines (answered by the cache) among new ones.
    pool = [_random_line(rng) for _ in range(300)]
    for _ in range(3000):
        lines = [rng.choice(pool) if rng.random() < 0.7 else _random_line(rng)
                 for _ in range(rng.randint(0, 25))]  # fmt: skip
        breaks = [rng.choice(["\n", "\n", "\n", "\r\n", "\r"]) for _ in lines]
        text = "".join(line + brk for line, brk in zip(lines, breaks, strict=True))
        if lines and rng.random() < 0.4:
            text = text.removesuffix(breaks[-1])
        assert _qp(text) == _whole_qp(text), repr(text)


def test_rendered_campaigns_encode_as_the_whole_text() -> None:
    from server.message_templates.catalog import CATALOG

    for entry in CATALOG:
        prepared = rendering.prepare(
            {
                "sections": entry["sections"],
                "theme": entry.get("theme"),
                "postal_address": "1 Harbour Street\nBristol BS1 4XX",
                "sender_name": "The Harbour Post",
            },
            title="News for {{ first_name }}",
            preheader="This month",
        )
        for i, name in enumerate(["Ada", "Zoë", "", "O'Brien"]):
            ctx = rendering.RecipientContext(
                recipient_id=1000 + i, email=f"reader{i}@example.org", first_name=name
            )
            rendered = prepared.render(ctx)
            assert _qp(rendered.text) == _whole_qp(rendered.text), entry["slug"]
            assert _qp(rendered.html) == _whole_qp(rendered.html), entry["slug"]
