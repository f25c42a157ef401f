"""The campaigns list in real Chromium follows a campaign sent from elsewhere (another tab, a
teammate, the scheduler) through its progress events, without a reload; the activity page of a
sent campaign fits a phone's screen; a scheduled campaign goes back to draft to be changed; a
campaign is scheduled at a time in each reader's zone, and its activity page lists who is still
to go; a campaign is paused, resumed and its failed recipient retried from the activity page,
and another cancelled there after a confirmation."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Browser, Page, expect

from models.campaigns import Campaign, CampaignStatus
from models.contacts import Contact
from server.campaigns import sending
from server.core.config import get_config
from server.mail.mailbox import list_messages
from tests.browser.conftest import Inbox
from tests.browser.flows import expect_no_sideways_scroll, expect_socket_live, expect_within_width
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import Owner, make_owner, wait_until

pytestmark = pytest.mark.browser


async def signed_in_owner(page: Page, live_server: str) -> Owner:
    """An owner of three contacts, signed in in this browser."""
    owner = await make_owner(contacts=3)
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": live_server} for k, v in owner.login.cookies.items()]
    )
    return owner


async def draft_campaign(
    http: aiohttp.ClientSession, live_server: str, owner: Owner, name: str
) -> dict[str, Any]:
    """A draft to the owner's list, made through the API as another tab would."""
    body = {
        "name": name,
        "thread_id": str(owner.thread_id),
        "audience": {"list_ids": [str(owner.list_id)], "tags": []},
    }
    async with http.post(
        f"{live_server}/api/campaigns", json=body, headers=owner.login.headers()
    ) as created:
        assert created.status == 201, await created.text()
        campaign: dict[str, Any] = await created.json()
    return campaign


async def send_campaign(
    http: aiohttp.ClientSession, live_server: str, owner: Owner, campaign: dict[str, Any]
) -> None:
    async with http.post(
        f"{live_server}/api/campaigns/{campaign['id']}/send", headers=owner.login.headers()
    ) as sent:
        assert sent.status == 202, await sent.text()


async def test_the_campaign_list_follows_a_send_made_elsewhere(
    page: Page, live_server: str, inbox: Inbox, running_worker: object
) -> None:
    owner = await signed_in_owner(page, live_server)
    async with aiohttp.ClientSession() as http:
        campaign = await draft_campaign(http, live_server, owner, "Spring")

        await page.goto(live_server + "/campaigns")
        await expect_socket_live(page)
        row = page.get_by_role("row").filter(has_text="Spring")
        status = row.get_by_role("cell").nth(2)
        await expect(status).to_have_text("draft")

        # Sent from another tab: this page only hears of it through the socket.
        await send_campaign(http, live_server, owner, campaign)

    await expect(status).to_have_text("sent", timeout=30_000)
    # No longer a draft: the name leads to its activity, and the total is the audience.
    await expect(row.get_by_role("link", name="Spring")).to_have_attribute(
        "href", f"/activity?campaign={campaign['id']}"
    )
    await expect(row.get_by_role("cell").nth(3)).to_have_text("3")
    assert len(list_messages(inbox.directory)) == 3


async def test_activity_fits_a_phone_screen(
    page: Page, live_server: str, inbox: Inbox, running_worker: object
) -> None:
    """The recipients table stacks each recipient under its column's labels instead of
    scrolling sideways; the page itself is never wider than a phone's screen."""
    owner = await signed_in_owner(page, live_server)
    async with aiohttp.ClientSession() as http:
        campaign = await draft_campaign(http, live_server, owner, "Pocket issue")
        await send_campaign(http, live_server, owner, campaign)

    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(f"{live_server}/activity?campaign={campaign['id']}")
    bar = page.get_by_role("progressbar", name="Pocket issue progress").first
    await expect(bar).to_have_attribute("value", "100", timeout=30_000)
    email = page.get_by_role("cell", name=owner.contacts[0].email)
    await expect(email).to_be_visible()
    row = page.get_by_role("row").filter(has=email)
    # The last column, which a sideways scroll used to hide, is within the screen's width.
    await expect_within_width(page, row.locator("td[data-label=Sent]"))
    await expect_no_sideways_scroll(page)


