"""The renderer: safe, well-formed HTML plus text, merge tags, and the footer that stays."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from pydantic import ValidationError

from server.message_templates.rendering import prepare_email, render_email
from server.message_templates.schemas import SECTIONS_ADAPTER

ADDRESS = "Inkwell Ltd\n1 Harbour Street\nBristol BS1 4XX"
UNSUBSCRIBE = "https://app.example/u/tok-123"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _Balance(HTMLParser):
    """Every element closed, in order; collects tags, attributes and text to inspect."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def sections(*body: dict[str, Any], footer: str = "") -> list[dict[str, Any]]:
    return [*body, {"id": "foot", "type": "footer", "text": footer}]


def render(secs: list[dict[str, Any]], **kwargs: Any) -> Any:
    options: dict[str, Any] = {
        "merge": {"first_name": "Grace"},
        "unsubscribe_url": UNSUBSCRIBE,
        "postal_address": ADDRESS,
    }
    options.update(kwargs)
    return render_email(secs, **options)


EVERY_BLOCK = sections(
    {"id": "h", "type": "heading", "text": "Hello {{ first_name }}", "level": 1},
    {
        "id": "t",
        "type": "text",
        "markdown": "Some **bold** text and a [link](https://example.com/a).\n\n1. one\n2. two",
    },
    {
        "id": "i",
        "type": "image",
        "src": "https://cdn.example.com/a.png",
        "alt": "A picture",
        "href": "https://example.com/pic",
    },
    {"id": "b", "type": "button", "label": "Read more", "href": "https://example.com/more"},
    {"id": "d", "type": "divider"},
    {
        "id": "c",
        "type": "columns",
        "columns": [
            {"blocks": [{"id": "c1", "type": "text", "markdown": "Left column"}]},
            {
                "blocks": [
                    {"id": "c2", "type": "button", "label": "Right", "href": "https://r.example"}
                ]
            },
        ],
    },
    footer="Thanks for reading.",
)


def test_every_block_renders_well_formed_html_with_inline_styles_and_text() -> None:
    email = render(EVERY_BLOCK)
    parsed = parse(email.html)
    assert email.html.startswith("<!DOCTYPE html>")
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("table") >= 4  # the layout is tables, as mail clients need
    heading = next(attrs for tag, attrs in parsed.tags if tag == "h1")
    assert "font-size: 28px" in (heading["style"] or "")  # css-inline moved the rule inline
    assert "@media" in email.html  # the phone layout survives inlining
    body = " ".join(parsed.text)
    for expected in ("Hello Grace", "bold", "Left column", "Read more", "Thanks for reading."):
        assert expected in body
    assert "Hello Grace" in email.text
    assert "Some bold text and a link (https://example.com/a)." in email.text
    assert "1. one\n2. two" in email.text
    assert "Read more: https://example.com/more" in email.text
    assert "[A picture] (https://example.com/pic)" in email.text


def test_unsubscribe_link_and_postal_address_are_always_there() -> None:
    email = render(sections({"id": "t", "type": "text", "markdown": "Only text"}))
    parsed = parse(email.html)
    hrefs = [attrs.get("href") for tag, attrs in parsed.tags if tag == "a"]
    assert UNSUBSCRIBE in hrefs
    for line in ADDRESS.splitlines():
        assert line in email.html
        assert line in email.text
    assert f"Unsubscribe: {UNSUBSCRIBE}" in email.text


def test_an_email_without_a_postal_address_cannot_be_rendered() -> None:
    with pytest.raises(ValueError, match="postal address"):
        render(sections({"id": "t", "type": "text", "markdown": "x"}), postal_address=" \n ")


@pytest.mark.parametrize(
    "bad",
    [
        [{"id": "t", "type": "text", "markdown": "no footer"}],
        sections({"id": "f2", "type": "footer"}),
        [{"id": "foot", "type": "footer"}, {"id": "t", "type": "text", "markdown": "after"}],
    ],
    ids=["missing", "two", "not-last"],
)
def test_sections_without_exactly_one_trailing_footer_cannot_be_rendered(
    bad: list[dict[str, Any]],
) -> None:
    with pytest.raises(ValidationError, match="footer"):
        render(bad)


def test_script_event_handlers_and_javascript_urls_never_reach_the_output() -> None:
    hostile = sections(
        {
            "id": "t",
            "type": "text",
            "markdown": (
                "<script>alert(1)</script> <img src=x onerror=alert(2)> "
                "[a](javascript:alert(3)) [b](JAVASCRIPT:alert(4)) [c](data:text/html,xx) "
                '<a href="javascript:alert(5)">d</a> [e](vbscript:msgbox)'
            ),
        },
        {"id": "h", "type": "heading", "text": "<script>alert(6)</script>"},
        footer="<iframe src=https://evil.example></iframe>",
    )
    email = render(hostile, merge={"first_name": "<script>alert(7)</script>"})
    parsed = parse(email.html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "iframe", "object", "embed"}
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:"))
    assert "<script" not in email.html.lower()


