"""Rendering, in one place for the preview, test sends and campaigns.

Sections → markdown (markdown-it, the ``js-default`` preset: raw HTML off, unsafe link
schemes refused) → ``nh3`` allow-list sanitizing → a Jinja layout for email clients (tables,
autoescaped) → ``css-inline`` → HTML, plus a plain-text part built from the same content.

Work is split so a campaign pays for that pipeline once:

- :func:`prepare_email` does all of it and leaves opaque placeholders where each recipient's
  values go (merge tags, links to rewrite for click tracking, the unsubscribe URL, the open
  pixel), then splits the output at them.
- :meth:`PreparedEmail.render` only joins strings, escaping each recipient's values.

Merge tags are ``{{ name }}`` or ``{{ name | default("fallback") }}``, recognised by a
regular expression and replaced by placeholders before any parsing. User content is never a
template: Jinja receives it as data, and anything else between braces (``{% ... %}``,
``{{ 7*7 }}``) stays literal text.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlsplit

import css_inline
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markdown_it import MarkdownIt
from markupsafe import Markup

from server.core.config import get_config
from server.message_templates.schemas import (
    MERGE_TAG,
    SECTIONS_ADAPTER,
    ButtonBlock,
    ColumnsBlock,
    DividerBlock,
    FooterBlock,
    HeadingBlock,
    ImageBlock,
    Section,
    TextBlock,
    Theme,
)

FONTS = {
    "sans": "'Helvetica Neue', Helvetica, Arial, sans-serif",
    "serif": "Georgia, 'Times New Roman', Times, serif",
    "mono": "Menlo, Consolas, 'Courier New', monospace",
    "rounded": "'Trebuchet MS', Verdana, sans-serif",
}

_MARKDOWN_TAGS = {
    "p", "br", "strong", "em", "b", "i", "s", "del", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "h1", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Sample values for previews: what a subscriber's message would look like.
SAMPLE_MERGE: Mapping[str, str] = {
    "first_name": "Alex",
    "last_name": "Morgan",
    "full_name": "Alex Morgan",
    "email": "alex.morgan@example.com",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class MergeSlot:
    name: str
    fallback: str


@dataclass(frozen=True, slots=True)
class LinkSlot:
    # The URL, split at merge tags (values are percent-encoded into it).
    parts: tuple[str | MergeSlot, ...]


@dataclass(frozen=True, slots=True)
class UnsubscribeSlot:
    pass


@dataclass(frozen=True, slots=True)
class PixelSlot:
    pass


Slot = MergeSlot | LinkSlot | UnsubscribeSlot | PixelSlot


@dataclass(frozen=True, slots=True)
class RenderedEmail:
    html: str
    text: str


@dataclass(frozen=True, slots=True)
class _Compiled:
    """Literal text interleaved with slots: ``literals[0] slot[0] literals[1] ...``."""

    literals: tuple[str, ...]
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class PreparedEmail:
    """A template laid out once; :meth:`render` fills in one recipient."""

    html_part: _Compiled
    text_part: _Compiled
    merge_names: frozenset[str]
    link_urls: tuple[str, ...]

    def render(
        self,
        *,
        merge: Mapping[str, str],
        unsubscribe_url: str,
        rewrite_link: Callable[[str], str] | None = None,
        open_pixel_url: str | None = None,
    ) -> RenderedEmail:
        links: dict[LinkSlot, str] = {}

        def link(slot: LinkSlot) -> str:
            found = links.get(slot)
            if found is None:
                url = "".join(
                    p if isinstance(p, str) else quote(_merge_value(p, merge), safe="@")
                    for p in slot.parts
                )
                found = links[slot] = rewrite_link(url) if rewrite_link is not None else url
            return found

        html_out = _fill(
            self.html_part,
            lambda s: _value(
                s, merge, unsubscribe_url, link, for_html=True, pixel_url=open_pixel_url
            ),
        )
        text_out = _fill(
            self.text_part, lambda s: _value(s, merge, unsubscribe_url, link, for_html=False)
        )
        return RenderedEmail(html=html_out, text=text_out)


def _merge_value(slot: MergeSlot, merge: Mapping[str, str]) -> str:
    value = merge.get(slot.name)
    if value is None or not str(value).strip():
        return slot.fallback
    return str(value)


def _value(
    slot: Slot,
    merge: Mapping[str, str],
    unsubscribe_url: str,
    link: Callable[[LinkSlot], str],
    *,
    for_html: bool,
    pixel_url: str | None = None,
) -> str:
    """One slot's value for one recipient: HTML-escaped for the HTML part, raw for text.
    The open pixel exists only in HTML."""
    if isinstance(slot, MergeSlot):
        value = _merge_value(slot, merge)
    elif isinstance(slot, LinkSlot):
        value = link(slot)
    elif isinstance(slot, UnsubscribeSlot):
        value = unsubscribe_url
    elif for_html and pixel_url is not None:
        return (
            f'<img src="{html.escape(pixel_url)}" width="1" height="1" alt="" '
            'style="display:block;width:1px;height:1px;border:0">'
        )
    else:
        return ""
    return html.escape(value) if for_html else value


def _fill(compiled: _Compiled, value: Callable[[Slot], str]) -> str:
    out = [compiled.literals[0]]
    for slot, literal in zip(compiled.slots, compiled.literals[1:], strict=True):
        out.append(value(slot))
        out.append(literal)
    return "".join(out)


class _Placeholders:
    """Opaque tokens for per-recipient values. Letters and digits only, so markdown, nh3,
    Jinja's escaping and css-inline all leave them alone; a random nonce per preparation
    keeps user text from forging one."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.slots: list[Slot] = []
        self._index: dict[Slot, int] = {}
        self.pattern = re.compile(rf"ZQ{self.nonce}Q(\d+)Z")

    def token(self, slot: Slot) -> str:
        index = self._index.get(slot)
        if index is None:
            index = self._index[slot] = len(self.slots)
            self.slots.append(slot)
        return f"ZQ{self.nonce}Q{index}Z"

    def merge_tags(self, text: str) -> str:
        """Merge tags in user text become placeholders; everything else stays text."""

        def replace(match: re.Match[str]) -> str:
            fallback = match.group("dq") or match.group("sq") or ""
            return self.token(MergeSlot(match.group("name"), fallback))

        return MERGE_TAG.sub(replace, text)

    def link(self, url: str) -> str:
        """A URL (already validated) to rewrite per recipient; its merge tags are kept."""
        tagged = self.merge_tags(url)
        parts: list[str | MergeSlot] = []
        for i, piece in enumerate(self.pattern.split(tagged)):
            if i % 2:
                slot = self.slots[int(piece)]
                assert isinstance(slot, MergeSlot)
                parts.append(slot)
            elif piece:
                parts.append(piece)
        return self.token(LinkSlot(tuple(parts)))

    def compile(self, text: str) -> _Compiled:
        pieces = self.pattern.split(text)
        return _Compiled(
            literals=tuple(pieces[0::2]),
            slots=tuple(self.slots[int(i)] for i in pieces[1::2]),
        )


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # js-default: markdown-it's default rules with raw HTML disabled.
    return MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=1)