async def test_the_campaign_list_fits_a_phone_screen(page: Page, live_server: str) -> None:
    """Each campaign is a block of labelled lines with its buttons under it, none of them
    behind a sideways scroll."""
    owner = await signed_in_owner(page, live_server)
    async with aiohttp.ClientSession() as http:
        await draft_campaign(http, live_server, owner, "Pocket draft with a long name")

    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(live_server + "/campaigns")
    row = page.get_by_role("row").filter(has_text="Pocket draft with a long name")
    await expect(row.get_by_role("cell").nth(2)).to_have_text("draft")
    for action in ("Delete", "Continue", "Duplicate"):
        button = row.get_by_role("button", name=f"{action} Pocket draft with a long name")
        await expect_within_width(page, button)
    await expect_no_sideways_scroll(page)

    # The same buttons still work from there: Continue opens the draft.
    await row.get_by_role("button", name="Continue Pocket draft with a long name").click()
    await expect(page.get_by_role("region", name="Draft campaign")).to_be_visible()


async def test_a_sent_campaign_is_duplicated_and_the_copy_sent_from_the_list(
    page: Page, live_server: str, inbox: Inbox, running_worker: object
) -> None:
    owner = await signed_in_owner(page, live_server)
    async with aiohttp.ClientSession() as http:
        campaign = await draft_campaign(http, live_server, owner, "Spring")
        await send_campaign(http, live_server, owner, campaign)

    await page.goto(live_server + "/campaigns")
    row = page.get_by_role("row").filter(has_text="Spring")
    await expect(row.get_by_role("cell").nth(2)).to_have_text("sent", timeout=30_000)
    await row.get_by_role("button", name="Duplicate Spring").click()
    wizard = page.get_by_role("region", name="Draft campaign")
    await expect(wizard.get_by_text("Spring (copy)")).to_be_visible()
    await wizard.get_by_role("button", name="Send now").click()

    await expect(page).to_have_url(re.compile(r"/activity\?campaign="))
    bar = page.get_by_role("progressbar", name="Spring (copy) progress").first
    await expect(bar).to_have_attribute("value", "100", timeout=30_000)
    # Each contact got the first campaign and its copy, once each.
    received = list_messages(inbox.directory)
    for contact in owner.contacts:
        assert len([m for m in received if contact.email in m.envelope_to]) == 2, contact.email