def test_unsafe_urls_in_blocks_are_rejected_by_validation() -> None:
    for block in (
        {"id": "b", "type": "button", "label": "x", "href": "javascript:alert(1)"},
        {"id": "i", "type": "image", "src": "data:image/png;base64,AAAA"},
        {"id": "i", "type": "image", "src": "https://ok.example/a.png", "href": "file:///etc"},
        {"id": "b", "type": "button", "label": "x", "href": "https://a b.example"},
    ):
        with pytest.raises(ValidationError):
            SECTIONS_ADAPTER.validate_python(sections(block))


def test_merge_tags_substitute_escape_and_fall_back() -> None:
    secs = sections(
        {
            "id": "t",
            "type": "text",
            "markdown": (
                "Hi {{ first_name | default(\"there\") }} / {{last_name|default('friend')}} / "
                "[{{ email }}] / {{ company | default }}."
            ),
        },
    )
    email = render(secs, merge={"first_name": "<b>Ann</b>", "last_name": "  ", "email": "a@b.c"})
    assert "Hi &lt;b&gt;Ann&lt;/b&gt; / friend / [a@b.c] / ." in email.html
    assert "Hi <b>Ann</b> / friend / [a@b.c] / ." in email.text
    nobody = render(secs, merge={})
    assert "Hi there / friend / [] / ." in nobody.text


def test_user_content_is_never_evaluated_as_a_template() -> None:
    secs = sections(
        {
            "id": "t",
            "type": "text",
            "markdown": "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %}",
        },
        {"id": "h", "type": "heading", "text": "{{ ''.__class__.__mro__ }} {{ cycler.__init__ }}"},
        {"id": "b", "type": "button", "label": "{{ config.items() }}", "href": "https://a.example"},
    )
    email = render(secs)
    for literal in (
        "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %}",
        "{{ ''.__class__.__mro__ }} {{ cycler.__init__ }}",
        "{{ config.items() }}",
    ):
        assert literal in email.text
    assert "{{ 7*7 }}" in email.html
    assert "49" not in email.text
    assert "looplooploop" not in email.text
    assert "<class" not in email.text


def test_links_are_rewritten_per_recipient_but_the_unsubscribe_link_is_not() -> None:
    seen: list[str] = []

    def rewrite(url: str) -> str:
        seen.append(url)
        return f"https://track.example/c?to={url}"

    email = render(
        sections(
            {"id": "t", "type": "text", "markdown": "[x](https://example.com/p?id={{ email }})"},
            {"id": "b", "type": "button", "label": "Go", "href": "https://example.com/go"},
        ),
        merge={"email": "a+b@x.org"},
        rewrite_link=rewrite,
        open_pixel_url="https://track.example/o/abc",
    )
    assert sorted(set(seen)) == ["https://example.com/go", "https://example.com/p?id=a%2Bb@x.org"]
    assert 'href="https://track.example/c?to=https://example.com/go"' in email.html
    assert f'href="{UNSUBSCRIBE}"' in email.html
    assert '<img src="https://track.example/o/abc" width="1" height="1"' in email.html
    assert "https://track.example/c?to=https://example.com/go" in email.text


def test_prepared_email_renders_each_recipient_without_leaking_between_them() -> None:
    prepared = prepare_email(
        sections(
            {"id": "h", "type": "heading", "text": 'Dear {{ first_name | default("reader") }}'}
        ),
        postal_address=ADDRESS,
        sender_name="The Weekly",
    )
    assert prepared.merge_names == {"first_name"}
    first = prepared.render(merge={"first_name": "Ada"}, unsubscribe_url="https://u/1")
    second = prepared.render(merge={}, unsubscribe_url="https://u/2")
    assert "Dear Ada" in first.html
    assert "https://u/1" in first.html
    assert "Dear reader" in second.html
    assert "https://u/2" in second.html
    assert "Ada" not in second.html
    assert "https://u/1" not in second.html
    # No placeholder survives into any output.
    for out in (first.html, first.text, second.html, second.text):
        assert not re.search(r"ZQ[0-9a-f]{12}Q\d+Z", out)


def test_merge_tags_inside_block_urls_are_validated_and_percent_encoded() -> None:
    secs = sections(
        {"id": "b", "type": "button", "label": "Manage {{ first_name }}",
         "href": "https://example.com/prefs?e={{ email | default(\"none\") }}"},
    )  # fmt: skip
    email = render(secs, merge={"first_name": "Zoë", "email": "z&o@x.org"})
    assert 'href="https://example.com/prefs?e=z%26o@x.org"' in email.html
    assert "Manage Zoë: https://example.com/prefs?e=z%26o@x.org" in email.text
    assert "e=none" in render(secs, merge={}).text
    with pytest.raises(ValidationError):
        SECTIONS_ADAPTER.validate_python(
            sections({"id": "b", "type": "button", "label": "x", "href": "{{ url }}"})
        )
