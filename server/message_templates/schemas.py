"""Templates: typed section blocks, the theme, and the API's request and response bodies.

Sections are a discriminated union on ``type``. Every property is validated here, so the
renderer only ever sees well-formed blocks: URLs are http(s) (or mailto for links), colours
are hex, lengths are bounded. A template has exactly one footer, and it comes last: the
renderer puts the unsubscribe link and the sender's postal address there, so it cannot be
removed.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
)

from models.templates import TemplateStatus
from server.core.db import INT_MAX
from server.mail.message import one_line_header

MAX_SECTIONS = 60
MAX_TEXT = 20_000

# A merge tag: {{ name }}, {{ name | default }}, {{ name | default("x") }} or default('x').
# Nothing else between braces is special; the renderer substitutes only these.
MERGE_TAG = re.compile(
    r"\{\{\s*(?P<name>[A-Za-z_][A-Za-z0-9_]{0,63})\s*"
    r"(?:\|\s*default\s*(?:\(\s*(?:\"(?P<dq>[^\"\\\n{}]{0,200})\"|'(?P<sq>[^'\\\n{}]{0,200})')"
    r"\s*\))?\s*)?\}\}"
)


def _check_url(value: str, *, schemes: frozenset[str]) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes:
        raise ValueError(f"must be a {' or '.join(sorted(schemes))} URL")
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        raise ValueError("must be an absolute URL with a host")
    # Merge tags may sit inside a URL (their values are percent-encoded when sent).
    if any(ch.isspace() or ord(ch) < 32 for ch in MERGE_TAG.sub("", value)):
        raise ValueError("must not contain spaces or control characters")
    return value


def _link_url(value: str) -> str:
    return _check_url(value, schemes=frozenset({"http", "https", "mailto"}))


# Images we serve ourselves are stored as paths, so they follow PUBLIC_URL when it changes;
# the renderer makes them absolute.
MEDIA_PATH = re.compile(r"^/media/[A-Za-z0-9][A-Za-z0-9/_.-]{0,200}$")


def _image_url(value: str) -> str:
    if value.startswith("/"):
        if not MEDIA_PATH.match(value) or ".." in value:
            raise ValueError("must be an http(s) URL or one of our /media/ paths")
        return value
    return _check_url(value, schemes=frozenset({"http", "https"}))


LinkUrl = Annotated[str, Field(max_length=2000), AfterValidator(_link_url)]
ImageUrl = Annotated[str, Field(max_length=2000), AfterValidator(_image_url)]
HexColor = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
Align = Literal["left", "center", "right"]
SectionId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
FontFamily = Literal["sans", "serif", "mono", "rounded"]


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Stable per block, so the editor can reorder and diff; unique within a template.
    id: SectionId


class HeadingBlock(_Block):
    type: Literal["heading"] = "heading"
    text: str = Field(min_length=1, max_length=300)
    level: Literal[1, 2, 3] = 1
    align: Align = "left"


class TextBlock(_Block):
    """Markdown (no raw HTML); merge tags such as ``{{ first_name | default("there") }}``."""

    type: Literal["text"] = "text"
    markdown: str = Field(max_length=MAX_TEXT)
    align: Align = "left"


class ImageBlock(_Block):
    type: Literal["image"] = "image"
    src: ImageUrl
    alt: str = Field(default="", max_length=300)
    href: LinkUrl | None = None
    # Share of the content width, in percent.
    width: int = Field(default=100, ge=10, le=100)
    align: Align = "center"
    asset_id: UUID | None = None


class ButtonBlock(_Block):
    type: Literal["button"] = "button"
    label: str = Field(min_length=1, max_length=80)
    href: LinkUrl
    align: Align = "center"
    color: HexColor | None = None
    text_color: HexColor | None = None


class DividerBlock(_Block):
    type: Literal["divider"] = "divider"
    color: HexColor | None = None
    thickness: int = Field(default=1, ge=1, le=8)


ColumnBlock = Annotated[
    HeadingBlock | TextBlock | ImageBlock | ButtonBlock | DividerBlock,
    Field(discriminator="type"),
]


class Column(BaseModel):
    model_config = ConfigDict(extra="forbid")

    blocks: list[ColumnBlock] = Field(default_factory=list, max_length=10)


class ColumnsBlock(_Block):
    """Two or three columns side by side; they stack on narrow screens."""

    type: Literal["columns"] = "columns"
    columns: list[Column] = Field(min_length=2, max_length=3)


class FooterBlock(_Block):
    """Optional text above the parts every message carries: the sender's postal address and
    the unsubscribe link, which the renderer adds and no edit can take out."""

    type: Literal["footer"] = "footer"
    text: str = Field(default="", max_length=2000)
    align: Align = "center"


Section = Annotated[
    HeadingBlock | TextBlock | ImageBlock | ButtonBlock | DividerBlock | ColumnsBlock | FooterBlock,
    Field(discriminator="type"),
]


def _check_sections(sections: list[Section]) -> list[Section]:
    footers = [i for i, s in enumerate(sections) if isinstance(s, FooterBlock)]
    if len(footers) != 1:
        raise ValueError(
            "a template needs exactly one footer section (it carries the unsubscribe link "
            f"and the postal address); found {len(footers)}"
        )
    if footers[0] != len(sections) - 1:
        raise ValueError("the footer section must be the last section")
    seen: set[str] = set()
    for section in sections:
        ids = [section.id]
        if isinstance(section, ColumnsBlock):
            ids += [block.id for column in section.columns for block in column.blocks]
        for block_id in ids:
            if block_id in seen:
                raise ValueError(f"section id {block_id!r} is used twice")
            seen.add(block_id)
    return sections


Sections = Annotated[
    list[Section], Field(min_length=1, max_length=MAX_SECTIONS), AfterValidator(_check_sections)
]
SECTIONS_ADAPTER: TypeAdapter[list[Section]] = TypeAdapter(Sections)


class Theme(BaseModel):
    """Template-wide look; every value is constrained, so it is safe inside CSS."""

    model_config = ConfigDict(extra="forbid")

    background: HexColor = "#f4f4f5"
    content_background: HexColor = "#ffffff"
    text_color: HexColor = "#1f2933"
    heading_color: HexColor = "#111827"
    accent_color: HexColor = "#2563eb"
    muted_color: HexColor = "#6b7280"
    font: FontFamily = "sans"
    # The content column's width in pixels on wide screens.
    width: int = Field(default=600, ge=480, le=800)


def parse_sections(raw: list[dict[str, Any]]) -> list[Section]:
    """Stored JSON back to typed blocks (stored sections were validated when saved)."""
    return SECTIONS_ADAPTER.validate_python(raw)


def dump_sections(sections: list[Section]) -> list[dict[str, Any]]:
    dumped: list[dict[str, Any]] = SECTIONS_ADAPTER.dump_python(sections, mode="json")
    return dumped


# ---- API bodies -------------------------------------------------------------------------

Scope = Literal["marketplace", "mine"]


class TemplateQuery(BaseModel):
    scope: Scope = "mine"
    status: TemplateStatus | None = None
    category: str | None = Field(default=None, max_length=40)


class TemplateSummary(BaseModel):
    """A template in a list: everything but the sections."""

    id: UUID
    name: str
    description: str
    category: str
    is_pro: bool
    status: TemplateStatus
    version: int
    scope: Scope
    # Whether this workspace's plan lets it copy, edit and send the template.
    available: bool
    source_template_id: UUID | None
    # The chat thread whose draft this template was made from.
    source_thread_id: UUID | None
    created_at: datetime
    updated_at: datetime


class TemplateRead(TemplateSummary):
    sections: list[Section]
    theme: Theme


class TemplateList(BaseModel):
    items: list[TemplateSummary]


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value.strip() if value is not None else None


TemplateName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_not_blank)]


class TemplateCreate(BaseModel):
    """A new template in my templates: a copy of ``from_template_id``, or a blank one; with
    ``thread_id``, that chat thread's draft becomes its content (and, without ``name``, its
    subject the name)."""

    from_template_id: UUID | None = None
    thread_id: UUID | None = None
    name: TemplateName | None = None


class TemplateUpdate(BaseModel):
    """A save (autosave included); send ``If-Match: <version>``. Omitted fields stay."""

    name: TemplateName | None = None
    description: str | None = Field(default=None, max_length=2000)
    sections: Sections | None = None
    theme: Theme | None = None


class IfMatch(BaseModel):
    """The version a save started from, as returned in ``ETag``."""

    if_match: str | None = Field(
        default=None, max_length=50, description='The version the edit started from, e.g. "3".'
    )


class VersionSummary(BaseModel):
    version: int
    name: str
    created_at: datetime
    created_by: str | None
    restored_from: int | None
    current: bool


class VersionList(BaseModel):
    items: list[VersionSummary]


class VersionRead(VersionSummary):
    template_id: UUID
    sections: list[Section]
    theme: Theme


class PreviewRequest(BaseModel):
    """Unsaved content to preview, exactly as it would be sent."""

    sections: Sections
    theme: Theme = Field(default_factory=Theme)


class TestSendRequest(BaseModel):
    subject: str | None = Field(default=None, min_length=1, max_length=200)

    _subject = field_validator("subject")(one_line_header)


class TestSendResult(BaseModel):
    """The test message was queued to the caller's own address."""

    to: str
    message_id: str


class PreviewQuery(BaseModel):
    version: int | None = Field(default=None, ge=1, le=INT_MAX)