def _layout() -> Template:
    from pathlib import Path

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "layout"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    return env.get_template("email.html.j2")


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    # @media rules stay in a <style> tag (they cannot be inlined); nothing is fetched.
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def _markdown_html(source: str, ph: _Placeholders) -> str:
    rendered = _markdown().render(ph.merge_tags(source))

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            scheme = urlsplit(value).scheme.lower()
            return ph.link(value) if scheme in _LINK_SCHEMES else None
        return value

    return nh3.clean(
        rendered,
        tags=_MARKDOWN_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=set(_LINK_SCHEMES),
        attribute_filter=keep,
        link_rel="noopener noreferrer",
    )


class _TextWriter(HTMLParser):
    """Sanitized markdown HTML to plain text: paragraphs, list bullets, ``label (url)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._href: list[str | None] = []
        self._link_text: list[str] = []
        self._lists: list[list[int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "h1", "h2", "h3", "h4", "blockquote", "pre", "table", "tr"):
            self._break()
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self._break()
            self._lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self.out.append("\n")
            marker = "- "
            if self._lists and self._lists[-1][0] >= 0:
                self._lists[-1][0] += 1
                marker = f"{self._lists[-1][0]}. "
            self.out.append("  " * max(len(self._lists) - 1, 0) + marker)
        elif tag == "a":
            self._href.append(dict(attrs).get("href"))
            self._link_text.append("")
        elif tag in ("td", "th"):
            self.out.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
            self._break()
        elif tag == "a" and self._href:
            href = self._href.pop()
            label = self._link_text.pop().strip()
            if href and href != label:
                self.out.append(f" ({href})" if label else href)
        elif tag in ("p", "h1", "h2", "h3", "h4", "blockquote", "pre"):
            self._break()

    def handle_data(self, data: str) -> None:
        if "\n" in data and not data.strip():
            # Source formatting between block tags, not text.
            return
        self.out.append(data)
        if self._link_text:
            self._link_text[-1] += data

    def _break(self) -> None:
        self.out.append("\n\n")

    def text(self) -> str:
        joined = "".join(self.out)
        lines = [line.rstrip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _plain(fragment: str) -> str:
    writer = _TextWriter()
    writer.feed(fragment)
    writer.close()
    return writer.text()


def _block_view(
    block: Section, theme: Theme, ph: _Placeholders, text: list[str], base_url: str
) -> dict[str, Any]:
    """What the layout needs for one block, and its plain-text lines appended to ``text``."""
    if isinstance(block, HeadingBlock):
        title = ph.merge_tags(block.text)
        text.append(title + "\n" + ("=" if block.level == 1 else "-") * min(len(block.text), 60))
        return {
            "type": "heading",
            "id": block.id,
            "text": title,
            "level": block.level,
            "align": block.align,
        }
    if isinstance(block, TextBlock):
        fragment = _markdown_html(block.markdown, ph)
        text.append(_plain(fragment))
        return {"type": "text", "id": block.id, "html": Markup(fragment), "align": block.align}  # noqa: S704 - nh3-sanitized
    if isinstance(block, ImageBlock):
        href = ph.link(block.href) if block.href else None
        alt = ph.merge_tags(block.alt)
        if alt or href:
            text.append(f"[{alt or 'image'}]" + (f" ({href})" if href else ""))
        pixels = round(theme.width * block.width / 100) - 64
        return {
            "type": "image",
            "id": block.id,
            "src": base_url + block.src if block.src.startswith("/") else block.src,
            "alt": alt,
            "href": href,
            "width": block.width,
            "pixels": max(pixels, 40),
            "align": block.align,
        }
    if isinstance(block, ButtonBlock):
        href = ph.link(block.href)
        label = ph.merge_tags(block.label)
        text.append(f"{label}: {href}")
        return {
            "type": "button",
            "id": block.id,
            "label": label,
            "href": href,
            "align": block.align,
            "color": block.color or theme.accent_color,
            "text_color": block.text_color or "#ffffff",
        }
    if isinstance(block, DividerBlock):
        text.append("-" * 40)
        return {
            "type": "divider",
            "id": block.id,
            "color": block.color or theme.muted_color,
            "thickness": block.thickness,
        }
    if isinstance(block, ColumnsBlock):
        columns = [
            [_block_view(inner, theme, ph, text, base_url) for inner in column.blocks]
            for column in block.columns
        ]
        return {"type": "columns", "id": block.id, "columns": columns}
    raise TypeError(f"no layout for {type(block).__name__}")


def prepare_email(
    sections: Sequence[Section] | Sequence[Mapping[str, Any]],
    *,
    postal_address: str,
    sender_name: str = "",
    theme: Theme | Mapping[str, Any] | None = None,
    title: str = "",
    preheader: str = "",
    base_url: str | None = None,
) -> PreparedEmail:
    """Lay out a template once; call :meth:`PreparedEmail.render` per recipient.

    ``sections`` may be typed blocks or their stored JSON (validated here either way, so a
    footer-less or malformed list cannot be rendered). Images stored as ``/media/...`` paths
    are made absolute with ``base_url`` (default: ``PUBLIC_URL``).
    """
    base = (base_url or get_config().effective_public_url).rstrip("/")
    blocks = SECTIONS_ADAPTER.validate_python(
        [s.model_dump() if not isinstance(s, Mapping) else s for s in sections]
    )
    look = theme if isinstance(theme, Theme) else Theme.model_validate(theme or {})
    ph = _Placeholders()
    text: list[str] = []
    views: list[dict[str, Any]] = []
    footer: FooterBlock | None = None
    for block in blocks:
        if isinstance(block, FooterBlock):
            footer = block
            continue
        views.append(_block_view(block, look, ph, text, base))
    assert footer is not None  # the sections validator insists on exactly one
    footer_html = _markdown_html(footer.text, ph) if footer.text.strip() else ""
    address_lines = [line.strip() for line in postal_address.splitlines() if line.strip()]
    if not address_lines:
        # Anti-spam law: no commercial email without the sender's postal address.
        raise ValueError("a postal address is required: every email's footer carries it")
    unsubscribe = ph.token(UnsubscribeSlot())

    laid_out = _layout().render(
        title=ph.merge_tags(title),
        preheader=ph.merge_tags(preheader),
        theme=look,
        font=Markup(FONTS[look.font]),  # noqa: S704 - our constant, quotes must survive
        blocks=views,
        footer={"align": footer.align, "html": Markup(footer_html)},  # noqa: S704 - nh3-sanitized
        sender_name=sender_name,
        address_lines=address_lines,
        unsubscribe=unsubscribe,
        pixel=Markup(ph.token(PixelSlot())),  # noqa: S704 - an alphanumeric placeholder
    )
    final_html = _inliner().inline(laid_out)

    footer_text = [_plain(footer_html)] if footer_html else []
    if sender_name:
        footer_text.append(sender_name)
    footer_text.append("\n".join(address_lines))
    footer_text.append(f"Unsubscribe: {unsubscribe}")
    body_text = "\n\n".join(t for t in [*text, "-" * 40, *footer_text] if t)
    return PreparedEmail(
        html_part=ph.compile(final_html),
        text_part=ph.compile(body_text + "\n"),
        merge_names=frozenset(s.name for s in ph.slots if isinstance(s, MergeSlot)),
        link_urls=tuple(
            "".join(p if isinstance(p, str) else f"{{{{ {p.name} }}}}" for p in s.parts)
            for s in ph.slots
            if isinstance(s, LinkSlot)
        ),
    )


def render_email(
    sections: Sequence[Section] | Sequence[Mapping[str, Any]],
    *,
    merge: Mapping[str, str],
    unsubscribe_url: str,
    postal_address: str,
    sender_name: str = "",
    theme: Theme | Mapping[str, Any] | None = None,
    title: str = "",
    preheader: str = "",
    base_url: str | None = None,
    rewrite_link: Callable[[str], str] | None = None,
    open_pixel_url: str | None = None,
) -> RenderedEmail:
    """One message in one call; for many recipients, prepare once and render each."""
    prepared = prepare_email(
        sections,
        postal_address=postal_address,
        sender_name=sender_name,
        theme=theme,
        title=title,
        preheader=preheader,
        base_url=base_url,
    )
    return prepared.render(
        merge=merge,
        unsubscribe_url=unsubscribe_url,
        rewrite_link=rewrite_link,
        open_pixel_url=open_pixel_url,
    )
