"""The /contacts page against the real API: lists, adding, searching, the drawer, removing."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Locator, Page, expect

from tests.browser.conftest import Account
from tests.browser.flows import (
    expect_no_sideways_scroll,
    expect_within_width,
    log_in_with_password,
)
from tests.server.campaigns.conftest import make_owner

pytestmark = pytest.mark.browser


async def add_contact(
    page: Page,
    email: str,
    first_name: str,
    last_name: str,
    tags: str,
    lists: list[str],
    time_zone: str = "",
) -> None:
    await page.get_by_role("button", name="Add contact", exact=True).click()
    dialog = page.get_by_role("dialog", name="Add contact")
    await expect(dialog.get_by_role("heading", name="Manual")).to_be_visible()
    await expect(dialog.get_by_label("Email", exact=True)).to_be_focused()
    await dialog.get_by_label("Email", exact=True).fill(email)
    await dialog.get_by_label("First name").fill(first_name)
    await dialog.get_by_label("Last name").fill(last_name)
    await dialog.get_by_label("Time zone").fill(time_zone)
    await dialog.get_by_label("Tags").fill(tags)
    for name in lists:
        await dialog.get_by_role("checkbox", name=name).check()
    await dialog.get_by_role("button", name="Add contact", exact=True).click()
    await expect(dialog).to_be_hidden()
    await expect(page.get_by_role("status").filter(has_text="Added")).to_have_text(
        f"Added {email}."
    )


def contact_rows(page: Page) -> Locator:
    return page.get_by_role("table", name="Contacts").get_by_role("row")


def detail(drawer: Locator, term: str) -> Locator:
    """The drawer's value (``dd``) for ``term`` (its ``dt``)."""
    pair = drawer.locator("dl > div").filter(has=drawer.page.locator("dt", has_text=term))
    return pair.locator("dd")


