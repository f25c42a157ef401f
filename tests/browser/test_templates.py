"""The /templates page in real Chromium against the real API and the seeded catalog: picking a
marketplace template, editing and reordering its sections (buttons and keyboard drag and drop),
autosave across a reload, two tabs on one template resolving their conflict, the preview
showing exactly the server's HTML, the image picker, and pro gating."""

from __future__ import annotations

import re
import struct
import uuid
import zlib

import pytest
from playwright.async_api import BrowserContext, Locator, Page, expect

from models.accounts import Membership
from models.chat import ChatThread
from models.templates import EmailTemplate
from tests.browser.conftest import Account
from tests.browser.flows import log_in_with_password

pytestmark = pytest.mark.browser

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def png_1x1() -> bytes:
    """A valid one-pixel PNG, built here so the upload needs no fixture file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def card(page: Page, name: str) -> Locator:
    grid = page.get_by_role("tabpanel")
    return grid.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=name, exact=True)
    )


def sections(page: Page) -> Locator:
    return page.get_by_role("list", name="Sections", exact=True).locator(":scope > li")


def save_status(page: Page) -> Locator:
    return page.get_by_role("status", name="Save status")


async def open_templates(
    page: Page, live_server: str, account: Account, path: str = "/templates"
) -> None:
    await page.goto(live_server + path)
    await log_in_with_password(page, account.email, account.password)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Templates")


async def use_template(page: Page, name: str) -> str:
    """Copy a marketplace template into my templates; returns the copy's id."""
    await card(page, name).get_by_role("button", name="Use this template").click()
    await expect(page).to_have_url(re.compile(rf"/templates/{UUID}"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Edit template")
    await expect(save_status(page)).to_have_text("Saved")
    match = re.search(rf"/templates/({UUID})", page.url)
    assert match
    return match.group(1)


async def section_titles(page: Page) -> list[str]:
    return [
        (await title.inner_text()).split(" · ")[0]
        for title in await sections(page).locator("h3").all()
    ]


async def test_pick_edit_reorder_reload(
    page: Page, live_server: str, account: Account, catalog: None
) -> None:
    await open_templates(page, live_server, account)
    marketplace = page.get_by_role("list", name="Marketplace templates")
    await expect(marketplace.locator(":scope > li")).to_have_count(10)
    await expect(card(page, "Event invitation").get_by_text("Pro", exact=True)).to_be_visible()
    await expect(card(page, "Classic newsletter").get_by_text("Pro", exact=True)).to_have_count(0)
    await expect(page.get_by_role("tabpanel")).not_to_contain_text("$")

    template_id = await use_template(page, "Classic newsletter")
    rows = sections(page)
    await expect(rows).to_have_count(10)
    assert (await section_titles(page))[:3] == ["1. Image", "2. Heading", "3. Text"]

    # An inline edit of the heading, saved by autosave.
    heading = rows.nth(1)
    await heading.get_by_label("Heading text").fill("December at the bakery")
    await expect(save_status(page)).to_have_text("Saved")
    await expect(heading.get_by_role("heading")).to_contain_text("December at the bakery")

    # Move the heading down with its button: it swaps with the intro text.
    await heading.get_by_role("button", name="Move down").click()
    assert (await section_titles(page))[:3] == ["1. Image", "2. Text", "3. Heading"]
    await expect(rows.nth(2).get_by_label("Heading text")).to_have_value("December at the bakery")
    await expect(save_status(page)).to_have_text("Saved")

    # Drag and drop from the keyboard: pick up the divider (4th), move it up one, drop.
    handle = rows.nth(3).get_by_role("button", name="Drag divider section 4")
    await handle.focus()
    # Each step waits for the drag-and-drop announcement, as a screen reader user would hear.
    await page.keyboard.press("Space")
    await expect(page.get_by_text("Divider section 4 is over position 4.")).to_be_attached()
    # dnd-kit's keyboard sensor starts listening for arrow keys in a setTimeout(0) scheduled
    # when the drag starts; one timer turn in the page runs after it, so the key is not lost.
    await page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")
    await page.keyboard.press("ArrowUp")
    await expect(page.get_by_text("Divider section 4 is over position 3.")).to_be_attached()
    await page.keyboard.press("Space")
    await expect(page.get_by_text("Divider section 4 dropped at position 3.")).to_be_attached()
    await expect(rows.nth(2).get_by_role("heading")).to_contain_text("Divider")
    await expect(save_status(page)).to_have_text("Saved")
    expected = ["1. Image", "2. Text", "3. Divider", "4. Heading"]
    assert (await section_titles(page))[:4] == expected

    # The footer stays put.
    footer = rows.last
    await expect(footer.get_by_text("Always last; cannot be removed")).to_be_visible()
    await expect(footer.get_by_role("button", name="Remove")).to_have_count(0)

    await page.reload()
    await expect(save_status(page)).to_have_text("Saved")
    await expect(rows).to_have_count(10)
    assert (await section_titles(page))[:4] == expected
    await expect(rows.nth(3).get_by_label("Heading text")).to_have_value("December at the bakery")

    # The server holds it too, as a new version of my copy.
    template = await EmailTemplate.get(id=template_id)
    assert template.workspace_id is not None
    assert template.version >= 4
    history = page.get_by_role("button", name="Version history")
    await history.click()
    versions = page.get_by_role("list", name="Versions").get_by_role("listitem")
    await expect(versions).to_have_count(template.version)
    await expect(versions.first).to_contain_text("Current")

    # Restore version 1 (the copy as it came from the marketplace): a new version.
    first_version = versions.filter(has=page.get_by_text("Version 1", exact=True))
    await first_version.get_by_role("button", name="Restore").click()
    await expect(page.get_by_role("dialog", name="Version history")).to_be_hidden()
    await expect(rows.nth(1).get_by_label("Heading text")).to_have_value("This month at Inkwell")
    await expect(page.get_by_text(f"Version {template.version + 1}", exact=True)).to_be_visible()

    # Publish, unpublish, duplicate.
    await page.get_by_role("button", name="Publish", exact=True).click()
    await expect(page.get_by_role("button", name="Unpublish")).to_be_visible()
    await expect(page.get_by_text("Published", exact=True)).to_be_visible()
    assert (await EmailTemplate.get(id=template_id)).status == "published"
    await page.get_by_role("button", name="Unpublish").click()
    await expect(page.get_by_role("button", name="Publish", exact=True)).to_be_visible()
    assert (await EmailTemplate.get(id=template_id)).status == "draft"
    await page.get_by_role("button", name="Duplicate").click()
    await expect(page).not_to_have_url(re.compile(template_id))
    await expect(page.get_by_label("Template name")).to_have_value(re.compile("Classic newsletter"))
    copy_id = re.search(rf"/templates/({UUID})", page.url)
    assert copy_id
    assert copy_id.group(1) != template_id

    # Both are in my templates.
    await page.get_by_role("link", name="← All templates").click()
    await expect(page.get_by_role("tab", name="My templates")).to_have_attribute(
        "aria-selected", "true"
    )
    await expect(
        page.get_by_role("list", name="My templates").locator(":scope > li")
    ).to_have_count(2)


async def test_two_tabs_resolve_a_conflict(
    context_pages: tuple[Page, Page], live_server: str, account: Account, catalog: None
) -> None:
    first, second = context_pages
    await open_templates(first, live_server, account)
    await use_template(first, "Classic newsletter")
    editor_url = first.url

    await second.goto(editor_url)
    await expect(save_status(second)).to_have_text("Saved")

    # The first tab changes the title and saves (version 2).
    await sections(first).nth(1).get_by_label("Heading text").fill("Title from the first tab")
    await expect(save_status(first)).to_have_text("Saved")
    await expect(first.get_by_text("Version 2", exact=True)).to_be_visible()

    # The second tab, still on version 1, changes the intro: its save is stale.
    await sections(second).nth(2).get_by_label("Text", exact=True).fill("Intro from the second tab")
    await expect(save_status(second)).to_have_text("Conflict")
    dialog = second.get_by_role("dialog", name="This template was changed elsewhere")
    await expect(dialog.get_by_role("region", name="Your version")).to_contain_text(
        "Intro from the second tab"
    )
    theirs = dialog.get_by_role("region", name="Current version (version 2)")
    await expect(theirs).to_contain_text("Title from the first tab")
    await dialog.get_by_role("button", name="Keep both changes").click()
    await expect(dialog).to_be_hidden()
    await expect(save_status(second)).to_have_text("Saved")
    await expect(second.get_by_text("Version 3", exact=True)).to_be_visible()

    # Neither tab's work is lost: a fresh load of each shows both edits.
    for page in (second, first):
        await page.reload()
        await expect(save_status(page)).to_have_text("Saved")
        await expect(sections(page).nth(1).get_by_label("Heading text")).to_have_value(
            "Title from the first tab"
        )
        await expect(sections(page).nth(2).get_by_label("Text", exact=True)).to_have_value(
            "Intro from the second tab"
        )

    # Both change the same heading: nothing to combine. "Take theirs" keeps the first tab's.
    title_first = sections(first).nth(1).get_by_label("Heading text")
    title_second = sections(second).nth(1).get_by_label("Heading text")
    await title_first.fill("First tab's title")
    await expect(save_status(first)).to_have_text("Saved")
    await title_second.fill("Second tab's title")
    await expect(save_status(second)).to_have_text("Conflict")
    await expect(dialog.get_by_role("button", name="Keep both changes")).to_have_count(0)
    await dialog.get_by_role("button", name="Take theirs").click()
    await expect(save_status(second)).to_have_text("Saved")
    await expect(title_second).to_have_value("First tab's title")

    # Once more, and this time the second tab keeps its own: saved on top of the first's.
    await title_first.fill("First tab, again")
    await expect(save_status(first)).to_have_text("Saved")
    await title_second.fill("Second tab keeps this")
    await expect(save_status(second)).to_have_text("Conflict")
    await dialog.get_by_role("button", name="Keep mine").click()
    await expect(save_status(second)).to_have_text("Saved")
    await first.reload()
    await expect(sections(first).nth(1).get_by_label("Heading text")).to_have_value(
        "Second tab keeps this"
    )


async def test_preview_shows_the_server_html_and_pro_needs_the_plan(
    page: Page, live_server: str, account: Account, catalog: None
) -> None:
    await open_templates(page, live_server, account)
    await card(page, "Classic newsletter").get_by_role("button", name="Preview").click()
    dialog = page.get_by_role("dialog", name=re.compile("Preview: Classic newsletter"))
    frame = dialog.locator("iframe")
    await expect(frame).to_have_attribute("sandbox", "")
    content = dialog.frame_locator("iframe")
    await expect(content.get_by_text("This month at Inkwell")).to_be_visible()
    await expect(content.get_by_role("link", name=re.compile("unsubscribe", re.I))).to_be_visible()

    # Exactly what GET /api/templates/{id}/preview answers.
    template = await EmailTemplate.get(slug="classic-newsletter")
    response = await page.request.get(f"{live_server}/api/templates/{template.id}/preview")
    assert response.ok
    assert await frame.get_attribute("srcdoc") == await response.text()
    await dialog.get_by_role("button", name="Close").click()
    await expect(dialog).to_be_hidden()

    # A pro template on the free plan: the server's refusal, and the way to Pricing.
    await card(page, "Event invitation").get_by_role("button", name="Use this template").click()
    alert = page.get_by_role("alert")
    await expect(alert).to_contain_text("“Event invitation” is a Pro template")
    await alert.get_by_role("link", name="See plans on the Pricing page").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Pricing")


async def test_image_picker_and_draft_context(
    page: Page, live_server: str, account: Account, catalog: None
) -> None:
    # A chat thread whose draft is waiting for a template.
    membership = await Membership.filter(user__email=account.email).select_related("user").get()
    thread = await ChatThread.create(
        id=uuid.uuid4(),
        workspace=await membership.workspace,
        created_by=membership.user,
        title="Bakery news",
        state="reviewing",
        draft={
            "subject": "Fresh sourdough this Saturday",
            "preheader": "",
            "sections": [{"heading": "Workshop", "body": "Join us.", "html": "<p>Join us.</p>"}],
        },
    )
    await open_templates(page, live_server, account, f"/templates?thread={thread.id}")
    draft = page.get_by_role("complementary", name="Your draft")
    await expect(draft).to_contain_text("Fresh sourdough this Saturday")
    await expect(draft).to_contain_text("Workshop")

    await use_template(page, "Classic newsletter")
    await expect(page).to_have_url(re.compile(rf"/templates/{UUID}\?thread={thread.id}$"))
    await expect(page.get_by_role("complementary", name="Your draft")).to_contain_text(
        "Fresh sourdough this Saturday"
    )
    # The copy holds the draft: its subject names it, its section sits inside the template's
    # header image and footer.
    await expect(page.get_by_label("Template name")).to_have_value("Fresh sourdough this Saturday")
    await expect(sections(page)).to_have_count(4)
    await expect(sections(page).nth(1).get_by_label("Heading text")).to_have_value("Workshop")
    await expect(sections(page).nth(2).get_by_label("Text", exact=True)).to_have_value("Join us.")

    # Swap the banner image for an upload.
    banner = sections(page).first
    await banner.get_by_role("button", name="Change image").click()
    picker = page.get_by_role("dialog", name="Choose an image")
    await picker.get_by_label("Image file").set_input_files(
        {"name": "dot.png", "mimeType": "image/png", "buffer": png_1x1()}
    )
    await picker.get_by_role("button", name="Upload image").click()
    await expect(picker).to_be_hidden()
    await expect(save_status(page)).to_have_text("Saved")
    thumb = banner.locator("img")
    await expect(thumb).to_have_attribute("src", re.compile(r"^/media/"))
    assert await thumb.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1

    # With no OpenAI key, AI images say so.
    await banner.get_by_role("button", name="Change image").click()
    await picker.get_by_role("tab", name="Generate with AI").click()
    await picker.get_by_label("Describe the image").fill("a loaf of sourdough on a table")
    await picker.get_by_role("button", name="Generate image").click()
    await expect(picker.get_by_role("alert")).to_contain_text("not available")

    # The uploaded image is in the library, to use again (here in a new image section).
    await picker.get_by_role("button", name="Close").click()
    await expect(picker).to_be_hidden()
    await page.get_by_label("Add a section").select_option("Image")
    await page.get_by_role("button", name="Add section").click()
    await picker.get_by_role("tab", name="Your images").click()
    await picker.get_by_role("button", name="Use dot.png").click()
    await expect(picker).to_be_hidden()
    added = sections(page).nth(3)  # just above the footer
    await expect(added.get_by_role("heading")).to_contain_text("Image")
    await expect(added.locator("img")).to_have_attribute(
        "src", await thumb.get_attribute("src") or ""
    )
    await expect(save_status(page)).to_have_text("Saved")
    await expect(sections(page)).to_have_count(5)


@pytest.fixture
async def context_pages(page: Page) -> tuple[Page, Page]:
    """Two tabs of one browser session (the second opened after logging in with the first)."""
    context: BrowserContext = page.context
    second = await context.new_page()
    return page, second
