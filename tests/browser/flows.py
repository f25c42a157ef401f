"""Steps several browser tests share, written the way a person uses the pages."""

from __future__ import annotations

import re

from playwright.async_api import Locator, Page, expect


async def log_in_with_password(page: Page, email: str, password: str) -> None:
    """Fill and send the password form of the /login page the browser is on."""
    await expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    await page.get_by_label("Email", exact=True).fill(email)
    await page.get_by_label("Password", exact=True).fill(password)
    await page.get_by_role("button", name="Log in", exact=True).click()


async def expect_signed_in_as(page: Page, name: str) -> None:
    header = page.get_by_role("banner")
    await expect(header.get_by_text(name, exact=True)).to_be_visible()
    await expect(header.get_by_role("button", name="Log out")).to_be_visible()


async def expect_socket_live(page: Page) -> None:
    status = page.get_by_role("status", name=re.compile("Realtime connection"))
    await expect(status).to_contain_text("Live")


async def expect_within_width(page: Page, element: Locator) -> None:
    await expect(element).to_be_visible()
    box = await element.bounding_box()
    assert box is not None
    width = await page.evaluate("() => document.documentElement.clientWidth")
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= width, (box, width)


async def expect_no_sideways_scroll(page: Page) -> None:
    """Neither the page nor any table on it is wider than the screen."""
    widths = await page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"
    tables = await page.locator(".table-wrap").evaluate_all(
        "boxes => boxes.map(box => [box.scrollWidth, box.clientWidth])"
    )
    assert tables, "no table on the page"
    for scroll, client in tables:
        assert scroll <= client, f"a table is {scroll} px wide in a {client} px box"
