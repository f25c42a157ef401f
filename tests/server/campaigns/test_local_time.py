"""Sending at a time in each reader's zone: the times, the schedule, the scheduler and the
senders, through a real worker and a real SMTP server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from quart.typing import TestClientProtocol

from models.campaigns import Campaign, CampaignEvent, CampaignRecipient, CampaignStatus
from models.contacts import Contact
from server.campaigns import local_time, sending
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import (
    Owner,
    create_campaign,
    make_owner,
    wait_for_status,
    wait_until,
)

PARIS = ZoneInfo("Europe/Paris")


def test_each_zone_gets_the_wall_clock_time_in_its_own_offset() -> None:
    local = datetime(2027, 7, 6, 9, 0)
    due = local_time.due_times(
        local, "Europe/Paris", ["America/New_York", "Pacific/Auckland", None, "Mars/Olympus"]
    )
    # Summer in the north, winter in the south; an unknown zone is left to the campaign's.
    assert due == {
        "Europe/Paris": datetime(2027, 7, 6, 7, 0, tzinfo=UTC),
        "America/New_York": datetime(2027, 7, 6, 13, 0, tzinfo=UTC),
        "Pacific/Auckland": datetime(2027, 7, 5, 21, 0, tzinfo=UTC),
    }
    assert local_time.earliest(due) == ("Pacific/Auckland", datetime(2027, 7, 5, 21, 0, tzinfo=UTC))
    assert local_time.due_for(None, due, "Europe/Paris") == due["Europe/Paris"]
    assert local_time.due_for("Mars/Olympus", due, "Europe/Paris") == due["Europe/Paris"]
    assert local_time.local_wall(due["America/New_York"], "America/New_York") == local


def test_the_wall_clock_time_follows_daylight_saving_in_each_zone() -> None:
    winter = local_time.due_times(datetime(2027, 1, 12, 9, 0), "Europe/Paris", ["America/New_York"])
    assert winter["America/New_York"] == datetime(2027, 1, 12, 14, 0, tzinfo=UTC)
    assert winter["Europe/Paris"] == datetime(2027, 1, 12, 8, 0, tzinfo=UTC)


async def _zones(owner: Owner, *names: str | None) -> None:
    for person, name in zip(owner.contacts, names, strict=False):
        await Contact.filter(id=person.id).update(timezone=name)


async def test_the_audience_count_names_the_readers_zones(
    client: TestClientProtocol, owner: Owner
) -> None:
    await _zones(owner, "America/New_York", "America/New_York", "Asia/Tokyo")
    response = await client.post(
        "/api/campaigns/audience-count",
        json={"list_ids": [str(owner.list_id)], "tags": []},
        headers=owner.login.headers(),
    )
    assert response.status_code == 200
    assert await response.get_json() == {
        "recipients": 5,
        "time_zones": [
            {"timezone": "America/New_York", "recipients": 2},
            {"timezone": None, "recipients": 2},
            {"timezone": "Asia/Tokyo", "recipients": 1},
        ],
    }


async def _schedule(
    client: TestClientProtocol, owner: Owner, campaign: dict[str, Any], local: datetime, zone: str
) -> Any:
    return await client.post(
        f"/api/campaigns/{campaign['id']}/schedule",
        json={
            "send_at": local.replace(tzinfo=None).isoformat(),
            "timezone": zone,
            "reader_time_zone": True,
        },
        headers=owner.login.headers(),
    )


async def test_a_campaign_in_the_readers_zones_starts_at_the_first_of_them(
    client: TestClientProtocol, owner: Owner
) -> None:
    await _zones(owner, "Pacific/Auckland", "America/Los_Angeles")
    campaign = await create_campaign(client, owner)
    local = (datetime.now(PARIS) + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    response = await _schedule(client, owner, campaign, local, "Europe/Paris")
    assert response.status_code == 200, await response.get_data(as_text=True)
    body = await response.get_json()
    naive = local.replace(tzinfo=None)
    auckland = naive.replace(tzinfo=ZoneInfo("Pacific/Auckland")).astimezone(UTC)
    assert body["reader_time_zone"] is True
    assert datetime.fromisoformat(body["send_at"]) == local.astimezone(UTC)
    assert datetime.fromisoformat(body["starts_at"]) == auckland
    event = await CampaignEvent.get(campaign_id=campaign["id"], kind="scheduled")
    assert event.data["reader_time_zone"] is True
    assert event.data["local"] == naive.isoformat()

    # The scheduler starts it at Auckland's 9:00, not Paris's.
    assert (await sending.tick(auckland - timedelta(seconds=1)))["started"] == 0
    assert (await sending.tick(auckland + timedelta(seconds=1)))["started"] == 1
    assert (await Campaign.get(id=campaign["id"])).status is CampaignStatus.sending


async def test_a_time_already_past_for_some_readers_is_refused_naming_their_zone(
    client: TestClientProtocol, owner: Owner
) -> None:
    await _zones(owner, "Pacific/Auckland", "Pacific/Auckland", "Europe/Paris")
    campaign = await create_campaign(client, owner)
    # Two hours from now in Paris is long past in Auckland, twelve hours ahead.
    local = datetime.now(PARIS) + timedelta(hours=2)
    response = await _schedule(client, owner, campaign, local, "Europe/Paris")
    assert response.status_code == 422
    body = await response.get_json()
    assert body["code"] == "schedule_in_past"
    assert body["details"]["timezone"] == "Pacific/Auckland"
    assert body["details"]["readers"] == 2
    assert "Pacific/Auckland" in body["message"]
    assert (await Campaign.get(id=campaign["id"])).status is CampaignStatus.draft

    # The same time for everyone in Paris is fine.
    plain = await client.post(
        f"/api/campaigns/{campaign['id']}/schedule",
        json={"send_at": local.replace(tzinfo=None).isoformat(), "timezone": "Europe/Paris"},
        headers=owner.login.headers(),
    )
    assert plain.status_code == 200
    assert (await plain.get_json())["reader_time_zone"] is False


async def test_going_back_to_draft_or_sending_now_forgets_the_readers_zones(
    client: TestClientProtocol, owner: Owner
) -> None:
    await _zones(owner, "Asia/Tokyo")
    campaign = await create_campaign(client, owner)
    local = datetime.now(PARIS) + timedelta(days=2)
    assert (await _schedule(client, owner, campaign, local, "Europe/Paris")).status_code == 200
    url = f"/api/campaigns/{campaign['id']}"
    back = await client.post(f"{url}/unschedule", headers=owner.login.headers())
    assert back.status_code == 200
    body = await back.get_json()
    assert (body["reader_time_zone"], body["starts_at"]) == (False, None)

    assert (await _schedule(client, owner, campaign, local, "Europe/Paris")).status_code == 200
    now = await client.post(f"{url}/send", headers=owner.login.headers())
    assert now.status_code == 202
    assert (await Campaign.get(id=campaign["id"])).reader_time_zone is False
    assert await sending.expand(campaign["id"]) == 5
    # Nobody waits for a time of their own: every row is claimable at once.
    assert not await CampaignRecipient.filter(
        campaign_id=campaign["id"], next_attempt_at__not_isnull=True
    ).exists()


async def test_each_reader_gets_it_at_their_own_time_and_only_then(
    client: TestClientProtocol, handler: ScriptedHandler, running_worker: object
) -> None:
    owner = await make_owner(contacts=4)
    first, eastern, _, london = owner.contacts
    # Kiritimati (UTC+14) is the first place any wall-clock time comes round: its readers are
    # due a few seconds from now, everyone else hours later.
    await _zones(owner, "Pacific/Kiritimati", "America/New_York", None, "Europe/London")
    campaign = await create_campaign(client, owner)
    local = datetime.now(ZoneInfo("Pacific/Kiritimati")) + timedelta(seconds=4)
    response = await _schedule(client, owner, campaign, local, "America/New_York")
    assert response.status_code == 200, await response.get_data(as_text=True)
    starts_at = datetime.fromisoformat((await response.get_json())["starts_at"])
    assert abs((starts_at - local.astimezone(UTC)).total_seconds()) < 0.001

    await wait_until(lambda: datetime.now(UTC) > starts_at, seconds=10)
    await sending.tick()
    await wait_until(lambda: handler.count_for(first.email) == 1)
    rows = {r.contact_id: r for r in await CampaignRecipient.filter(campaign_id=campaign["id"])}
    naive = local.replace(tzinfo=None)

    def at(zone: str) -> datetime:
        return naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)

    assert rows[eastern.id].next_attempt_at == at("America/New_York")
    assert rows[london.id].next_attempt_at == at("Europe/London")
    # A reader without a zone gets the campaign's.
    assert rows[owner.contacts[2].id].next_attempt_at == at("America/New_York")
    assert rows[london.id].status == "queued"
    # Who is still to go, and when: London's 9:00 comes before New York's.
    response = await client.get(
        f"/api/campaigns/{campaign['id']}/upcoming", headers=owner.login.headers()
    )
    assert response.status_code == 200
    upcoming = await response.get_json()
    assert upcoming["waiting"] == 3
    assert [(datetime.fromisoformat(g["at"]), g["recipients"]) for g in upcoming["items"]] == [
        (at("Europe/London"), 1),
        (at("America/New_York"), 2),
    ]
    # Each waiting recipient says when it is due; the one sent does not.
    listed = await client.get(
        f"/api/campaigns/{campaign['id']}/recipients", headers=owner.login.headers()
    )
    due = {r["email"]: r["due_at"] for r in (await listed.get_json())["items"]}
    assert datetime.fromisoformat(due[london.email]) == at("Europe/London")
    assert datetime.fromisoformat(due[eastern.email]) == at("America/New_York")
    assert due[first.email] is None

    # Hours to go for the others: the campaign keeps sending, and mails nobody else early.
    await asyncio.sleep(1.5)
    assert (await Campaign.get(id=campaign["id"])).status is CampaignStatus.sending
    assert len(handler.received) == 1

    # Their time comes (the clock is moved to them): each gets exactly one copy, and it ends.
    await CampaignRecipient.filter(campaign_id=campaign["id"], status="queued").update(
        next_attempt_at=datetime.now(UTC)
    )
    done = await wait_for_status(campaign["id"], CampaignStatus.sent)
    assert done.total == 4
    for person in owner.contacts:
        assert handler.count_for(person.email) == 1
