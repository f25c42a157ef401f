"""Chat in real Chromium: a brief goes in, the offline drafter's reply streams into the page
token by token, survives a reload in the middle and at the end, and the draft preview fills in;
"Use this draft" then leads to a template that opens in the editor holding the draft.

The worker runs in-process beside the server, as a long-running ARQ worker (not a burst), so
the reply is written while the page watches. The offline drafter is slowed down word by word,
and for the reload test it holds at named words until the test lets it go on, so what the page
shows mid-reply is checked while the reply is surely mid-way, however slow the machine.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator

import pytest
from arq.worker import Worker
from playwright.async_api import Locator, Page, expect

from agents.providers.offline import OFFLINE_NOTICE
from models.accounts import User
from models.chat import ChatMessage, ChatThread, MessageRole, MessageStatus
from server.core.config import Config
from tests.browser.conftest import Account
from tests.browser.flows import expect_socket_live, log_in_with_password
from tests.factories import make_draft_thread
from tests.fakes.drafter import HeldDrafter, hold_offline_drafter

pytestmark = pytest.mark.browser

BRIEF = "Monthly update for our bakery: new sourdough, Saturday workshop, holiday hours"
# Seconds between two words of the offline draft: a few seconds for the whole reply.
WORD_DELAY = 0.03
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture
def slow_drafter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real offline drafter, pausing between words like a model would."""
    hold_offline_drafter(monkeypatch, [], WORD_DELAY)


# The offline draft has about 80 words: hold once the subject is out, and again mid-way.
FIRST_HOLD, SECOND_HOLD = 8, 30


@pytest.fixture
def held_drafter(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldDrafter]:
    held = hold_offline_drafter(monkeypatch, [FIRST_HOLD, SECOND_HOLD], WORD_DELAY)
    yield held
    held.release_all()  # a failed test must not leave a reply hanging


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def history(page: Page) -> Locator:
    return page.get_by_role("log", name="Conversation history")


def reply_of(page: Page) -> Locator:
    """The newest message in the conversation (the assistant's reply after a send)."""
    return history(page).locator("article").last


async def reply_text(page: Page) -> str:
    return squash(await reply_of(page).locator(".chat-message__content").inner_text())


async def text_after_change(page: Page, before: str, seconds: float = 10) -> str:
    """The reply's text once it differs from ``before``: proof that it grows on screen."""
    for _ in range(int(seconds / 0.05)):
        now = await reply_text(page)
        if now != before:
            return now
        await asyncio.sleep(0.05)
    raise AssertionError(f"the reply stopped growing at {before!r}")


async def text_caught_up_with(page: Page, prefix: str, seconds: float = 10) -> str:
    """The reply's text once it starts with ``prefix``. After a reload the page shows the text
    the server has stored, then replays the tokens after it, so it may trail for a moment."""
    now = ""
    for _ in range(int(seconds / 0.05)):
        now = await reply_text(page)
        if now.startswith(prefix):
            return now
        await asyncio.sleep(0.05)
    raise AssertionError(f"the reply {now!r} never caught up with {prefix!r}")


async def open_chat(page: Page, live_server: str, account: Account) -> None:
    await page.goto(live_server + "/chat")
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Chat")


async def send_brief(page: Page) -> str:
    """Types the brief in the empty state and sends it; returns the new thread's id."""
    await expect(page.get_by_role("heading", level=2, name="Conversations")).to_be_visible()
    await page.get_by_label("Message").fill(BRIEF)
    await page.get_by_label("Message").press("Enter")
    await expect(page).to_have_url(re.compile(rf"/chat/{UUID}$"))
    match = re.search(rf"/chat/({UUID})$", page.url)
    assert match is not None
    return match.group(1)


async def expect_finished_draft(page: Page) -> None:
    await expect(reply_of(page)).not_to_have_attribute("aria-busy", "true", timeout=30_000)
    await expect(reply_of(page)).to_have_attribute("data-status", "complete")
    preview = page.get_by_role("region", name="Draft preview")
    await expect(preview.get_by_text("Subject", exact=True)).to_be_visible()
    steps = preview.get_by_role("list", name="Workflow")
    await expect(steps.locator("[aria-current=step]")).to_have_text("Reviewing")
    await expect(preview.get_by_role("button", name="Use this draft")).to_be_enabled()
    await expect(page.get_by_label("Message")).to_be_enabled()


async def stored_reply() -> ChatMessage:
    reply = await ChatMessage.filter(role=MessageRole.assistant).order_by("-created_at").first()
    assert reply is not None
    return reply