async def test_a_scheduled_campaign_goes_back_to_draft_and_is_changed_before_it_goes(
    page: Page, live_server: str
) -> None:
    owner = await signed_in_owner(page, live_server)
    async with aiohttp.ClientSession() as http:
        campaign = await draft_campaign(http, live_server, owner, "Autumn")
        async with http.post(
            f"{live_server}/api/campaigns/{campaign['id']}/schedule",
            json={"send_at": "2099-10-01T09:00:00", "timezone": "Europe/Paris"},
            headers=owner.login.headers(),
        ) as scheduled:
            assert scheduled.status == 200, await scheduled.text()

    await page.goto(f"{live_server}/activity?campaign={campaign['id']}")
    await expect(page.get_by_test_id("campaign-status")).to_have_text("scheduled")
    await page.get_by_role("button", name="Back to draft").click()
    # The draft opens on Campaigns, at its confirm step, to be changed and sent again.
    await expect(page).to_have_url(re.compile(r"/campaigns\?draft="))
    wizard = page.get_by_role("region", name="Draft campaign")
    await expect(wizard.get_by_role("button", name="Send now")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Autumn")
    await expect(row.get_by_role("cell").nth(2)).to_have_text("draft")
    await wizard.get_by_role("button", name="Back").click()
    await wizard.get_by_label("Subject").fill("Autumn rides, new times")
    await wizard.get_by_role("button", name="Next").click()
    await expect(wizard.get_by_text("Autumn rides, new times")).to_be_visible()
    stored = await Campaign.get(id=campaign["id"])
    assert (stored.status, stored.subject, stored.send_at) == (
        CampaignStatus.draft,
        "Autumn rides, new times",
        None,
    )


async def zoned_draft(page: Page, live_server: str) -> tuple[Owner, dict[str, Any]]:
    """A signed-in owner whose three readers are in Tokyo, New York and no zone, and a draft
    "Autumn" to them."""
    owner = await signed_in_owner(page, live_server)
    tokyo, new_york, _ = owner.contacts
    await Contact.filter(id=tokyo.id).update(timezone="Asia/Tokyo")
    await Contact.filter(id=new_york.id).update(timezone="America/New_York")
    async with aiohttp.ClientSession() as http:
        campaign = await draft_campaign(http, live_server, owner, "Autumn")
    return owner, campaign


async def test_a_campaign_is_scheduled_at_a_time_in_each_readers_zone(
    page: Page, live_server: str
) -> None:
    _, campaign = await zoned_draft(page, live_server)

    await page.goto(f"{live_server}/campaigns?draft={campaign['id']}")
    wizard = page.get_by_role("region", name="Draft campaign")
    await wizard.get_by_label("Time zone", exact=True).select_option("Europe/Paris")
    await expect(wizard.get_by_test_id("reader-zone-hint")).to_have_text(
        "2 of 3 readers have a time zone (2 zones); the other 1 get it in Europe/Paris."
    )
    await wizard.get_by_label("Send at").fill("2099-10-01T09:00")
    await wizard.get_by_role("checkbox", name="At this time in each reader's time zone").check()
    await wizard.get_by_role("button", name="Schedule").click()

    # The activity page it goes to, then the list, say when in the words of the zone chosen.
    when = (
        r"Oct 1, 2099, 9:00\sAM in each reader's time zone \(Europe/Paris for readers without one\)"
    )
    await expect(page.get_by_test_id("campaign-schedule")).to_have_text(
        re.compile(rf"^Scheduled for {when}\.$")
    )
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="Campaigns").click()
    row = page.get_by_role("row").filter(has_text="Autumn")
    await expect(row.get_by_role("cell").nth(2)).to_have_text(
        re.compile(rf"^scheduled for {when}$")
    )
    stored = await Campaign.get(id=campaign["id"])
    assert stored.reader_time_zone is True
    # Tokyo's 9:00 comes first.
    assert stored.starts_at == datetime(2099, 10, 1, 0, 0, tzinfo=UTC)


async def test_the_activity_page_lists_who_is_still_to_go_in_each_readers_zone(
    browser: Browser, live_server: str
) -> None:
    # The viewer is in Chicago: the times are shown in theirs.
    context = await browser.new_context(timezone_id="America/Chicago")
    page = await context.new_page()
    owner, campaign = await zoned_draft(page, live_server)
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{live_server}/api/campaigns/{campaign['id']}/schedule",
            json={
                "send_at": "2099-10-01T09:00:00",
                "timezone": "Europe/Paris",
                "reader_time_zone": True,
            },
            headers=owner.login.headers(),
        ) as scheduled,
    ):
        starts_at = datetime.fromisoformat((await scheduled.json())["starts_at"])
    # The scheduler's tick at Tokyo's 9:00 starts it; the expansion gives each reader a time.
    assert (await sending.tick(starts_at + timedelta(seconds=1)))["started"] == 1
    assert await sending.expand(campaign["id"]) == 3

    await page.goto(f"{live_server}/activity?campaign={campaign['id']}")
    await expect(page.get_by_test_id("campaign-status")).to_have_text("sending")
    still = page.get_by_role("region", name="Still to go")
    # Tokyo, then Paris (the campaign's zone, for the reader without one), then New York.
    await expect(still.get_by_role("listitem")).to_have_text(
        [
            re.compile(r"^1 reader at Sep 30, 2099, 7:00\sPM$"),
            re.compile(r"^1 reader at Oct 1, 2099, 2:00\sAM$"),
            re.compile(r"^1 reader at Oct 1, 2099, 8:00\sAM$"),
        ]
    )
    await context.close()


