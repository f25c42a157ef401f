"""Campaign content → one message per recipient.

The content snapshot is compiled once per campaign into a list of literal pieces and slots
(merge tags, tracked links, the unsubscribe URL, the open pixel); rendering a recipient only
joins strings, so the cost per message stays flat however long the newsletter is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from server.tracking import tokens

MERGE_TAGS = ("first_name", "last_name", "email", "full_name")
_MERGE = re.compile(r"\{\{\s*(" + "|".join(MERGE_TAGS) + r")\s*\}\}")
_HREF = re.compile(r'href="(https?://[^"]+)"', re.IGNORECASE)
_UNSUB_SLOT = "\x00unsubscribe\x00"
_PIXEL_SLOT = "\x00pixel\x00"


@dataclass(frozen=True)
class RecipientContext:
    recipient_id: int
    email: str
    first_name: str = ""
    last_name: str = ""

    def value(self, tag: str) -> str:
        if tag == "full_name":
            return f"{self.first_name} {self.last_name}".strip()
        return str(getattr(self, tag))


Piece = str | Callable[[RecipientContext], str]


@dataclass
class PreparedContent:
    html_pieces: list[Piece] = field(default_factory=list)
    text_pieces: list[Piece] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def render(self, ctx: RecipientContext) -> tuple[str, str]:
        """(HTML, text) for one recipient."""
        return _join(self.html_pieces, ctx), _join(self.text_pieces, ctx)


def _join(pieces: list[Piece], ctx: RecipientContext) -> str:
    return "".join(p if isinstance(p, str) else p(ctx) for p in pieces)


def _merge_slot(tag: str, *, escape: bool) -> Callable[[RecipientContext], str]:
    def value(ctx: RecipientContext) -> str:
        raw = ctx.value(tag)
        return html.escape(raw) if escape else raw

    return value


def _click_slot(index: int) -> Callable[[RecipientContext], str]:
    def url(ctx: RecipientContext) -> str:
        return html.escape(tokens.click_url(ctx.recipient_id, index))

    return url


def _merge_pieces(text: str, *, escape: bool) -> list[Piece]:
    pieces: list[Piece] = []
    pos = 0
    for match in _MERGE.finditer(text):
        pieces.append(text[pos : match.start()])
        tag = match.group(1)
        pieces.append(_merge_slot(tag, escape=escape))
        pos = match.end()
    pieces.append(text[pos:])
    return pieces


def _slots(text: str, *, escape: bool, links: list[str]) -> list[Piece]:
    """Split on links (HTML only), the unsubscribe and pixel slots, and merge tags."""
    pieces: list[Piece] = []
    pattern = re.compile(
        (_HREF.pattern + "|" if escape else "")
        + re.escape(_UNSUB_SLOT)
        + "|"
        + re.escape(_PIXEL_SLOT),
        re.IGNORECASE,
    )
    pos = 0
    for match in pattern.finditer(text):
        pieces.extend(_merge_pieces(text[pos : match.start()], escape=escape))
        token = match.group(0)
        if token == _UNSUB_SLOT:
            pieces.append(lambda ctx: tokens.unsubscribe_url(ctx.recipient_id))
        elif token == _PIXEL_SLOT:
            pieces.append(lambda ctx: html.escape(tokens.open_url(ctx.recipient_id)))
        else:
            index = len(links)
            links.append(html.unescape(match.group(1)))
            pieces.append('href="')
            pieces.append(_click_slot(index))
            pieces.append('"')
        pos = match.end()
    pieces.extend(_merge_pieces(text[pos:], escape=escape))
    return [p for p in pieces if p != ""]


def content_has_footer(content: dict[str, Any]) -> bool:
    footer = content.get("footer")
    return isinstance(footer, dict) and bool(footer.get("postal_address"))


def prepare(content: dict[str, Any], *, preheader: str = "") -> PreparedContent:
    """Compile a content snapshot: ``{"sections": [{"heading", "html", "text"}], "footer":
    {"postal_address"}}``."""
    sections = content.get("sections") or []
    footer = content.get("footer") or {}
    address = str(footer.get("postal_address") or "")
    body_html: list[str] = []
    body_text: list[str] = []
    for section in sections:
        heading = str(section.get("heading") or "")
        if heading:
            body_html.append(f"<h2>{html.escape(heading)}</h2>")
            body_text.append(heading.upper())
        body_html.append(str(section.get("html") or ""))
        body_text.append(str(section.get("text") or section.get("body") or ""))
    hidden = (
        f'<div style="display:none;max-height:0;overflow:hidden">{html.escape(preheader)}</div>'
        if preheader
        else ""
    )
    page = (
        '<!doctype html><html><head><meta charset="utf-8"></head><body>'
        f"{hidden}<main>{''.join(body_html)}</main>"
        '<footer style="color:#666;font-size:12px">'
        f"<p>{html.escape(address)}</p>"
        f'<p><a href="{_UNSUB_SLOT}">Unsubscribe</a></p></footer>'
        f'<img src="{_PIXEL_SLOT}" width="1" height="1" alt="">'
        "</body></html>"
    )
    text = "\n\n".join(body_text) + f"\n\n--\n{address}\nUnsubscribe: {_UNSUB_SLOT}\n"
    links: list[str] = []
    html_pieces = _slots(page, escape=True, links=links)
    text_pieces = _slots(text, escape=False, links=[])
    return PreparedContent(html_pieces=html_pieces, text_pieces=text_pieces, links=links)