@pytest.mark.parametrize("writer", ["worker", "web"])
async def test_reply_streams_and_survives_reloads(
    page: Page,
    live_server: str,
    account: Account,
    running_worker: Worker,
    held_drafter: HeldDrafter,
    catalog: None,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
    writer: str,
) -> None:
    # Either a worker writes the reply or the web process that took the message does.
    monkeypatch.setattr(config, "chat_replies_in_web", writer == "web")
    await open_chat(page, live_server, account)
    await expect_socket_live(page)
    await expect(page.get_by_text("Describe your newsletter")).to_be_visible()

    thread_id = await send_brief(page)
    await expect(history(page).get_by_text(BRIEF)).to_be_visible()
    # The reply streams in: the composer waits, and the text grows while the cursor shows.
    await held_drafter.reached(FIRST_HOLD)
    await expect(page.get_by_label("Message")).to_be_disabled()
    await expect(reply_of(page)).to_have_attribute("aria-busy", "true")
    await expect(reply_of(page).locator(".chat-cursor")).to_be_attached()
    await expect(reply_of(page)).to_contain_text("Subject:")
    first = await reply_text(page)
    held_drafter.release(FIRST_HOLD)
    partial = await text_after_change(page, first)
    await held_drafter.reached(SECOND_HOLD)
    assert (await stored_reply()).status in (MessageStatus.pending, MessageStatus.streaming)

    # Reload mid-reply: the text so far comes back from the server and the stream goes on.
    await page.reload()
    await expect(page).to_have_url(re.compile(rf"/chat/{thread_id}$"))
    await expect(reply_of(page)).to_contain_text("Subject:")
    await expect(reply_of(page)).to_have_attribute("aria-busy", "true")
    resumed = await text_caught_up_with(page, partial)
    assert resumed.startswith(partial)
    held_drafter.release(SECOND_HOLD)
    assert await text_after_change(page, resumed) != resumed
    await expect_finished_draft(page)
    finished = await reply_text(page)
    assert finished.startswith(partial)

    # The stored reply is the whole draft, every token once, and the page shows it all.
    stored = await stored_reply()
    assert stored.status is MessageStatus.complete
    draft = json.loads(stored.content)
    assert squash(draft["subject"]) in finished
    for section in draft["sections"]:
        assert squash(section["heading"]) in finished
    preview = page.get_by_role("region", name="Draft preview")
    await expect(preview).to_contain_text(draft["subject"])
    await expect(page.get_by_text(OFFLINE_NOTICE)).to_be_visible()

    # Reload after the end: the same text, the same draft, the thread in the list.
    await page.reload()
    await expect_finished_draft(page)
    assert await reply_text(page) == finished
    await expect(page.get_by_text(OFFLINE_NOTICE)).to_be_visible()
    thread_link = page.get_by_role("region", name="Conversations").get_by_role("link")
    await expect(thread_link).to_have_count(1)
    await expect(thread_link).to_have_attribute("aria-current", "page")
    await expect(thread_link).to_contain_text("Reviewing")

    await preview.get_by_role("button", name="Use this draft").click()
    await expect(page).to_have_url(re.compile(rf"/templates\?thread={thread_id}$"))
    await expect_draft_in_a_template(page, thread_id)


async def expect_draft_in_a_template(page: Page, thread_id: str) -> None:
    """On /templates?thread=<id>, a picked template opens in the editor with the draft in it."""
    thread = await ChatThread.get(id=thread_id)
    assert thread.draft is not None
    subject = str(thread.draft["subject"])
    drafted = thread.draft["sections"]
    assert isinstance(drafted, list)
    assert drafted

    newsletter = (
        page.get_by_role("tabpanel")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name="Classic newsletter", exact=True))
    )
    await newsletter.get_by_role("button", name="Use this template").click()
    await expect(page).to_have_url(re.compile(rf"/templates/{UUID}\?thread={thread_id}$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Edit template")
    blocks = page.get_by_role("list", name="Sections", exact=True).locator(":scope > li")
    for _ in range(2):  # as created, and again after a reload: it is what the server keeps
        await expect(page.get_by_role("status", name="Save status")).to_have_text("Saved")
        await expect(page.get_by_label("Template name")).to_have_value(subject)
        # The template's header image, each draft section as a heading and a text, its footer.
        await expect(blocks).to_have_count(1 + 2 * len(drafted) + 1)
        await expect(blocks.first.locator("img")).to_be_visible()
        for i, section in enumerate(drafted):
            heading, text = blocks.nth(1 + 2 * i), blocks.nth(2 + 2 * i)
            await expect(heading.get_by_label("Heading text")).to_have_value(section["heading"])
            await expect(text.get_by_label("Text", exact=True)).to_have_value(section["body"])
        await page.reload()

    # It edits and autosaves like any template.
    first = blocks.nth(1).get_by_label("Heading text")
    await first.fill("Fresh this month")
    await expect(page.get_by_role("status", name="Save status")).to_have_text("Saved")
    await page.reload()
    await expect(blocks.nth(1).get_by_label("Heading text")).to_have_value("Fresh this month")


async def test_reply_streams_over_sse_without_a_socket(
    page: Page,
    live_server: str,
    account: Account,
    running_worker: Worker,
    slow_drafter: None,
) -> None:
    # No Socket.IO at all (a proxy that drops websockets and polling): SSE carries the reply.
    await page.route(re.compile(r"/socket\.io/"), lambda route: route.abort())
    await open_chat(page, live_server, account)
    await send_brief(page)
    await expect(reply_of(page)).to_contain_text("Subject:")
    await expect_finished_draft(page)
    stored = await stored_reply()
    draft = json.loads(stored.content)
    assert squash(draft["subject"]) in await reply_text(page)
    status = page.get_by_role("status", name=re.compile("Realtime connection"))
    await expect(status).not_to_contain_text("Live")


async def test_rename_then_delete_a_conversation(
    page: Page, live_server: str, account: Account, catalog: None
) -> None:
    user = await User.get(email=account.email)
    thread_id = await make_draft_thread(user)
    await open_chat(page, live_server, account)
    await page.goto(f"{live_server}/chat/{thread_id}")
    threads = page.get_by_role("region", name="Conversations")
    await expect(threads.get_by_role("link", name=re.compile("Spring news"))).to_be_visible()

    await page.get_by_role("button", name="Rename").click()
    await page.get_by_label("Conversation title").fill("Spring, take two")
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_role("heading", level=2, name="Spring, take two")).to_be_visible()
    await expect(threads.get_by_role("link", name=re.compile("Spring, take two"))).to_be_visible()

    await page.get_by_role("button", name="Delete", exact=True).click()
    await page.get_by_role("button", name="Delete conversation").click()
    await expect(page).to_have_url(re.compile(r"/chat$"))
    await expect(threads.get_by_text("None yet.")).to_be_visible()
    assert not await ChatThread.exists(id=thread_id)
