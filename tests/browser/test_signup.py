"""Accounts in real Chromium: sign up with an emailed code, log out, log back in, stay in."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from models.accounts import User
from tests.browser.conftest import Account, Inbox
from tests.browser.flows import expect_signed_in_as, expect_socket_live, log_in_with_password

pytestmark = pytest.mark.browser


async def test_sign_up_verify_log_out_and_back_in(
    page: Page, live_server: str, inbox: Inbox
) -> None:
    email, password, name = "ada@example.com", "analytical engine 1843", "Ada Lovelace"

    await page.goto(live_server + "/signup")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")
    await page.get_by_label("Name").fill(name)
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign up", exact=True).click()

    await expect(page).to_have_url(re.compile(r"/verify\?email=ada%40example\.com$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Verify your email")
    code = await inbox.code_for(email)
    await page.get_by_label("Verification code").fill(code)
    await page.get_by_role("button", name="Verify email").click()

    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Chat")
    await expect_signed_in_as(page, name)
    await expect_socket_live(page)
    user = await User.get(email=email)
    assert user.email_verified_at is not None

    await page.get_by_role("banner").get_by_role("button", name="Log out").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    await expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()

    await page.goto(live_server + "/contacts")
    await expect(page).to_have_url(re.compile(r"/login\?next=%2Fcontacts$"))
    await log_in_with_password(page, email, password)
    await expect(page).to_have_url(re.compile(r"/contacts$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Contacts")
    await expect_signed_in_as(page, name)


async def test_sign_up_shows_server_field_errors_inline(
    page: Page, live_server: str, inbox: Inbox
) -> None:
    await page.goto(live_server + "/signup")
    await page.get_by_label("Name").fill("Ada")
    await page.get_by_label("Email").fill("ada@example.com")
    # Long enough for the form, but one of the most common passwords: the server says no.
    await page.get_by_label("Password").fill("password1")
    await page.get_by_role("button", name="Sign up", exact=True).click()

    password = page.get_by_label("Password")
    await expect(password).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_text("This password is too common.")).to_be_visible()
    await expect(password).to_be_focused()
    await expect(page).to_have_url(re.compile(r"/signup$"))


async def test_reload_keeps_the_user_signed_in(
    page: Page, live_server: str, account: Account
) -> None:
    await page.goto(live_server + "/settings")
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/settings$"))
    await expect_signed_in_as(page, account.name)

    await page.reload()
    await expect(page).to_have_url(re.compile(r"/settings$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    await expect_signed_in_as(page, account.name)
    await expect_socket_live(page)


async def test_wrong_password_is_an_alert_and_code_login_works(
    page: Page, live_server: str, account: Account, inbox: Inbox
) -> None:
    await page.goto(live_server + "/login")
    await log_in_with_password(page, account.email, "not the password")
    await expect(page.get_by_role("alert")).to_have_text("The email or password is wrong.")

    await page.get_by_role("tab", name="Email me a code").click()
    await expect(page.get_by_label("Email", exact=True)).to_have_value(account.email)
    await page.get_by_role("button", name="Email me a code").click()
    code = await inbox.code_for(account.email)
    await page.get_by_label("Verification code").fill(code)
    await page.get_by_role("button", name="Log in", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect_signed_in_as(page, account.name)


async def test_forgot_and_reset_password(
    page: Page, live_server: str, account: Account, inbox: Inbox
) -> None:
    await page.goto(live_server + "/login")
    await page.get_by_role("link", name="Forgot password?").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    await page.get_by_label("Email").fill(account.email)
    await page.get_by_role("button", name="Send reset code").click()

    await expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    await expect(
        page.get_by_text("If an account exists for that address, we sent a code.")
    ).to_be_visible()
    await expect(page.get_by_label("Email")).to_have_value(account.email)
    code = await inbox.code_for(account.email)
    await page.get_by_label("Verification code").fill(code)
    await page.get_by_label("New password").fill("a brand new passphrase")
    await page.get_by_role("button", name="Set new password").click()
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect_signed_in_as(page, account.name)
