"""The whole journey in real Chromium: sign up, draft with the assistant, pour the draft into a
template, import contacts, go on from the conversation to a campaign with that template, send
it, watch Activity reach 100% live, find one message per contact with the RFC 8058 headers at a
real SMTP server, and the conversation handed off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from models.campaigns import Campaign, CampaignStatus
from models.chat import ChatThread
from server.core.config import Config
from server.mail.mailbox import get_message, list_messages
from tests.browser.conftest import Inbox
from tests.browser.flows import expect_socket_live
from tests.browser.test_chat import UUID, expect_finished_draft, send_brief

pytestmark = pytest.mark.browser

PEOPLE = ["ada@example.com", "alan@example.com", "grace@example.com"]
ADDRESS = "42 Frequency Lane\nVienna 1010"
CSV = "email,first_name\n" + "".join(f"{p},{p.split('@')[0].title()}\n" for p in PEOPLE)


async def sign_up(page: Page, live_server: str, inbox: Inbox) -> None:
    await page.goto(live_server + "/signup")
    await page.get_by_label("Name").fill("Hedy Lamarr")
    await page.get_by_label("Email").fill("hedy@example.com")
    await page.get_by_label("Password").fill("frequency hopping 1942")
    await page.get_by_role("button", name="Sign up", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/verify\?"))
    await page.get_by_label("Verification code").fill(await inbox.code_for("hedy@example.com"))
    await page.get_by_role("button", name="Verify email").click()
    await expect(page).to_have_url(re.compile(r"/chat$"))


async def import_contacts(page: Page, live_server: str, tmp_path: Path) -> None:
    await page.goto(live_server + "/contacts")
    await page.get_by_label("List name").fill("Readers")
    await page.get_by_role("button", name="Create list").click()
    await expect(page.get_by_role("button", name="Show contacts in Readers")).to_be_visible()
    csv_path = tmp_path / "readers.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    await page.get_by_role("button", name="Add contact", exact=True).click()
    dialog = page.get_by_role("dialog", name="Add contact")
    await dialog.get_by_role("tab", name="Import CSV").click()
    await dialog.get_by_label("CSV file").set_input_files(str(csv_path))
    await dialog.get_by_label("Add to list").select_option(label="Readers")
    await dialog.get_by_role("button", name="Start import").click()
    await expect(dialog.get_by_text("Import completed.")).to_be_visible(timeout=20_000)
    await dialog.get_by_role("button", name="Close", exact=True).first.click()


async def start_campaign(page: Page, name: str) -> None:
    """The wizard up to its confirm step: chat draft, the Readers list, a name."""
    await page.get_by_role("navigation").get_by_role("link", name="Campaigns").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Campaigns")
    await page.get_by_role("button", name="New campaign").click()
    await page.get_by_label("Chat draft").select_option(index=1)
    await page.get_by_role("button", name="Next").click()
    await page.get_by_role("checkbox", name=re.compile("Readers")).check()
    await expect(page.get_by_test_id("recipient-count")).to_have_text("3 recipients")
    await page.get_by_role("button", name="Next").click()
    await page.get_by_label("Campaign name").fill(name)
    await page.get_by_role("button", name="Next").click()


async def set_sender(page: Page) -> None:
    """Through Settings, the way a user fixes the refusal: mail needs a real postal address."""
    await page.get_by_role("link", name="Set the postal address in Settings").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    sender = page.locator("section.panel", has=page.get_by_role("heading", name="Sender"))
    await sender.get_by_label("Sender name").fill("Hedy's Letters")
    await sender.get_by_label("Postal address").fill(ADDRESS)
    await sender.get_by_role("button", name="Save sender").click()
    await expect(sender.get_by_role("status")).to_contain_text("Sender saved.")


async def choose_template(page: Page, thread_id: str) -> str:
    """From the finished draft to a marketplace template holding it; returns the copy's id."""
    preview = page.get_by_role("region", name="Draft preview")
    await preview.get_by_role("button", name="Use this draft").click()
    await expect(page).to_have_url(re.compile(rf"/templates\?thread={thread_id}$"))
    newsletter = (
        page.get_by_role("tabpanel")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name="Classic newsletter", exact=True))
    )
    await newsletter.get_by_role("button", name="Use this template").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Edit template")
    await expect(page.get_by_role("status", name="Save status")).to_have_text("Saved")
    match = re.search(rf"/templates/({UUID})", page.url)
    assert match is not None
    return match.group(1)


