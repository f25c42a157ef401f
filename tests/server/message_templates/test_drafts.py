"""A chat draft poured into a catalog template keeps the template's frame and footer."""

from __future__ import annotations

from server.message_templates.catalog import CATALOG
from server.message_templates.drafts import sections_with_draft
from server.message_templates.rendering import render_email
from server.message_templates.schemas import FooterBlock, HeadingBlock, ImageBlock, TextBlock

DRAFT = {
    "subject": "Spring at the bakery",
    "preheader": "New loaves and a workshop",
    "sections": [
        {
            "heading": "New loaf",
            "body": 'Try our **sourdough**, {{ first_name | default("friend") }}.',
        },
        {"heading": "Workshop", "body": "[Book now](https://bakery.example/workshop)"},
    ],
}


def test_the_draft_replaces_the_content_between_header_image_and_footer() -> None:
    template = next(t for t in CATALOG if t["slug"] == "classic-newsletter")
    sections = sections_with_draft(template["sections"], DRAFT)
    assert isinstance(sections[0], ImageBlock)
    assert sections[0].src == "/media/catalog/ocean.png"
    assert [type(s) for s in sections[1:]] == [
        HeadingBlock, TextBlock, HeadingBlock, TextBlock, FooterBlock,
    ]  # fmt: skip
    assert isinstance(sections[1], HeadingBlock)
    assert (sections[1].text, sections[1].level) == ("New loaf", 1)
    email = render_email(
        sections, merge={"first_name": "Sam"}, unsubscribe_url="https://u/1",
        postal_address="1 Main St", base_url="https://app.example",
    )  # fmt: skip
    assert "Try our sourdough, Sam." in email.text
    assert "Book now (https://bakery.example/workshop)" in email.text
    assert "You can reply to this email" in email.text  # the template's footer text
    assert "This month at Inkwell" not in email.text  # the template's own content is gone


def test_a_template_without_a_header_image_gets_just_the_draft() -> None:
    template = next(t for t in CATALOG if t["slug"] == "plain-letter")
    sections = sections_with_draft(template["sections"], DRAFT)
    assert [s.type for s in sections] == ["heading", "text", "heading", "text", "footer"]
