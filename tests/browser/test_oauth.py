"""Sign-in with a provider in real Chromium, through the fake Google/GitHub on a real server.

The browser follows every redirect itself: our start endpoint, the provider's consent page,
our callback, and then either the page it asked for or /login/link to confirm the account.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Page, expect

from models.accounts import OAuthAccount
from server.auth import oauth
from server.core.config import Config
from tests.browser.conftest import Account, Inbox
from tests.browser.flows import expect_signed_in_as
from tests.fakes.oauth_provider import (
    GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET,
    GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET,
    FakeOAuthProvider,
)

pytestmark = pytest.mark.browser


@pytest.fixture
async def provider(
    live_server: str, config: Config, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FakeOAuthProvider]:
    fake = FakeOAuthProvider(live_server)
    await fake.start()
    # The callback URL the provider sends the browser back to is built from PUBLIC_URL, which
    # is the live server's own (tests/conftest.py).
    for name, value in {
        "google_client_id": GOOGLE_CLIENT_ID,
        "google_client_secret": GOOGLE_CLIENT_SECRET,
        "github_client_id": GITHUB_CLIENT_ID,
        "github_client_secret": GITHUB_CLIENT_SECRET,
        "google_discovery_url": fake.discovery_url,
        "github_oauth_base": fake.base_url,
        "github_api_base": fake.github_api_base,
    }.items():
        monkeypatch.setattr(config, name, value)
    oauth.forget_provider_metadata()
    yield fake
    await fake.close()
    oauth.forget_provider_metadata()


async def test_link_github_to_an_existing_account_then_sign_in_with_it(
    page: Page, live_server: str, account: Account, provider: FakeOAuthProvider
) -> None:
    await page.goto(live_server + "/contacts")
    await expect(page).to_have_url(re.compile(r"/login\?next=%2Fcontacts$"))
    await expect(page.get_by_role("button", name="Continue with Google")).to_be_visible()
    await page.get_by_role("button", name="Continue with GitHub").click()

    # The provider's address belongs to an existing account: prove it is yours first.
    await expect(page).to_have_url(re.compile(r"/login/link\?"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Connect your account")
    await expect(page.get_by_text(account.email, exact=True)).to_be_visible()
    await page.get_by_label("Password").fill("not the password")
    await page.get_by_role("button", name="Connect account").click()
    await expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")

    await page.get_by_label("Password").fill(account.password)
    await page.get_by_role("button", name="Connect account").click()
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect_signed_in_as(page, account.name)
    assert await OAuthAccount.exists(provider="github", subject=provider.github_user.subject)

    # Linked: the next GitHub sign-in goes straight to the page that was asked for.
    await page.get_by_role("banner").get_by_role("button", name="Log out").click()
    await expect(page).to_have_url(re.compile(r"/login$"))
    await page.goto(live_server + "/campaigns")
    await page.get_by_role("button", name="Continue with GitHub").click()
    await expect(page).to_have_url(re.compile(r"/campaigns$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Campaigns")
    await expect_signed_in_as(page, account.name)


async def test_link_with_an_emailed_code(
    page: Page, live_server: str, account: Account, provider: FakeOAuthProvider, inbox: Inbox
) -> None:
    await page.goto(live_server + "/login")
    await page.get_by_role("button", name="Continue with Google").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Connect your account")
    await page.get_by_role("button", name="Email me a code instead").click()
    code = await inbox.code_for(account.email)
    await page.get_by_label("Verification code").fill(code)
    await page.get_by_role("button", name="Connect account").click()
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect_signed_in_as(page, account.name)


async def test_provider_refusal_is_explained_on_the_login_page(
    page: Page, live_server: str, provider: FakeOAuthProvider
) -> None:
    provider.deny = "access_denied"
    await page.goto(live_server + "/login")
    await page.get_by_role("button", name="Continue with Google").click()
    await expect(page).to_have_url(re.compile(r"/login\?error=oauth_failed$"))
    await expect(page.get_by_role("alert")).to_contain_text("did not work")