async def test_sign_up_to_campaign_sent_live(
    page: Page,
    live_server: str,
    inbox: Inbox,
    running_worker: object,
    config: Config,
    tmp_path: Path,
    catalog: None,
) -> None:
    await sign_up(page, live_server, inbox)
    thread_id = await send_brief(page)
    await expect_finished_draft(page)
    template_id = await choose_template(page, thread_id)
    await import_contacts(page, live_server, tmp_path)

    await start_campaign(page, "Draft without an address")
    # A new workspace has no postal address yet: the test send is refused with a way to fix it.
    await page.get_by_label("Test email").fill("hedy@example.com")
    await page.get_by_role("button", name="Send test").click()
    await expect(page.get_by_role("alert")).to_contain_text("Add your postal address in Settings")
    await set_sender(page)

    # Back in the conversation, the next step leads to a campaign with its template chosen.
    await page.goto(f"{live_server}/chat/{thread_id}")
    preview = page.get_by_role("region", name="Draft preview")
    steps = preview.get_by_role("list", name="Workflow")
    await expect(steps.locator("[aria-current=step]")).to_have_text("Audience")
    await preview.get_by_role("button", name="Choose the audience").click()
    await expect(page).to_have_url(re.compile(rf"/campaigns\?new=1&thread={thread_id}$"))
    await expect(page.get_by_label("Template")).to_have_value(template_id)
    await page.get_by_role("button", name="Next").click()
    await page.get_by_role("checkbox", name=re.compile("Readers")).check()
    await expect(page.get_by_test_id("recipient-count")).to_have_text("3 recipients")
    await page.get_by_role("button", name="Next").click()
    await page.get_by_label("Campaign name").fill("First issue")
    await page.get_by_role("button", name="Next").click()
    # Before sending, the user sees who the mail is from: the sender name set in Settings.
    summary = page.locator(".create-campaign__summary")
    from_line = summary.locator("div", has=page.get_by_text("From", exact=True)).locator("dd")
    await expect(from_line).to_have_text(re.compile(r"^Hedy's Letters <[^<>@]+@[^<>@]+>$"))
    shown_from = await from_line.inner_text()
    to_line = summary.locator("div", has=page.get_by_text("To", exact=True)).locator("dd")
    await expect(to_line).to_have_text("Readers")
    # ...and the email itself, as the readers will get it, footer included.
    await page.get_by_role("button", name="Preview the email").click()
    email = page.frame_locator('iframe[title="Preview of First issue"]')
    await expect(email.get_by_text("42 Frequency Lane")).to_be_visible()
    await expect(email.get_by_role("link", name="Unsubscribe")).to_be_visible()
    await page.get_by_label("Test email").fill("hedy@example.com")
    await page.get_by_role("button", name="Send test").click()
    await expect(page.get_by_text("Test sent to hedy@example.com.")).to_be_visible()
    await page.get_by_role("button", name="Send now").click()

    await expect(page).to_have_url(re.compile(r"/activity\?campaign="))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Activity")
    await expect_socket_live(page)
    bar = page.get_by_role("progressbar", name="First issue progress").first
    await expect(bar).to_have_attribute("value", "100", timeout=30_000)
    await expect(page.get_by_test_id("campaign-status")).to_have_text("sent")
    await expect(page.get_by_text("Live updates are not connected")).to_have_count(0)
    await expect(page.get_by_role("cell", name="grace@example.com")).to_be_visible()

    campaign = await Campaign.get(name="First issue")
    assert campaign.status is CampaignStatus.sent
    assert str(campaign.template_id) == template_id
    assert str(campaign.thread_id) == thread_id
    thread = await ChatThread.get(id=thread_id)
    assert thread.state == "handed_off"
    assert thread.draft is not None
    assert campaign.subject == thread.draft["subject"]
    # The dev sink is a real SMTP server that files what it accepted.
    received = list_messages(inbox.directory)
    for person in PEOPLE:
        copies = [m for m in received if person in m.envelope_to]
        assert len(copies) == 1, person
        message = get_message(inbox.directory, copies[0].id)
        assert message is not None
        headers = {h.name: h.value for h in message.headers}
        assert headers["List-Unsubscribe"].startswith(f"<{config.effective_public_url}/u/")
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert headers["Message-ID"].startswith("<c")
        assert headers["From"] == shown_from
        # The footer carries the address set in Settings, line by line.
        assert "42 Frequency Lane" in (message.text or "")
        assert "Vienna 1010" in (message.html or "")

    # The conversation shows its work handed to the campaign.
    await page.goto(f"{live_server}/chat/{thread_id}")
    await expect(preview).to_contain_text("Handed to a campaign")
    await expect(steps.locator("[aria-current=step]")).to_have_count(0)
