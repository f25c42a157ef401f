"""/settings against the real API: the sender identity, sessions, password and API keys."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from models.accounts import Membership, Role, User, Workspace
from tests.browser.conftest import Account
from tests.browser.flows import (
    expect_no_sideways_scroll,
    expect_signed_in_as,
    expect_within_width,
    log_in_with_password,
)

pytestmark = pytest.mark.browser


async def open_settings(page: Page, live_server: str, account: Account) -> None:
    await page.goto(live_server + "/settings")
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/settings$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Settings")


async def test_profile_and_sessions(
    page: Page, browser: Browser, live_server: str, account: Account
) -> None:
    # A second browser signs in too, so there is another session to sign out.
    other = await browser.new_context(user_agent="Mozilla/5.0 (Windows NT 10.0) Firefox/130.0")
    other_page = await other.new_page()
    await open_settings(other_page, live_server, account)

    await open_settings(page, live_server, account)
    await expect(page.get_by_role("heading", level=2)).to_have_text(
        ["Profile", "Sender", "Password", "Sessions", "API keys"]
    )
    await expect(page.get_by_text(account.email, exact=True)).to_be_visible()

    sessions = page.locator("section.panel", has=page.get_by_role("heading", name="Sessions"))
    rows = sessions.get_by_role("row")
    await expect(rows).to_have_count(3)  # header + two sessions
    await expect(rows.nth(1)).to_contain_text("This device")
    await expect(rows.nth(2)).to_contain_text("Firefox on Windows")
    await rows.nth(2).get_by_role("button", name="Sign out").click()
    await expect(rows).to_have_count(2)
    await expect(sessions.get_by_role("status")).to_have_text("Signed out Firefox on Windows.")

    # The other browser's session has ended: its next page load asks it to log in.
    await other_page.reload()
    await expect(other_page).to_have_url(re.compile(r"/login\?next=%2Fsettings$"))
    await other.close()


async def test_change_password(page: Page, live_server: str, account: Account) -> None:
    await open_settings(page, live_server, account)
    await page.get_by_label("Current password").fill("not it at all")
    await page.get_by_label("New password").fill("a different passphrase")
    await page.get_by_role("button", name="Change password").click()
    await expect(page.get_by_text("The current password is wrong.")).to_be_visible()
    await expect(page.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")

    await page.get_by_label("Current password").fill(account.password)
    await page.get_by_role("button", name="Change password").click()
    await expect(page.get_by_text(re.compile("Password changed"))).to_be_visible()
    await expect_signed_in_as(page, account.name)


async def test_create_copy_and_revoke_an_api_key(
    page: Page, live_server: str, account: Account
) -> None:
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    await open_settings(page, live_server, account)
    keys = page.locator("section.panel", has=page.get_by_role("heading", name="API keys", level=2))
    await expect(keys.get_by_text("No API keys yet.")).to_be_visible()

    await keys.get_by_label("Name").fill("Nightly import")
    await keys.get_by_role("checkbox", name="contacts:read").check()
    await keys.get_by_role("button", name="Create key").click()

    secret = keys.get_by_label("New API key")
    await expect(secret).to_have_value(re.compile(r"^ink_[0-9a-f]{8}_"))
    await expect(keys.get_by_text("only time the full key is shown")).to_be_visible()
    await keys.get_by_role("button", name="Copy key").click()
    await expect(keys.get_by_role("button", name="Copied")).to_be_visible()
    key = await secret.input_value()
    assert await page.evaluate("navigator.clipboard.readText()") == key

    # The key works against the API on its own, with no cookie.
    async with httpx.AsyncClient(base_url=live_server) as api:
        bearer = {"Authorization": f"Bearer {key}"}
        me = await api.get("/api/auth/me", headers=bearer)
        assert me.status_code == 200, me.text
        assert me.json()["email"] == account.email

    await keys.get_by_role("button", name="Done").click()
    await expect(secret).to_have_count(0)
    row = keys.get_by_role("row").filter(has_text="Nightly import")
    prefix = "_".join(key.split("_")[:2])
    await expect(row).to_contain_text(prefix + "…")
    await expect(row).to_contain_text("Never")

    await row.get_by_role("button", name="Revoke").click()
    await row.get_by_role("button", name="Revoke key").click()
    await expect(row).to_contain_text("Revoked")
    async with httpx.AsyncClient(base_url=live_server) as api:
        refused = await api.get("/api/auth/me", headers=bearer)
        assert refused.status_code == 401
        assert refused.json()["code"] == "invalid_api_key"

    await page.reload()
    await expect(
        page.locator("section.panel", has=page.get_by_role("heading", name="API keys", level=2))
        .get_by_role("row")
        .filter(has_text="Nightly import")
    ).to_contain_text("Revoked")


async def test_sender_name_and_postal_address(
    page: Page, live_server: str, account: Account
) -> None:
    await open_settings(page, live_server, account)
    sender = page.locator("section.panel", has=page.get_by_role("heading", name="Sender"))
    await sender.get_by_label("Sender name").fill("The Harbour Post")
    await sender.get_by_label("Postal address").fill("1 Harbour Street\n\n  Bristol BS1 4XX")
    await sender.get_by_role("button", name="Save sender").click()
    await expect(sender.get_by_role("status")).to_have_text(
        "Sender saved. New emails carry this name and address."
    )
    await expect(sender.get_by_label("Postal address")).to_have_value(
        "1 Harbour Street\nBristol BS1 4XX"
    )
    user = await User.get(email=account.email)
    workspace = await Workspace.get(memberships__user=user)
    assert (workspace.sender_name, workspace.postal_address) == (
        "The Harbour Post",
        "1 Harbour Street\nBristol BS1 4XX",
    )

    await sender.get_by_label("Sender name").fill("two")
    await sender.get_by_label("Postal address").fill("\n".join("1234567"))
    await sender.get_by_role("button", name="Save sender").click()
    await expect(sender.get_by_text("Use at most 6 lines.")).to_be_visible()
    await expect(sender.get_by_label("Postal address")).to_be_focused()

    # A member sees the sender but cannot change it, as the API enforces.
    await Membership.filter(user=user).update(role=Role.member)
    await page.reload()
    await expect(sender.get_by_text("1 Harbour Street")).to_be_visible()
    await expect(sender.get_by_role("textbox")).to_have_count(0)
    await expect(sender.get_by_text("Only workspace owners and admins")).to_be_visible()


async def test_sessions_and_api_keys_fit_a_phone_screen(
    page: Page, browser: Browser, live_server: str, account: Account
) -> None:
    """On a phone each session and each key is a labelled block with its button under it."""
    # Another device signed in, so a session has a "Sign out" button; and one key.
    other = await browser.new_context()
    await open_settings(await other.new_page(), live_server, account)
    await other.close()
    await page.set_viewport_size({"width": 390, "height": 844})
    await open_settings(page, live_server, account)
    keys = page.locator("section.panel", has=page.get_by_role("heading", name="API keys"))
    await keys.get_by_label("Name", exact=True).fill("Zapier")
    await keys.get_by_role("checkbox", name="contacts:read").check()
    await keys.get_by_role("button", name="Create key").click()
    await expect(keys.get_by_role("cell", name=re.compile("Zapier"))).to_be_visible()

    sessions = page.get_by_role("table", name="Active sessions")
    await expect_within_width(page, sessions.get_by_role("button", name="Sign out"))
    key = page.get_by_role("table", name="API keys").get_by_role("row").filter(has_text="Zapier")
    await expect_within_width(page, key.get_by_role("button", name="Revoke"))
    await expect_within_width(page, key.locator("td[data-label='Last used']"))
    await expect_no_sideways_scroll(page)
