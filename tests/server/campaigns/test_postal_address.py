"""Campaigns never mail without a real postal address: send, schedule and test sends refuse
until one is set in Settings, and the snapshot taken at start carries the current identity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from quart.typing import TestClientProtocol

from models.campaigns import Campaign, CampaignEvent, CampaignStatus
from server.campaigns import sending
from tests.server.campaigns.conftest import create_campaign, make_owner


async def test_without_an_address_sending_is_refused_until_one_is_set_in_settings(
    client: TestClientProtocol, db: None
) -> None:
    owner = await make_owner(postal_address="")
    headers = owner.login.headers()
    # Drafting does not need the address yet.
    campaign = await create_campaign(client, owner)
    assert (await Campaign.get(id=campaign["id"])).content["postal_address"] == ""
    url = f"/api/campaigns/{campaign['id']}"

    refusals = [
        await client.post(f"{url}/send", headers=headers),
        await client.post(
            f"{url}/schedule",
            json={"send_at": "2099-01-01T09:00:00", "timezone": "Europe/Paris"},
            headers=headers,
        ),
        await client.post(f"{url}/test", json={"email": "me@example.com"}, headers=headers),
    ]
    for refused in refusals:
        assert refused.status_code == 422
        body = await refused.get_json()
        assert body["code"] == "postal_address_missing"
        assert "Settings" in body["message"]
        assert body["details"] == {"settings_url": "/settings"}
    assert (await Campaign.get(id=campaign["id"])).status is CampaignStatus.draft

    patched = await client.patch(
        "/api/workspace",
        json={"sender_name": "The Harbour Post", "postal_address": "1 Harbour Street\nBristol"},
        headers=headers,
    )
    assert patched.status_code == 200
    sent = await client.post(f"{url}/send", headers=headers)
    assert sent.status_code == 202, await sent.get_json()
    started = await Campaign.get(id=campaign["id"])
    assert started.status is CampaignStatus.sending
    assert started.content["postal_address"] == "1 Harbour Street\nBristol"
    assert started.content["sender_name"] == "The Harbour Post"


async def test_a_scheduled_campaign_starts_with_the_identity_set_since(
    client: TestClientProtocol, db: None
) -> None:
    owner = await make_owner(postal_address="Old Mill, Leeds")
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner)
    send_at = datetime.now(UTC) + timedelta(minutes=5)
    scheduled = await client.post(
        f"/api/campaigns/{campaign['id']}/schedule",
        json={"send_at": send_at.replace(tzinfo=None).isoformat(), "timezone": "UTC"},
        headers=headers,
    )
    assert scheduled.status_code == 200, await scheduled.get_json()
    await client.patch(
        "/api/workspace",
        json={"sender_name": "Mill News", "postal_address": "2 New Road\nYork"},
        headers=headers,
    )

    assert (await sending.tick(send_at + timedelta(seconds=1)))["started"] == 1
    started = await Campaign.get(id=campaign["id"])
    assert started.status is CampaignStatus.sending
    assert (started.content["sender_name"], started.content["postal_address"]) == (
        "Mill News",
        "2 New Road\nYork",
    )


async def test_clearing_the_address_keeps_the_one_a_campaign_already_has(
    client: TestClientProtocol, db: None
) -> None:
    owner = await make_owner()
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner)
    await client.patch("/api/workspace", json={"postal_address": ""}, headers=headers)
    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    assert sent.status_code == 202, await sent.get_json()
    started = await Campaign.get(id=campaign["id"])
    assert started.content["postal_address"] == "1 Harbour Street\nBristol BS1 4XX"


async def test_a_scheduled_campaign_whose_address_was_removed_goes_back_to_draft(
    client: TestClientProtocol, db: None
) -> None:
    owner = await make_owner(postal_address="")
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner)
    await client.patch(
        "/api/workspace", json={"postal_address": "Old Mill, Leeds"}, headers=headers
    )
    send_at = datetime.now(UTC) + timedelta(minutes=5)
    scheduled = await client.post(
        f"/api/campaigns/{campaign['id']}/schedule",
        json={"send_at": send_at.replace(tzinfo=None).isoformat(), "timezone": "UTC"},
        headers=headers,
    )
    assert scheduled.status_code == 200, await scheduled.get_json()
    # The draft's own snapshot predates the address, so nothing is left to print.
    await client.patch("/api/workspace", json={"postal_address": ""}, headers=headers)

    assert (await sending.tick(send_at + timedelta(seconds=1)))["started"] == 0
    unscheduled = await Campaign.get(id=campaign["id"])
    assert unscheduled.status is CampaignStatus.draft
    assert unscheduled.status_reason is not None
    assert "postal address" in unscheduled.status_reason
    assert "Settings" in unscheduled.status_reason
    assert unscheduled.send_at is None
    events = {e.kind: e for e in await CampaignEvent.filter(campaign_id=campaign["id"])}
    assert events["unscheduled"].data["reason"] == "postal_address_missing"
    assert "started" not in events
    listed = await client.get("/api/campaigns", headers=headers)
    [row] = [c for c in (await listed.get_json())["items"] if c["id"] == campaign["id"]]
    assert row["status"] == "draft"
    assert row["status_reason"] == unscheduled.status_reason
