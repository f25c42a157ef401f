"""Hostile or malformed model output in, a valid draft and safe HTML out."""

from __future__ import annotations

import json

import pytest

from agents.guardrails import (
    MAX_BODY_CHARS,
    MAX_REPLY_CHARS,
    Draft,
    cap_output,
    parse_draft,
    parse_or_repair,
    render_section_html,
    sanitize_markdown,
)

VALID = {
    "subject": "Autumn picks",
    "preheader": "Five books for long evenings",
    "sections": [{"heading": "Hello", "body": "Our **favourite** reads."}],
}


def test_parses_plain_fenced_and_wrapped_json() -> None:
    plain = json.dumps(VALID)
    assert parse_draft(plain) == Draft.model_validate(VALID)
    assert parse_draft(f"```json\n{plain}\n```") is not None
    assert parse_draft(f"Sure! Here is your draft:\n{plain}\nLet me know.") is not None
    # A stray brace before the object does not hide it.
    assert parse_draft("Use {curly} braces? " + plain) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Here is a newsletter about autumn.",
        '{"subject": "x", "preheader": "y", "sections": [',
        json.dumps({**VALID, "sections": []}),
        json.dumps({**VALID, "subject": "s" * 201}),
        json.dumps({**VALID, "sections": [{"heading": "h", "body": "b" * 5001}]}),
        json.dumps({**VALID, "sections": [{"heading": "h", "body": "b"}] * 13}),
        "[1, 2, 3]",
    ],
)
def test_rejects_what_is_not_a_valid_draft(text: str) -> None:
    assert parse_draft(text) is None


def test_a_subject_and_preheader_come_out_on_one_line() -> None:
    """A model's line break there would make every message of a campaign unsendable."""
    text = json.dumps(
        {
            **VALID,
            "subject": "Autumn\r\nBcc: everyone@example.com",
            "preheader": "  New \u2028 routes\t\x00and  dates ",
        }
    )
    draft = parse_draft(text)
    assert draft is not None
    assert draft.subject == "Autumn Bcc: everyone@example.com"
    assert draft.preheader == "New routes and dates"
    # Nothing but whitespace is not a subject.
    assert parse_draft(json.dumps({**VALID, "subject": "\r\n\t"})) is None


async def test_one_repair_then_success() -> None:
    calls: list[str] = []

    async def repair(bad: str) -> str:
        calls.append(bad)
        return json.dumps(VALID)

    draft = await parse_or_repair("Sorry, here it is in prose.", repair=repair)
    assert draft is not None
    assert draft.subject == "Autumn picks"
    assert calls == ["Sorry, here it is in prose."]


async def test_repair_failing_gives_none_after_exactly_one_attempt() -> None:
    calls: list[str] = []

    async def repair(bad: str) -> str:
        calls.append(bad)
        return "still not json"

    assert await parse_or_repair("nope", repair=repair) is None
    assert len(calls) == 1


async def test_valid_output_needs_no_repair() -> None:
    async def repair(bad: str) -> str:
        raise AssertionError("repair must not be called")

    assert await parse_or_repair(json.dumps(VALID), repair=repair) is not None


def test_script_tags_never_render() -> None:
    html = render_section_html("Hi <script>alert('x')</script> there\n\n<SCRIPT src=//e.vil>")
    assert "<script" not in html.lower()
    assert "alert" not in html
    assert html.startswith("<p>Hi")


def test_javascript_links_vanish() -> None:
    html = render_section_html(
        "[click](javascript:alert(1)) and [ok](https://example.com/a?b=1&c=2) "
        "[mail](mailto:hi@example.com) [data](data:text/html;base64,xx)"
    )
    assert "javascript" not in html
    assert "data:" not in html
    assert (
        '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">ok</a>'
        in html
    )
    assert 'href="mailto:hi@example.com"' in html
    assert "click" in html


def test_event_handler_attributes_and_raw_html_are_stripped() -> None:
    html = render_section_html('<img src=x onerror="alert(1)"> <a href="#" onclick=steal()>x</a>')
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<img" not in html


def test_markdown_subset_renders() -> None:
    html = render_section_html(
        "Intro with *emphasis* and `code`:\n- one\n- **two**\n\n## Later\n> quoted\n\n1. first"
    )
    assert html == (
        "<p>Intro with <em>emphasis</em> and <code>code</code>:</p>"
        "<ul><li>one</li><li><strong>two</strong></li></ul>"
        "<h3>Later</h3><blockquote><p>quoted</p></blockquote><ol><li>first</li></ol>"
    )


def test_text_that_looks_like_html_is_escaped() -> None:
    assert render_section_html("5 < 6 & 7 > 3") == "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"


def test_sanitize_markdown_keeps_text_drops_danger() -> None:
    cleaned = sanitize_markdown(
        "a < b\r\n<b onclick=x>bold</b> [bad](javascript:void(0)) ![pixel](https://t.example/p.gif)"
        " [good](https://example.com)\u200b<!-- hidden -->"
    )
    assert cleaned == "a < b\nbold bad pixel [good](https://example.com)"


def test_oversized_output_is_capped() -> None:
    huge = "word " * 10_000
    capped = cap_output(huge, MAX_REPLY_CHARS)
    assert len(capped) <= MAX_REPLY_CHARS
    assert capped.endswith("word…")
    assert cap_output("short", 100) == "short"
    assert len(sanitize_markdown("x" * 20_000)) <= MAX_BODY_CHARS
    assert len(cap_output("y" * 50, 10)) == 10
