"""Campaign API: creation from a chat draft or a template, edits, schedules and bad input."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from quart.typing import TestClientProtocol

from models.accounts import AuditEvent, Plan, Workspace
from models.campaigns import Campaign, CampaignEvent, CampaignStatus
from models.contacts import Contact, ContactStatus
from models.templates import EmailTemplate, TemplateVersion
from server.campaigns import sending
from tests.server.campaigns.conftest import Owner, create_campaign, make_owner


async def stored_template(
    workspace_id: uuid.UUID | None,
    name: str,
    sections: list[dict[str, Any]],
    *,
    is_pro: bool = False,
) -> EmailTemplate:
    """A template with one version, stored the way the templates service leaves it."""
    template = await EmailTemplate.create(
        id=uuid.uuid4(), workspace_id=workspace_id, name=name, version=1, is_pro=is_pro
    )
    await TemplateVersion.create(template=template, number=1, name=name, sections=sections)
    return template


async def create_from_template(
    client: TestClientProtocol, owner: Owner, template: EmailTemplate, **extra: Any
) -> Any:
    return await client.post(
        "/api/campaigns",
        json={
            "name": "x",
            "template_id": str(template.id),
            "audience": {"list_ids": [str(owner.list_id)]},
            **extra,
        },
        headers=owner.login.headers(),
    )


FOOTER_ONLY = [{"id": "f", "type": "footer", "text": ""}]


async def test_create_from_chat_draft_snapshots_content_and_honours_idempotency_key(
    client: TestClientProtocol, owner: Owner
) -> None:
    body = {
        "name": "Spring",
        "thread_id": str(owner.thread_id),
        "audience": {"list_ids": [str(owner.list_id)], "tags": ["VIP "]},
    }
    headers = {**owner.login.headers(), "Idempotency-Key": "create-1"}
    first = await client.post("/api/campaigns", json=body, headers=headers)
    again = await client.post("/api/campaigns", json=body, headers=headers)
    assert first.status_code == 201
    assert again.status_code == 201
    one, two = await first.get_json(), await again.get_json()
    assert one["id"] == two["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    reused = await client.post("/api/campaigns", json={**body, "name": "Other"}, headers=headers)
    assert reused.status_code == 422
    assert (await reused.get_json())["code"] == "idempotency_key_reused"
    assert one["status"] == "draft"
    assert one["subject"] == "Spring news for {{ first_name }}"
    assert one["audience"] == {"list_ids": [str(owner.list_id)], "tags": ["vip"]}
    assert await Campaign.filter(workspace_id=owner.workspace_id).count() == 1
    campaign = await Campaign.get(id=one["id"])
    assert campaign.content["sections"][-1]["type"] == "footer"
    assert campaign.content["postal_address"]


async def test_audience_count_previews_subscribed_contacts_only(
    client: TestClientProtocol, owner: Owner
) -> None:
    await Contact.filter(id=owner.contacts[0].id).update(status=ContactStatus.unsubscribed)
    response = await client.post(
        "/api/campaigns/audience-count",
        json={"list_ids": [str(owner.list_id)]},
        headers=owner.login.headers(),
    )
    assert response.status_code == 200
    assert (await response.get_json())["recipients"] == len(owner.contacts) - 1


async def test_bad_input_gets_clear_errors(client: TestClientProtocol, owner: Owner) -> None:
    headers = owner.login.headers()
    neither = await client.post("/api/campaigns", json={"name": "x"}, headers=headers)
    assert neither.status_code == 422
    assert (await neither.get_json())["code"] == "validation_error"

    campaign = await create_campaign(client, owner)
    url = f"/api/campaigns/{campaign['id']}"
    past = await client.post(
        f"{url}/schedule",
        json={"send_at": "2020-01-01T09:00:00", "timezone": "Europe/Paris"},
        headers=headers,
    )
    assert past.status_code == 422
    assert (await past.get_json())["code"] == "schedule_in_past"

    zone = await client.post(
        f"{url}/schedule",
        json={"send_at": "2099-01-01T09:00:00", "timezone": "Mars/Olympus_Mons"},
        headers=headers,
    )
    assert zone.status_code == 422
    body = await zone.get_json()
    assert body["code"] == "unknown_timezone"
    assert body["details"] == {"timezone": "Mars/Olympus_Mons"}

    # At the calendar's end, the zone's offset would carry the time past year 9999.
    edge = await client.post(
        f"{url}/schedule",
        json={"send_at": "9999-12-31T23:59:59", "timezone": "Pacific/Pago_Pago"},
        headers=headers,
    )
    assert edge.status_code == 422
    assert (await edge.get_json())["details"]["fields"] == {
        "send_at": ["is out of range for that time zone"]
    }

    empty = await create_campaign(client, owner, audience={"list_ids": [], "tags": ["nobody"]})
    refused = await client.post(f"/api/campaigns/{empty['id']}/send", headers=headers)
    assert refused.status_code == 422
    assert (await refused.get_json())["code"] == "empty_audience"
    assert (await Campaign.get(id=empty["id"])).status is CampaignStatus.draft

    unknown_list = await client.post(
        "/api/campaigns",
        json={
            "name": "x",
            "thread_id": str(owner.thread_id),
            "audience": {"list_ids": [str(uuid.uuid4())]},
        },
        headers=headers,
    )
    assert unknown_list.status_code == 422


async def test_template_without_footer_is_refused(client: TestClientProtocol, owner: Owner) -> None:
    template = await stored_template(
        owner.workspace_id, "Old", [{"id": "h", "type": "heading", "text": "Hi"}]
    )
    response = await create_from_template(client, owner, template)
    assert response.status_code == 422
    assert (await response.get_json())["code"] == "template_missing_footer"


async def test_create_from_template_keeps_the_version(
    client: TestClientProtocol, owner: Owner
) -> None:
    template = await EmailTemplate.create(
        id=uuid.uuid4(), workspace_id=owner.workspace_id, name="Weekly", version=2
    )
    sections = [
        {"id": "h", "type": "heading", "text": "Hi {{ first_name }}"},
        {"id": "f", "type": "footer", "text": ""},
    ]
    for number in (1, 2):
        await TemplateVersion.create(template=template, number=number, name="W", sections=sections)
    created = await create_campaign(
        client, owner, thread_id=None, template_id=str(template.id), subject="Weekly"
    )
    assert created["template_id"] == str(template.id)
    assert created["template_version"] == 2


async def test_other_workspaces_campaigns_are_not_found(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign = await create_campaign(client, owner)
    stranger = await make_owner(contacts=1)
    for method, path in [
        ("GET", ""),
        ("GET", "/progress"),
        ("GET", "/recipients"),
        ("POST", "/send"),
        ("POST", "/pause"),
        ("DELETE", ""),
    ]:
        response = await client.open(
            f"/api/campaigns/{campaign['id']}{path}",
            method=method,
            json=None,
            headers=stranger.login.headers(),
        )
        assert response.status_code == 404, path
        assert (await response.get_json())["code"] == "not_found"


async def test_edit_only_while_draft_and_duplicate(
    client: TestClientProtocol, owner: Owner
) -> None:
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner)
    url = f"/api/campaigns/{campaign['id']}"
    edited = await client.patch(url, json={"subject": "New subject"}, headers=headers)
    assert edited.status_code == 200
    assert (await edited.get_json())["subject"] == "New subject"

    send_at = datetime.now(ZoneInfo("America/New_York")).replace(tzinfo=None) + timedelta(days=1)
    scheduled = await client.post(
        f"{url}/schedule",
        json={"send_at": send_at.isoformat(), "timezone": "America/New_York"},
        headers=headers,
    )
    assert scheduled.status_code == 200, await scheduled.get_data(as_text=True)
    body = await scheduled.get_json()
    assert body["status"] == "scheduled"
    assert body["timezone"] == "America/New_York"
    expected = send_at.replace(tzinfo=ZoneInfo("America/New_York")).astimezone(UTC)
    assert datetime.fromisoformat(body["send_at"]) == expected

    locked = await client.patch(url, json={"subject": "Too late"}, headers=headers)
    assert locked.status_code == 409
    assert (await locked.get_json())["code"] == "campaign_not_editable"

    copy = await client.post(f"{url}/duplicate", headers=headers)
    assert copy.status_code == 201
    copied = await copy.get_json()
    assert copied["status"] == "draft"
    assert copied["subject"] == "New subject"
    events = await CampaignEvent.filter(campaign_id=campaign["id"]).order_by("id")
    kinds = [e.kind for e in events]
    assert kinds == ["created", "edited", "scheduled"]


async def test_only_a_draft_is_deleted_and_the_audit_log_keeps_it(
    client: TestClientProtocol, owner: Owner
) -> None:
    headers = owner.login.headers()
    draft = await create_campaign(client, owner, name="Half way")
    deleted = await client.delete(f"/api/campaigns/{draft['id']}", headers=headers)
    assert deleted.status_code == 204
    gone = await client.get(f"/api/campaigns/{draft['id']}", headers=headers)
    assert gone.status_code == 404
    assert not await CampaignEvent.filter(campaign_id=draft["id"]).exists()
    log = await AuditEvent.filter(action="campaign.deleted").get()
    assert log.details == {"campaign_id": draft["id"], "name": "Half way"}
    assert log.actor_id == owner.user.id  # type: ignore[attr-defined]

    sent = await create_campaign(client, owner)
    assert (
        await client.post(f"/api/campaigns/{sent['id']}/send", headers=headers)
    ).status_code == 202
    refused = await client.delete(f"/api/campaigns/{sent['id']}", headers=headers)
    assert refused.status_code == 409
    body = await refused.get_json()
    assert body["code"] == "campaign_not_editable"
    assert "kept as the record of what was sent" in body["message"]
    assert await Campaign.exists(id=sent["id"])


async def test_tick_starts_due_scheduled_campaigns(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign = await create_campaign(client, owner)
    at = datetime.now(UTC) + timedelta(minutes=5)
    await Campaign.filter(id=campaign["id"]).update(
        status=CampaignStatus.scheduled, send_at=at, starts_at=at
    )
    assert (await sending.tick())["started"] == 0
    result = await sending.tick(datetime.now(UTC) + timedelta(minutes=6))
    assert result["started"] == 1
    started = await Campaign.get(id=campaign["id"])
    assert started.status is CampaignStatus.sending
    assert started.started_at is not None


async def test_a_scheduled_campaign_goes_back_to_draft_to_be_changed(
    client: TestClientProtocol, owner: Owner
) -> None:
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner)
    url = f"/api/campaigns/{campaign['id']}"
    send_at = datetime.now(UTC) + timedelta(minutes=5)
    scheduled = await client.post(
        f"{url}/schedule",
        json={"send_at": send_at.replace(tzinfo=None).isoformat(), "timezone": "UTC"},
        headers=headers,
    )
    assert scheduled.status_code == 200
    # Not editable while scheduled...
    assert (await client.patch(url, json={"subject": "Fixed"}, headers=headers)).status_code == 409

    back = await client.post(f"{url}/unschedule", headers=headers)
    assert back.status_code == 200
    body = await back.get_json()
    assert (body["status"], body["send_at"], body["timezone"]) == ("draft", None, None)
    # ...and editable again once back to draft; its time has gone, so nothing starts it.
    edited = await client.patch(url, json={"subject": "Fixed"}, headers=headers)
    assert edited.status_code == 200
    assert (await sending.tick(send_at + timedelta(minutes=1)))["started"] == 0
    stored = await Campaign.get(id=campaign["id"])
    assert (stored.status, stored.subject) == (CampaignStatus.draft, "Fixed")
    event = await CampaignEvent.get(campaign_id=campaign["id"], kind="unscheduled")
    assert event.actor_id == owner.user.id

    again = await client.post(f"{url}/unschedule", headers=headers)
    assert again.status_code == 409
    assert (await again.get_json())["code"] == "invalid_transition"


async def test_a_campaign_the_scheduler_started_cannot_be_unscheduled(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign = await create_campaign(client, owner)
    at = datetime.now(UTC) + timedelta(minutes=5)
    await Campaign.filter(id=campaign["id"]).update(
        status=CampaignStatus.scheduled, send_at=at, starts_at=at
    )
    assert (await sending.tick(datetime.now(UTC) + timedelta(minutes=6)))["started"] == 1
    late = await client.post(
        f"/api/campaigns/{campaign['id']}/unschedule", headers=owner.login.headers()
    )
    assert late.status_code == 409
    assert (await late.get_json())["details"]["status"] == "sending"
    assert (await Campaign.get(id=campaign["id"])).status is CampaignStatus.sending


async def test_pro_template_needs_the_pro_plan(client: TestClientProtocol, owner: Owner) -> None:
    template = await stored_template(None, "Fancy", FOOTER_ONLY, is_pro=True)
    response = await create_from_template(client, owner, template, subject="Hi")
    assert response.status_code == 403
    assert (await response.get_json())["code"] == "plan_required"


async def pro_template_campaign(client: TestClientProtocol, owner: Owner) -> str:
    """A draft campaign from the Pro template "Fancy", made while the workspace is on Pro."""
    template = await stored_template(None, "Fancy", FOOTER_ONLY, is_pro=True)
    await Workspace.filter(id=owner.workspace_id).update(plan=Plan.pro)
    created = await create_from_template(client, owner, template, subject="Hi")
    assert created.status_code == 201, await created.get_json()
    return str((await created.get_json())["id"])


async def test_a_pro_template_campaign_is_refused_after_a_downgrade(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign_id = await pro_template_campaign(client, owner)

    await Workspace.filter(id=owner.workspace_id).update(plan=Plan.free)
    sent = await client.post(f"/api/campaigns/{campaign_id}/send", headers=owner.login.headers())
    assert sent.status_code == 403
    assert (await sent.get_json())["code"] == "plan_required"
    scheduled = await client.post(
        f"/api/campaigns/{campaign_id}/schedule",
        json={"send_at": "2099-01-01T09:00:00", "timezone": "Europe/Berlin"},
        headers=owner.login.headers(),
    )
    assert scheduled.status_code == 403
    assert (await scheduled.get_json())["code"] == "plan_required"
    assert (await Campaign.get(id=campaign_id)).status is CampaignStatus.draft


async def test_a_scheduled_pro_template_campaign_is_not_sent_after_a_downgrade(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign_id = await pro_template_campaign(client, owner)
    send_at = datetime.now(UTC) + timedelta(minutes=5)
    scheduled = await client.post(
        f"/api/campaigns/{campaign_id}/schedule",
        json={"send_at": send_at.replace(tzinfo=None).isoformat(), "timezone": "UTC"},
        headers=owner.login.headers(),
    )
    assert scheduled.status_code == 200, await scheduled.get_json()

    # The plan lapses while the campaign waits: the scheduler must not send it anyway.
    await Workspace.filter(id=owner.workspace_id).update(plan=Plan.free)
    assert (await sending.tick(send_at + timedelta(seconds=1)))["started"] == 0
    campaign = await Campaign.get(id=campaign_id)
    assert campaign.status is CampaignStatus.draft
    assert campaign.status_reason is not None
    assert "“Fancy” is a Pro template" in campaign.status_reason
    events = {e.kind: e for e in await CampaignEvent.filter(campaign_id=campaign_id)}
    assert events["unscheduled"].data["reason"] == "plan_required"
    assert "started" not in events
    assert campaign.expanded_at is None

    # Back on Pro, the same campaign schedules and starts as before.
    await Workspace.filter(id=owner.workspace_id).update(plan=Plan.pro)
    again = await client.post(f"/api/campaigns/{campaign_id}/send", headers=owner.login.headers())
    assert again.status_code == 202, await again.get_json()
    assert (await Campaign.get(id=campaign_id)).status_reason is None


async def test_recipients_are_found_by_the_start_of_their_address(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign = await create_campaign(client, owner)
    headers = owner.login.headers()
    assert (
        await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    ).status_code == 202
    assert await sending.expand(campaign["id"]) == 5
    third = owner.contacts[3].email

    async def found(**query: str) -> list[str]:
        response = await client.get(
            f"/api/campaigns/{campaign['id']}/recipients", query_string=query, headers=headers
        )
        assert response.status_code == 200
        return [r["email"] for r in (await response.get_json())["items"]]

    assert await found(email=third.split("@")[0].upper()) == [third]
    assert await found(email=" " + third) == [third]
    assert len(await found(email="reader")) == 5
    assert await found(email="reader", status="sent") == []
    assert await found(email="nobody@") == []
    # "_" and "%" are plain characters here, not patterns.
    assert await found(email="reader_") == []
    assert await found(email="%") == []
