"""What a model's output must be before Inkwell stores or shows it.

Model output is untrusted input: it may be prose around the JSON, a code fence, a
truncated object, or text an attacker steered into the conversation (``<script>``,
``javascript:`` links, event-handler attributes). This module turns it into a validated
``Draft`` and renders section bodies to HTML that is safe to put in a page or an email.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Awaitable, Callable

import nh3
from pydantic import BaseModel, Field, ValidationError, field_validator

# ai_max_output_tokens (2000 by default) is about 8,000 characters; the cap leaves room for
# models that overshoot their token limit, while keeping a runaway reply out of storage.
MAX_REPLY_CHARS = 20_000

MAX_SUBJECT_CHARS = 200
MAX_PREHEADER_CHARS = 300
MAX_HEADING_CHARS = 200
MAX_BODY_CHARS = 5_000
MAX_SECTIONS = 12


class DraftSection(BaseModel):
    heading: str = Field(min_length=1, max_length=MAX_HEADING_CHARS)
    body: str = Field(max_length=MAX_BODY_CHARS)


# Control characters, line breaks among them (and the Unicode line separators).
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line: control characters and runs of whitespace become one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


class Draft(BaseModel):
    subject: str = Field(min_length=1, max_length=MAX_SUBJECT_CHARS)
    preheader: str = Field(max_length=MAX_PREHEADER_CHARS)
    sections: list[DraftSection] = Field(min_length=1, max_length=MAX_SECTIONS)

    @field_validator("subject", "preheader", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        # They become a message header and its preview line: a model's line break in one
        # would make every message of the campaign unsendable.
        return one_line(value) if isinstance(value, str) else value


_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.DOTALL)
# Parsing is attempted from at most this many "{" positions, so a hostile reply full of
# braces cannot make parsing quadratic in practice.
_MAX_PARSE_STARTS = 50


def _candidates(text: str) -> list[str]:
    """The fenced blocks first (models usually put the answer there), then the whole text."""
    found = [match.group(1) for match in _FENCE.finditer(text)]
    found.append(text)
    return found


def parse_draft(text: str) -> Draft | None:
    """The first JSON object in ``text`` that is a valid draft, or None.

    Tolerates code fences and prose before or after the object; does not try to fix
    broken JSON (that is what the one repair round-trip in ``parse_or_repair`` is for).
    """
    decoder = json.JSONDecoder()
    for candidate in _candidates(text[: MAX_REPLY_CHARS * 2]):
        starts = [m.start() for m in re.finditer(r"\{", candidate)][:_MAX_PARSE_STARTS]
        for start in starts:
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except json.JSONDecodeError:
                continue
            if not isinstance(value, dict):
                continue
            try:
                return Draft.model_validate(value)
            except ValidationError:
                continue
    return None


async def parse_or_repair(text: str, *, repair: Callable[[str], Awaitable[str]]) -> Draft | None:
    """Parse ``text``; if that fails, ask ``repair`` once (it receives the invalid output and
    returns the model's second answer) and parse that. None when both fail.

    Exactly one repair: a model that cannot produce the format twice in a row will not on a
    third try either, and every round-trip costs the user time and budget. Exceptions from
    ``repair`` (a provider failing) propagate to the caller.
    """
    draft = parse_draft(text)
    if draft is not None:
        return draft
    return parse_draft(await repair(text))


def cap_output(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return text[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # Only back up to a space within the last tenth; otherwise one long word would
    # swallow most of the allowed text.
    if space >= limit * 9 // 10:
        cut = cut[:space]
    return cut.rstrip() + "…"


_DANGEROUS_BLOCK = re.compile(
    r"<\s*(script|style|iframe|object|embed|template|svg|math)\b.*?(<\s*/\s*\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
# A tag starts with a letter or "/" right after "<", so "a < b" in prose survives.
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>?")
# URLs may hold one level of balanced parentheses, as in "javascript:alert(1)".
_URL = r"(?:[^()\s<>]|\([^()\s]*\))*"
_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?(" + _URL + r")>?(?:\s+\"[^\"]*\")?\s*\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _safe_url(url: str) -> bool:
    return url.lower().startswith(_SAFE_SCHEMES)


def sanitize_markdown(body: str) -> str:
    """Markdown with raw HTML, unsafe links and images, and control characters removed.

    The stored markdown may be rendered by other code than ``render_section_html`` (the
    client's editor, a plain-text email part), so it is cleaned at the source too; HTML
    rendering escapes and cleans again regardless.
    """
    text = _CONTROL.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))
    text = _DANGEROUS_BLOCK.sub("", text)
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_TAG.sub("", text)

    def link(match: re.Match[str]) -> str:
        bang, label, url = match.group(1), match.group(2), match.group(3)
        # Images are dropped: a remote image in a draft is a tracking pixel nobody chose.
        if bang:
            return label
        return match.group(0) if _safe_url(url) else label

    text = _MD_LINK.sub(link, text)
    return cap_output(text.strip(), MAX_BODY_CHARS)


_ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "a", "ul", "ol", "li", "h3", "h4", "blockquote"}
_INLINE = re.compile(
    r"\[(?P<label>[^\]]+)\]\((?P<url>" + _URL + r")\)"
    r"|`(?P<code>[^`]+)`"
    r"|\*\*(?P<bold>[^*]+)\*\*"
    r"|\*(?P<em>[^*\s][^*]*)\*"
    r"|(?<![\w])_(?P<em2>[^_\s][^_]*)_(?![\w])"
)


def _inline(text: str) -> str:
    """Inline markdown on already-escaped text: links, code, bold, italics."""

    def replace(match: re.Match[str]) -> str:
        if match.group("label") is not None:
            # The URL was escaped with the text; unescape for the check, nh3 re-escapes.
            url = html.unescape(match.group("url"))
            label = match.group("label")
            if not _safe_url(url):
                return label
            return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
        if match.group("code") is not None:
            return f"<code>{match.group('code')}</code>"
        if match.group("bold") is not None:
            return f"<strong>{match.group('bold')}</strong>"
        return f"<em>{match.group('em') or match.group('em2')}</em>"

    return _INLINE.sub(replace, text)


_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
# Matched after escaping, when ">" has become "&gt;".
_QUOTE = re.compile(r"^\s*&gt;\s?(.*)$")


def _kind(line: str) -> str:
    for name, pattern in (
        ("ul", _BULLET),
        ("ol", _NUMBERED),
        ("quote", _QUOTE),
        ("heading", _HEADING),
    ):
        if pattern.match(line):
            return name
    return "p"


def _item(pattern: re.Pattern[str], line: str) -> str:
    match = pattern.match(line)
    return _inline(match.group(1) if match else line.strip())


def _render_run(kind: str, lines: list[str]) -> str:
    if kind in ("ul", "ol"):
        pattern = _BULLET if kind == "ul" else _NUMBERED
        return f"<{kind}>" + "".join(f"<li>{_item(pattern, x)}</li>" for x in lines) + f"</{kind}>"
    if kind == "quote":
        return (
            "<blockquote><p>" + "<br>".join(_item(_QUOTE, x) for x in lines) + "</p></blockquote>"
        )
    if kind == "heading":
        match = _HEADING.match(lines[0])
        assert match is not None
        # A section already has its own heading, so in-body headings sit below it.
        tag = "h3" if len(match.group(1)) <= 3 else "h4"
        return f"<{tag}>{_inline(match.group(2))}</{tag}>"
    return "<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>"


def _render_chunk(lines: list[str]) -> str:
    """One blank-line-separated chunk: consecutive lines of the same kind form one block."""
    out: list[str] = []
    run: list[str] = []
    run_kind = ""
    for line in lines:
        kind = _kind(line)
        if run and (kind != run_kind or kind == "heading"):
            out.append(_render_run(run_kind, run))
            run = []
        run_kind = kind
        run.append(line)
    if run:
        out.append(_render_run(run_kind, run))
    return "".join(out)


def render_section_html(body_markdown: str) -> str:
    """A section body (markdown) as HTML safe for a page or an email.

    A deliberately small markdown subset (paragraphs, lists, quotes, headings, links,
    emphasis, code): all text is HTML-escaped before any tag is produced, so raw HTML in
    the body is shown as text, never interpreted; then ``nh3`` (an allow-list sanitizer)
    removes anything outside a short tag list and every URL scheme except http, https and
    mailto, as a second, independent line of defence.
    """
    text = html.escape(sanitize_markdown(body_markdown), quote=False)
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(_render_chunk(lines))
    return nh3.clean(
        "".join(blocks),
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
