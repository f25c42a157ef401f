"""A chat draft poured into a catalog template keeps the template's frame and footer, both
directly and through ``POST /api/templates`` with a ``thread_id``."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.templates import EmailTemplate
from server.message_templates.catalog import CATALOG, seed_catalog
from server.message_templates.drafts import sections_with_draft
from server.message_templates.rendering import render_email
from server.message_templates.schemas import FooterBlock, HeadingBlock, ImageBlock, TextBlock
from tests.factories import Login, login_as, make_thread, make_user

# As the chat stores it (each section's HTML is the chat's own rendering, unused here).
DRAFT: dict[str, Any] = {
    "subject": "Spring at the bakery",
    "preheader": "New loaves and a workshop",
    "sections": [
        {
            "heading": "New loaf",
            "body": 'Try our **sourdough**, {{ first_name | default("friend") }}.',
            "html": "<p>Try our <strong>sourdough</strong>.</p>",
        },
        {
            "heading": "Workshop",
            "body": "[Book now](https://bakery.example/workshop)",
            "html": '<p><a href="https://bakery.example/workshop">Book now</a></p>',
        },
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


# ---- Over HTTP: "Use this template" from a chat thread ------------------------------------


@pytest.fixture
async def owner(db: None) -> Login:
    await seed_catalog()
    return await login_as(await make_user())


async def catalog_id(client: TestClientProtocol, login: Login, name: str) -> str:
    response = await client.get("/api/templates?scope=marketplace", headers=login.headers())
    return str(next(t["id"] for t in (await response.get_json())["items"] if t["name"] == name))


async def create(
    client: TestClientProtocol, login: Login, key: str | None = None, **body: Any
) -> Any:
    headers = login.headers() | ({"Idempotency-Key": key} if key else {})
    return await client.post("/api/templates", json=body, headers=headers)


async def test_a_copy_made_from_a_thread_holds_its_draft(
    client: TestClientProtocol, owner: Login
) -> None:
    thread = await make_thread(owner.user, draft=DRAFT)
    source = await catalog_id(client, owner, "Classic newsletter")
    body = {"from_template_id": source, "thread_id": str(thread.id)}
    first, again = await asyncio.gather(
        create(client, owner, "use-1", **body), create(client, owner, "use-1", **body)
    )
    assert (first.status_code, again.status_code) == (201, 201)
    made = await first.get_json()
    assert await again.get_json() == made  # a double click makes one copy
    assert (made["name"], made["source_thread_id"]) == ("Spring at the bakery", str(thread.id))
    assert made["source_template_id"] == source
    blocks = made["sections"]
    assert [b["type"] for b in blocks] == ["image", "heading", "text", "heading", "text", "footer"]
    assert blocks[0]["src"] == "/media/catalog/ocean.png"
    assert [blocks[1]["text"], blocks[3]["text"]] == ["New loaf", "Workshop"]
    assert blocks[2]["markdown"] == DRAFT["sections"][0]["body"]
    assert await EmailTemplate.filter(workspace_id__not_isnull=True).count() == 1

    # The copy is an ordinary template: read back as stored, and editable.
    read = await client.get(f"/api/templates/{made['id']}", headers=owner.headers())
    assert (await read.get_json())["sections"] == blocks

    # An explicit name wins over the draft's subject.
    named = await create(client, owner, **body, name="April issue")
    assert (await named.get_json())["name"] == "April issue"


async def test_a_blank_template_takes_the_draft_too(
    client: TestClientProtocol, owner: Login
) -> None:
    thread = await make_thread(owner.user, draft=DRAFT)
    made = await create(client, owner, thread_id=str(thread.id))
    assert made.status_code == 201
    blocks = (await made.get_json())["sections"]
    assert [b["type"] for b in blocks] == ["heading", "text", "heading", "text", "footer"]


async def test_a_thread_must_be_ours_and_have_a_draft(
    client: TestClientProtocol, owner: Login
) -> None:
    source = await catalog_id(client, owner, "Classic newsletter")
    stranger = await make_user()
    theirs = await make_thread(stranger, draft=DRAFT)
    foreign = await create(client, owner, from_template_id=source, thread_id=str(theirs.id))
    assert foreign.status_code == 404
    assert (await foreign.get_json())["code"] == "not_found"
    missing = await create(client, owner, from_template_id=source, thread_id=str(uuid.uuid4()))
    assert missing.status_code == 404

    undrafted = await make_thread(owner.user)
    no_draft = await create(client, owner, "k-1", from_template_id=source,
                            thread_id=str(undrafted.id))  # fmt: skip
    assert no_draft.status_code == 422
    error = await no_draft.get_json()
    assert (error["code"], error["details"]) == (
        "thread_has_no_draft", {"thread_id": str(undrafted.id)}
    )  # fmt: skip
    assert error["message"]

    malformed = await create(client, owner, from_template_id=source, thread_id="not-a-uuid")
    assert malformed.status_code == 422
    assert (await malformed.get_json())["code"] == "validation_error"
    assert await EmailTemplate.filter(workspace_id__not_isnull=True).count() == 0

    # The failed create stored nothing under its key: once drafted, the same key works.
    undrafted.draft = DRAFT
    await undrafted.save()
    retried = await create(client, owner, "k-1", from_template_id=source,
                           thread_id=str(undrafted.id))  # fmt: skip
    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried.headers
