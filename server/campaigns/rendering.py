"""Campaign content → one message per recipient, through the templates renderer.

A campaign keeps a snapshot of its content (the template version's sections and theme, or
sections made from a chat draft, plus the sender name and postal address at that moment), so
editing the template later never changes a campaign that went out. The snapshot is laid out
once per sender (``prepare``); each recipient only costs the join of the pieces with their
merge values and signed tracking URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from server.message_templates.rendering import PreparedEmail, RenderedEmail, prepare_email
from server.message_templates.schemas import MERGE_TAG
from server.tracking import tokens


@dataclass(frozen=True)
class RecipientContext:
    recipient_id: int
    email: str
    first_name: str = ""
    last_name: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def merge(self) -> dict[str, str]:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "full_name": self.full_name,
            "email": self.email,
        }


@dataclass(frozen=True)
class PreparedContent:
    email: PreparedEmail

    def render(self, ctx: RecipientContext, *, unsubscribe_url: str | None = None) -> RenderedEmail:
        """One recipient's message; pass ``unsubscribe_url`` when the caller already signed it
        (for the List-Unsubscribe header), so it is not signed twice."""
        rid = ctx.recipient_id

        def track(url: str) -> str:
            # mailto: links stay as they are; only web links go through the redirect.
            return tokens.click_url(rid, url) if url.lower().startswith("http") else url

        return self.email.render(
            merge=ctx.merge(),
            unsubscribe_url=unsubscribe_url or tokens.unsubscribe_url(rid),
            rewrite_link=track,
            open_pixel_url=tokens.open_url(rid),
        )


def merge_text(text: str, ctx: RecipientContext) -> str:
    """Merge tags in plain text (the subject): ``{{ first_name | default("there") }}``."""
    if "{{" not in text:
        return text
    values = ctx.merge()

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group("name"), "").strip()
        return found or match.group("dq") or match.group("sq") or ""

    return MERGE_TAG.sub(value, text)


def content_has_footer(content: dict[str, Any]) -> bool:
    sections = content.get("sections")
    if not isinstance(sections, list):
        return False
    footers = [s for s in sections if isinstance(s, dict) and s.get("type") == "footer"]
    return len(footers) == 1


def prepare(content: dict[str, Any], *, title: str = "", preheader: str = "") -> PreparedContent:
    return PreparedContent(
        prepare_email(
            content.get("sections") or [],
            postal_address=str(content.get("postal_address") or ""),
            sender_name=str(content.get("sender_name") or ""),
            theme=content.get("theme") or None,
            title=title,
            preheader=preheader,
        )
    )


def sections_from_draft(draft: dict[str, Any]) -> list[dict[str, Any]]:
    """A chat draft (headed markdown sections) as template sections, footer last."""
    sections: list[dict[str, Any]] = []
    raw = draft.get("sections")
    for i, section in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(section, dict):
            continue
        heading = str(section.get("heading") or "").strip()
        if heading:
            sections.append({"id": f"h{i}", "type": "heading", "text": heading[:300], "level": 2})
        body = str(section.get("body") or "")
        if body.strip():
            sections.append({"id": f"t{i}", "type": "text", "markdown": body})
    sections.append({"id": "footer", "type": "footer", "text": ""})
    return sections
