"""Real Chromium through Playwright, against the app served by Uvicorn.

Accounts are real: users are created through the service layer's factories or signed up in
the UI, and emailed codes are read from a real SMTP sink after the real worker delivers them.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from bench.browser import CHROMIUM, FLAGS, missing
from server.core.config import Config
from server.mail.mailbox import get_message, list_messages
from server.message_templates.catalog import seed_catalog
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.jobs.worker_harness import run_worker_burst

# The campaign tests' scripted SMTP server (refusals, delays), for the activity page's tests.
from tests.server.campaigns.conftest import handler, smtp  # noqa: F401


def _unavailable(reason: str) -> None:
    # CI must run the browser tests; a laptop without Chromium is told how to get it.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    reason = missing()
    if reason is not None:
        _unavailable(reason)
    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        await instance.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    page = await context.new_page()
    yield page
    await context.close()


@dataclass
class Account:
    email: str
    password: str
    name: str


@pytest.fixture
async def catalog(db: None) -> None:
    """The marketplace templates, as ``make seed`` loads them."""
    await seed_catalog()


@pytest.fixture
async def account(db: None) -> Account:
    """A verified user with a password, made through the real models and password hashing."""
    user = await make_user("grace@example.com", name="Grace Hopper", password=DEFAULT_PASSWORD)
    return Account(email=user.email, password=DEFAULT_PASSWORD, name=user.name)


class Inbox:
    """The dev mail sink on a free port; ``code_for`` runs the worker until the mail lands."""

    def __init__(self, config: Config, directory: Path) -> None:
        self.config = config
        self.directory = directory

    async def code_for(self, email: str, *, attempts: int = 20) -> str:
        for _ in range(attempts):
            await run_worker_burst(self.config)
            for summary in list_messages(self.directory):  # newest first
                if email not in summary.envelope_to:
                    continue
                message = get_message(self.directory, summary.id)
                assert message is not None
                match = re.search(r"\b(\d{6})\b", message.text or "")
                if match:
                    return match.group(1)
            await asyncio.sleep(0.1)
        raise AssertionError(f"no code reached {email}")


@pytest.fixture
def inbox(platform_mailbox: Path, config: Config, db: None) -> Inbox:
    return Inbox(config, platform_mailbox)
