"""A campaign job that keeps crashing lands in the dead-letter table and can be requeued."""

from __future__ import annotations

from quart.typing import TestClientProtocol

from models.campaigns import Campaign, CampaignStatus, DeadLetter
from server.mail.sink import SinkServer
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import (
    create_campaign,
    make_owner,
    smtp,
    wait_for_status,
    wait_until,
)

__all__ = ["smtp"]


async def test_crashing_sender_is_dead_lettered_pauses_the_campaign_and_requeues(
    client: TestClientProtocol,
    smtp: tuple[SinkServer, ScriptedHandler],
    running_worker: object,
) -> None:
    _, handler = smtp
    owner = await make_owner(contacts=3)
    campaign = await create_campaign(client, owner)
    stored = await Campaign.get(id=campaign["id"])
    good_content = dict(stored.content)
    # Content the renderer refuses (no footer): every sender run crashes while preparing.
    broken = {**good_content, "sections": [{"id": "x", "type": "heading", "text": "Hi"}]}
    await Campaign.filter(id=campaign["id"]).update(content=broken)
    headers = owner.login.headers()
    await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)

    paused = await wait_for_status(campaign["id"], CampaignStatus.paused, seconds=40)
    assert paused.status_reason is not None
    assert "send campaign job failed" in paused.status_reason
    await wait_until(lambda: DeadLetter.filter(campaign_id=campaign["id"]).exists(), seconds=10)
    letters = await client.get(
        "/api/campaigns/dead-letters", headers=owner.login.headers(unsafe=False)
    )
    items = (await letters.get_json())["items"]
    assert items
    assert items[0]["job_name"] == "send_campaign"
    assert "ValidationError" in items[0]["error"]
    assert handler.received == []

    await Campaign.filter(id=campaign["id"]).update(content=good_content)
    for item in items:
        requeued = await client.post(
            f"/api/campaigns/dead-letters/{item['id']}/requeue", headers=headers
        )
        assert requeued.status_code == 200
        assert (await requeued.get_json())["requeued_at"] is not None
    again = await client.post(
        f"/api/campaigns/dead-letters/{items[0]['id']}/requeue", headers=headers
    )
    assert again.status_code == 409
    await wait_for_status(campaign["id"], CampaignStatus.sent, seconds=30)
    assert sorted(r.rcpt_tos[0] for r in handler.received) == sorted(
        c.email for c in owner.contacts
    )