async def test_contacts_page(page: Page, live_server: str, account: Account) -> None:
    await page.goto(live_server + "/contacts")
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/contacts$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Contacts")
    await expect(page.get_by_text("No contacts yet.")).to_be_visible()

    # A list, from the Lists panel.
    lists = page.get_by_role("complementary", name="Lists")
    await expect(lists.get_by_text("No lists yet.")).to_be_visible()
    await lists.get_by_label("List name", exact=True).fill("Newsletter")
    await lists.get_by_role("button", name="Create list").click()
    await expect(lists.get_by_role("button", name="Show contacts in Newsletter")).to_be_visible()
    await expect(lists.get_by_text("0 contacts")).to_be_visible()

    # Two contacts through the dialog; one joins the list.
    # Ada's zone typed in lower case; the server keeps its canonical spelling.
    await add_contact(
        page, "ada@example.com", "Ada", "Lovelace", "vip, speaker", ["Newsletter"],
        time_zone="europe/london",
    )  # fmt: skip
    await add_contact(page, "alan@example.com", "Alan", "Turing", "", [])
    rows = contact_rows(page)
    await expect(rows).to_have_count(3)  # header + two contacts
    ada = rows.filter(has_text="ada@example.com")
    await expect(ada).to_contain_text("Ada Lovelace")
    await expect(ada).to_contain_text("Subscribed")
    await expect(ada).to_contain_text("vip")
    await expect(ada).to_contain_text("Newsletter")
    await expect(lists.get_by_text("1 contact", exact=True)).to_be_visible()

    # Search, on the server.
    await page.get_by_label("Search contacts").fill("lovelace")
    await expect(rows).to_have_count(2)
    await expect(rows.nth(1)).to_contain_text("ada@example.com")
    await page.get_by_label("Search contacts").fill("")
    await expect(rows).to_have_count(3)

    # Filter by list.
    await page.get_by_label("List", exact=True).select_option(label="Newsletter")
    await expect(rows).to_have_count(2)
    await expect(rows.nth(1)).to_contain_text("ada@example.com")
    await page.get_by_label("List", exact=True).select_option(label="All lists")
    await expect(rows).to_have_count(3)

    # The drawer: details and the timeline; unsubscribing adds to it.
    await ada.get_by_text("Ada Lovelace").click()
    drawer = page.get_by_role("dialog", name="ada@example.com")
    await expect(drawer.get_by_role("heading", level=2)).to_have_text("ada@example.com")
    timeline = drawer.get_by_role("region", name="Timeline")
    await expect(timeline.get_by_text("Created")).to_be_visible()
    await expect(timeline.get_by_text("Added to a list: Newsletter")).to_be_visible()
    await expect(detail(drawer, "Time zone")).to_have_text("Europe/London")
    zone = drawer.get_by_label("Time zone")
    await expect(zone).to_have_value("Europe/London")
    # An unknown zone is refused beside the field; a known one is saved and shown.
    await zone.fill("Europe/Atlantis")
    await drawer.get_by_role("button", name="Save changes").click()
    await expect(zone).to_have_attribute("aria-invalid", "true")
    await expect(drawer.get_by_text("unknown time zone 'Europe/Atlantis'")).to_be_visible()
    await expect(detail(drawer, "Time zone")).to_have_text("Europe/London")
    await zone.fill("asia/tokyo")
    await drawer.get_by_role("button", name="Save changes").click()
    await expect(drawer.get_by_role("status")).to_have_text("Changes saved.")
    await expect(detail(drawer, "Time zone")).to_have_text("Asia/Tokyo")
    await expect(zone).to_have_value("Asia/Tokyo")
    await expect(timeline.get_by_text("Updated: timezone")).to_be_visible()
    await drawer.get_by_label("Tags").fill("vip, speaker, beta")
    await drawer.get_by_role("button", name="Save changes").click()
    await expect(drawer.get_by_role("status")).to_have_text("Changes saved.")
    await expect(timeline.get_by_text("Tagged: beta")).to_be_visible()
    await expect(ada).to_contain_text("beta")
    await drawer.get_by_role("button", name="Unsubscribe").click()
    await expect(drawer.get_by_role("status")).to_have_text("Unsubscribed.")
    await expect(timeline.get_by_text("Unsubscribed", exact=True)).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(drawer).to_be_hidden()
    await expect(ada).to_contain_text("Unsubscribed")

    # A time zone for the selected contacts at once.
    alan = rows.filter(has_text="alan@example.com")
    await alan.get_by_role("checkbox", name="Select alan@example.com").check()
    bar = page.get_by_role("toolbar", name="Bulk actions")
    await bar.get_by_role("button", name="Time zone…").click()
    await bar.get_by_label("Time zone to set").fill("america/new_york")
    await bar.get_by_role("button", name="Set").click()
    await expect(page.get_by_text("Time zone set: 1 contact affected.")).to_be_visible()
    await alan.get_by_text("Alan Turing").click()
    drawer = page.get_by_role("dialog", name="alan@example.com")
    await expect(detail(drawer, "Time zone")).to_have_text("America/New_York")
    await page.keyboard.press("Escape")
    await expect(drawer).to_be_hidden()

    # Remove asks first.
    await alan.get_by_role("button", name="Remove").click()
    await expect(alan).to_contain_text("Remove this contact?")
    await alan.get_by_role("button", name="Confirm remove").click()
    await expect(rows).to_have_count(2)
    await expect(page.get_by_role("status").filter(has_text="Removed")).to_have_text(
        "Removed alan@example.com."
    )
    await page.reload()
    await expect(contact_rows(page)).to_have_count(2)


async def test_contacts_fit_a_phone_screen(page: Page, live_server: str) -> None:
    """Each contact is a block: its box and address first, its name, status, tags and lists
    labelled under them, its buttons below; "select all" stays in sight, and works."""
    owner = await make_owner(contacts=3)
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": live_server} for k, v in owner.login.cookies.items()]
    )
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(live_server + "/contacts")
    row = contact_rows(page).filter(has_text=owner.contacts[0].email)
    await expect_within_width(page, row.locator("td[data-label=Lists]"))
    await expect(row.locator("td[data-label=Lists]")).to_contain_text("Newsletter")
    await expect_within_width(page, row.get_by_role("button", name="Remove", exact=True))
    await expect_no_sideways_scroll(page)

    select_all = page.get_by_role("checkbox", name="Select all on this page")
    await expect_within_width(page, select_all)
    await select_all.check()
    for contact in owner.contacts:
        await expect(page.get_by_role("checkbox", name=f"Select {contact.email}")).to_be_checked()