async def slow_send_on_activity(
    page: Page,
    live_server: str,
    handler: ScriptedHandler,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    contacts: int,
) -> Owner:
    """A campaign to ``contacts`` people going out over one connection at 0.2 s a message (time
    to press a button mid-send), the last of them refused by the server for good; the activity
    page open on it once the first messages have left."""
    monkeypatch.setattr(get_config(), "campaign_senders", 1)
    monkeypatch.setattr(get_config(), "campaign_concurrency", 1)
    handler.data_delay = 0.2
    owner = await make_owner(contacts=contacts)
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": live_server} for k, v in owner.login.cookies.items()]
    )
    handler.rcpt_replies[owner.contacts[-1].email] = "550 5.1.1 No such user"
    async with aiohttp.ClientSession() as http:
        campaign = await draft_campaign(http, live_server, owner, name)
        await send_campaign(http, live_server, owner, campaign)
    await page.goto(f"{live_server}/activity?campaign={campaign['id']}")
    await expect_socket_live(page)
    await expect(page.get_by_test_id("campaign-status")).to_have_text("sending")
    sent_some = re.compile(rf"^\d+% · [1-9]\d* of {contacts} sent$")
    await expect(page.get_by_text(sent_some).last).to_be_visible()
    return owner


async def expect_mail_stopped(handler: ScriptedHandler, *, before: int) -> None:
    """No message reaches the server for a second, after one more for a message that was
    already on the wire, and that happened before ``before`` had arrived."""
    await asyncio.sleep(1.0)
    stopped = len(handler.received)
    await asyncio.sleep(1.0)
    assert len(handler.received) == stopped < before


async def test_pause_resume_and_retry_failed_from_the_activity_page(
    page: Page,
    live_server: str,
    handler: ScriptedHandler,
    running_worker: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The buttons a user reaches for mid-send, in Chromium against a real SMTP server: Pause
    stops the mail within a second, Resume finishes it, and Retry failed sends the one
    recipient the server refused once the refusal is lifted, and nobody gets two copies."""
    owner = await slow_send_on_activity(page, live_server, handler, monkeypatch, "Mid-send", 30)
    refused = owner.contacts[-1].email
    status = page.get_by_test_id("campaign-status")
    await page.get_by_role("button", name="Pause").click()
    await expect(status).to_have_text("paused")
    await expect_mail_stopped(handler, before=29)

    handler.data_delay = 0
    await page.get_by_role("button", name="Resume").click()
    await expect(status).to_have_text("sent", timeout=30_000)
    bar = page.get_by_role("progressbar", name="Mid-send progress").last
    await expect(bar).to_have_attribute("value", "100")
    # The refusal is on the page, in words, with its recipient.
    await page.get_by_label("Status").select_option("failed")
    failed_row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=refused))
    await expect(failed_row).to_contain_text("does not exist")

    del handler.rcpt_replies[refused]
    await page.get_by_role("button", name="Retry failed").click()
    await expect(page.get_by_text("1 recipient queued again.")).to_be_visible()
    await wait_until(lambda: handler.count_for(refused) == 1)
    await expect(page.get_by_text("100% · 30 of 30 sent").last).to_be_visible(timeout=30_000)
    await expect(page.get_by_role("button", name="Retry failed")).to_have_count(0)
    assert all(handler.count_for(c.email) == 1 for c in owner.contacts)


async def test_cancel_from_the_activity_page_asks_first_then_stops_the_mail(
    page: Page,
    live_server: str,
    handler: ScriptedHandler,
    running_worker: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await slow_send_on_activity(page, live_server, handler, monkeypatch, "Called off", 30)
    await page.get_by_role("button", name="Cancel", exact=True).click()
    await expect(page.get_by_role("alert")).to_contain_text("it cannot be resumed")
    await page.get_by_role("button", name="Cancel campaign").click()
    await expect(page.get_by_test_id("campaign-status")).to_have_text("cancelled")
    await expect(page.get_by_text("Cancelled.")).to_be_visible()
    await expect_mail_stopped(handler, before=29)
    # Nothing is offered that a cancelled campaign cannot do.
    for name in ("Pause", "Resume", "Cancel", "Retry failed"):
        await expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
