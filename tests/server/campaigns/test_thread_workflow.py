"""The chat workflow follows the user's steps outside the chat: a template made from the
draft, a campaign with an audience, the confirmed send. Each is an allowed step, and the
conversation ends handed off to the campaign."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from quart.typing import TestClientProtocol

from models.campaigns import Campaign
from tests.server.campaigns.conftest import Owner, make_owner


async def thread_of(client: TestClientProtocol, owner: Owner) -> Any:
    response = await client.get(
        f"/api/chat/threads/{owner.thread_id}", headers=owner.login.headers()
    )
    assert response.status_code == 200
    return await response.get_json()


async def test_template_campaign_and_send_move_the_conversation_to_handed_off(
    client: TestClientProtocol, owner: Owner
) -> None:
    headers = owner.login.headers()
    before = await thread_of(client, owner)
    assert before["state"] == "reviewing"

    made = await client.post(
        "/api/templates", json={"thread_id": str(owner.thread_id)}, headers=headers
    )
    assert made.status_code == 201, await made.get_json()
    template = await made.get_json()
    chosen = await thread_of(client, owner)
    assert chosen["state"] == "template_chosen"
    assert chosen["state_version"] == before["state_version"] + 1
    assert set(chosen["allowed_transitions"]) == {"reviewing", "audience_chosen"}

    created = await client.post(
        "/api/campaigns",
        json={
            "name": "Spring",
            "template_id": template["id"],
            "audience": {"list_ids": [str(owner.list_id)]},
        },
        headers=headers,
    )
    assert created.status_code == 201, await created.get_json()
    campaign = await created.get_json()
    assert campaign["thread_id"] == str(owner.thread_id)
    # No subject given: the draft's, as for a campaign made straight from the chat.
    draft = before["draft"]
    assert campaign["subject"] == draft["subject"]
    assert campaign["preheader"] == draft["preheader"]
    assert (await thread_of(client, owner))["state"] == "audience_chosen"

    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    assert sent.status_code == 202, await sent.get_json()
    done = await thread_of(client, owner)
    assert done["state"] == "handed_off"
    # Through confirming: every step counted.
    assert done["state_version"] == before["state_version"] + 4
    assert done["allowed_transitions"] == []

    # A later template from the same conversation leaves the final step alone.
    again = await client.post(
        "/api/templates", json={"thread_id": str(owner.thread_id)}, headers=headers
    )
    assert again.status_code == 201
    assert (await thread_of(client, owner))["state"] == "handed_off"


async def test_a_campaign_straight_from_the_draft_walks_each_step_and_scheduling_hands_off(
    client: TestClientProtocol, owner: Owner
) -> None:
    headers = owner.login.headers()
    created = await client.post(
        "/api/campaigns",
        json={
            "name": "From chat",
            "thread_id": str(owner.thread_id),
            "audience": {"list_ids": [str(owner.list_id)]},
        },
        headers=headers,
    )
    assert created.status_code == 201, await created.get_json()
    campaign_id = (await created.get_json())["id"]
    thread = await thread_of(client, owner)
    assert thread["state"] == "audience_chosen"

    send_at = (datetime.now(UTC) + timedelta(days=1)).replace(tzinfo=None, microsecond=0)
    scheduled = await client.post(
        f"/api/campaigns/{campaign_id}/schedule",
        json={"send_at": send_at.isoformat(), "timezone": "Europe/Paris"},
        headers=headers,
    )
    assert scheduled.status_code == 200, await scheduled.get_json()
    assert (await thread_of(client, owner))["state"] == "handed_off"


async def test_another_workspaces_conversation_is_not_moved(
    client: TestClientProtocol, owner: Owner
) -> None:
    other = await make_owner(contacts=1)
    made = await client.post(
        "/api/templates", json={"thread_id": str(other.thread_id)}, headers=owner.login.headers()
    )
    assert made.status_code == 404
    assert (await thread_of(client, other))["state"] == "reviewing"
    assert not await Campaign.filter(thread_id=other.thread_id).exists()
