"""A contact's timeline: its events, and its campaign sends read from the recipient rows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.accounts import Membership
from models.campaigns import Campaign, CampaignRecipient, CampaignStatus, RecipientStatus
from models.contacts import Contact, ContactEvent
from tests.factories import Login, login_as, make_user


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def _contact(login: Login) -> Contact:
    membership = await Membership.get(user=login.user).prefetch_related("workspace")
    return await Contact.create(
        id=uuid.uuid4(), workspace=membership.workspace, email="ada@example.org"
    )


async def _sent(contact: Contact, name: str, sent_at: datetime | None) -> CampaignRecipient:
    campaign = await Campaign.create(
        id=uuid.uuid4(),
        workspace_id=contact.workspace_id,  # type: ignore[attr-defined]
        name=name,
        subject="Hello",
        status=CampaignStatus.sent,
    )
    return await CampaignRecipient.create(
        campaign=campaign,
        contact=contact,
        email=contact.email,
        status=RecipientStatus.sent if sent_at else RecipientStatus.failed,
        message_id=f"<{uuid.uuid4().hex}@test>",
        sent_at=sent_at,
    )


async def _timeline(client: TestClientProtocol, login: Login, contact: Contact) -> Any:
    response = await client.get(f"/api/contacts/{contact.id}/timeline", headers=login.headers())
    assert response.status_code == 200
    return (await response.get_json())["items"]


async def test_sends_are_read_from_the_recipient_rows_in_order(
    client: TestClientProtocol, owner: Login
) -> None:
    contact = await _contact(owner)
    now = datetime.now(UTC)
    created = await ContactEvent.create(contact=contact, kind="created", data={})
    await ContactEvent.filter(id=created.id).update(created_at=now - timedelta(hours=3))
    first = await _sent(contact, "March", now - timedelta(hours=2))
    tagged = await ContactEvent.create(contact=contact, kind="tagged", data={"tags": ["vip"]})
    await ContactEvent.filter(id=tagged.id).update(created_at=now - timedelta(hours=1))
    second = await _sent(contact, "April", now - timedelta(minutes=5))
    await _sent(contact, "Not sent", None)

    items = await _timeline(client, owner, contact)

    assert [i["kind"] for i in items] == ["campaign_sent", "tagged", "campaign_sent", "created"]
    assert items[0] == {
        "id": -second.id,
        "kind": "campaign_sent",
        "data": {"campaign_id": str(second.campaign_id), "name": "April"},
        "created_at": items[0]["created_at"],
    }
    assert datetime.fromisoformat(items[0]["created_at"]) == second.sent_at
    assert items[2]["id"] == -first.id
    assert items[2]["data"]["name"] == "March"
    assert datetime.fromisoformat(items[2]["created_at"]) == first.sent_at
    assert items[1]["id"] == tagged.id


async def test_a_send_recorded_as_an_event_before_shows_once(
    client: TestClientProtocol, owner: Login
) -> None:
    contact = await _contact(owner)
    sent_at = datetime.now(UTC) - timedelta(days=1)
    recipient = await _sent(contact, "Winter", sent_at)
    campaign_id = str(recipient.campaign_id)
    # What the sender wrote for each send until sends were read from the recipient rows.
    await ContactEvent.create(
        contact=contact,
        kind="campaign_sent",
        data={"campaign_id": campaign_id, "name": "Winter"},
    )
    # An event of a send whose recipient row is not there stays on the timeline.
    orphan = await ContactEvent.create(
        contact=contact,
        kind="campaign_sent",
        data={"campaign_id": str(uuid.uuid4()), "name": "Gone"},
    )

    items = await _timeline(client, owner, contact)

    sends = [(i["id"], i["data"]["name"]) for i in items if i["kind"] == "campaign_sent"]
    assert sends == [(orphan.id, "Gone"), (-recipient.id, "Winter")]


async def test_other_workspaces_sends_stay_hidden(client: TestClientProtocol, owner: Login) -> None:
    contact = await _contact(owner)
    await _sent(contact, "Mine", datetime.now(UTC))
    other = await login_as(await make_user())
    response = await client.get(f"/api/contacts/{contact.id}/timeline", headers=other.headers())
    assert response.status_code == 404


async def test_lines_about_a_campaign_carry_its_name(
    client: TestClientProtocol, owner: Login
) -> None:
    contact = await _contact(owner)
    recipient = await _sent(contact, "Harvest", datetime.now(UTC) - timedelta(hours=1))
    campaign_id = str(recipient.campaign_id)
    opened = await ContactEvent.create(
        contact=contact, kind="campaign_opened", data={"campaign_id": campaign_id}
    )
    clicked = await ContactEvent.create(
        contact=contact,
        kind="campaign_clicked",
        data={"campaign_id": campaign_id, "url": "https://example.com/story"},
    )
    # Another workspace's campaign, and an id that is not one, name nothing and break nothing.
    stranger = await _contact(await login_as(await make_user()))
    other = await _sent(stranger, "Not yours", None)
    foreign = await ContactEvent.create(
        contact=contact, kind="campaign_opened", data={"campaign_id": str(other.campaign_id)}
    )
    garbled = await ContactEvent.create(
        contact=contact, kind="campaign_opened", data={"campaign_id": "not-a-uuid"}
    )

    items = {i["id"]: i["data"] for i in await _timeline(client, owner, contact)}

    assert items[opened.id] == {"campaign_id": campaign_id, "name": "Harvest"}
    assert items[clicked.id] == {
        "campaign_id": campaign_id,
        "url": "https://example.com/story",
        "name": "Harvest",
    }
    assert items[foreign.id] == {"campaign_id": str(other.campaign_id)}
    assert items[garbled.id] == {"campaign_id": "not-a-uuid"}
