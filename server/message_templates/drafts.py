"""The chat's draft poured into a template: the template gives the look (theme, header
image, footer), the draft gives the words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from server.message_templates.schemas import SECTIONS_ADAPTER, Section

# Blocks that frame the content (kept from the template) rather than being content.
_FRAME = {"image", "divider"}


def sections_with_draft(
    template_sections: Sequence[Mapping[str, Any]], draft: Mapping[str, Any]
) -> list[Section]:
    """The template's leading images and dividers, then each draft section as a heading and a
    text block, then the template's footer.

    ``draft`` is the chat's draft (``{"subject", "preheader", "sections": [{"heading",
    "body"}]}``); its bodies are markdown, rendered like any text block.
    """
    frame: list[Mapping[str, Any]] = []
    for block in template_sections:
        if block.get("type") not in _FRAME:
            break
        frame.append(block)
    footer = next(b for b in template_sections if b.get("type") == "footer")
    body: list[dict[str, Any]] = []
    for i, section in enumerate(draft.get("sections") or [], start=1):
        heading = str(section.get("heading") or "").strip()
        if heading:
            body.append(
                {"id": f"draft-{i}-heading", "type": "heading", "text": heading[:300],
                 "level": 1 if i == 1 else 2}
            )  # fmt: skip
        body.append(
            {"id": f"draft-{i}-text", "type": "text", "markdown": str(section.get("body") or "")}
        )
    return SECTIONS_ADAPTER.validate_python([*frame, *body, footer])
