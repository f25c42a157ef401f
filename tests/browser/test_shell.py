"""The app shell in real Chromium: every nav link reaches its page; the socket goes live."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

NAV = ["Chat", "Templates", "Contacts", "Campaigns", "Activity", "Settings", "Pricing"]

pytestmark = pytest.mark.browser


async def test_nav_reaches_every_page_and_socket_is_live(page: Page, live_server: str) -> None:
    await page.goto(live_server + "/")
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Chat")

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

    # The header's indicator turns live once Socket.IO connects through the real server.
    status = page.get_by_role("status", name=re.compile("Realtime connection"))
    await expect(status).to_contain_text("Live")


async def test_deep_link_and_unknown_page(page: Page, live_server: str) -> None:
    await page.goto(live_server + "/contacts")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Contacts")
    await page.goto(live_server + "/no-such-page")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
