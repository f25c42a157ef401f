"""The app shell in real Chromium: every nav link reaches its page; the socket goes live."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Account
from tests.browser.flows import expect_signed_in_as, expect_socket_live, log_in_with_password

NAV = ["Chat", "Templates", "Contacts", "Campaigns", "Activity", "Settings", "Pricing"]

pytestmark = pytest.mark.browser


async def test_nav_reaches_every_page_and_socket_is_live(
    page: Page, live_server: str, account: Account
) -> None:
    await page.goto(live_server + "/")
    # Signed out: the app pages send the visitor to log in, and back afterwards.
    await expect(page).to_have_url(re.compile(r"/login\?next=%2Fchat$"))
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Chat")
    await expect_signed_in_as(page, account.name)

    nav = page.get_by_role("navigation", name="Main")
    links = nav.get_by_role("link")
    await expect(links).to_have_text(NAV)

    for name in NAV:
        await nav.get_by_role("link", name=name, exact=True).click()
        await expect(page).to_have_url(re.compile(rf"/{name.lower()}$"))
        await expect(page.get_by_role("heading", level=1)).to_have_text(name)
        await expect(nav.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "aria-current", "page"
        )

    # The header's indicator turns live once Socket.IO connects with the session cookie.
    await expect_socket_live(page)


async def test_signed_out_visitor_sees_public_pages_and_no_socket(
    page: Page, live_server: str
) -> None:
    await page.goto(live_server + "/pricing")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Pricing")
    header = page.get_by_role("banner")
    await expect(header.get_by_role("link", name="Log in")).to_have_attribute(
        "href", "/login?next=%2Fpricing"
    )
    await expect(header.get_by_role("link", name="Sign up")).to_be_visible()
    status = page.get_by_role("status", name=re.compile("Realtime connection"))
    await expect(status).to_contain_text("Offline")


async def test_deep_link_and_unknown_page(page: Page, live_server: str, account: Account) -> None:
    await page.goto(live_server + "/contacts?q=ada")
    await expect(page).to_have_url(re.compile(r"/login\?next=%2Fcontacts%3Fq%3Dada$"))
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/contacts\?q=ada$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Contacts")
    await page.goto(live_server + "/no-such-page")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
