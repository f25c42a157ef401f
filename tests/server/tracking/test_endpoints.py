"""Opens, clicks, unsubscribe (RFC 8058) and the signed mail-events webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.campaigns import CampaignRecipient, RecipientStatus
from models.contacts import Contact, ContactEvent, ContactStatus
from server.campaigns import sending
from server.core.config import get_config
from server.tracking.tokens import click_url, make_token, open_url, unsubscribe_url
from tests.server.campaigns.conftest import Owner, create_campaign


async def _recipient(client: TestClientProtocol, owner: Owner) -> CampaignRecipient:
    campaign = await create_campaign(client, owner)
    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
    assert sent.status_code == 202
    await sending.expand(campaign["id"])
    recipient = await CampaignRecipient.filter(campaign_id=campaign["id"]).order_by("id").first()
    assert recipient is not None
    return recipient


def _path(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


async def _kinds(contact_id: Any) -> list[str]:
    return [e.kind for e in await ContactEvent.filter(contact_id=contact_id).order_by("id")]


async def test_open_pixel_counts_once_and_lands_on_the_timeline(
    client: TestClientProtocol, owner: Owner
) -> None:
    recipient = await _recipient(client, owner)
    for _ in range(2):
        response = await client.get(_path(open_url(recipient.id)))
        assert response.status_code == 200
        assert response.content_type == "image/gif"
    fresh = await CampaignRecipient.get(id=recipient.id)
    assert fresh.opened_at is not None
    assert (await _kinds(recipient.contact_id)).count("campaign_opened") == 1


async def test_click_redirects_only_to_signed_urls(
    client: TestClientProtocol, owner: Owner
) -> None:
    recipient = await _recipient(client, owner)
    response = await client.get(_path(click_url(recipient.id, "https://example.com/story")))
    assert response.status_code == 302
    assert response.headers["Location"] == "https://example.com/story"
    fresh = await CampaignRecipient.get(id=recipient.id)
    assert fresh.clicked_at is not None
    assert fresh.opened_at is not None  # a click proves the message was opened
    assert "campaign_clicked" in await _kinds(recipient.contact_id)

    forged = make_token("click", recipient.id, "https://example.com/story")[:-2] + "xx"
    assert (await client.get(f"/t/c/{forged}")).status_code == 404
    # An open token is not a click token, and a made-up one is nothing.
    assert (await client.get(f"/t/c/{make_token('open', recipient.id)}")).status_code == 404
    assert (await client.get("/t/c/not-a-token")).status_code == 404
    assert (await client.get("/t/o/not-a-token")).status_code == 404
    unknown = make_token("open", 999_999)
    assert (await client.get(f"/t/o/{unknown}")).status_code == 404


async def test_get_unsubscribe_page_changes_nothing_and_post_unsubscribes(
    client: TestClientProtocol, owner: Owner
) -> None:
    recipient = await _recipient(client, owner)
    path = _path(unsubscribe_url(recipient.id))
    page = await client.get(path)
    assert page.status_code == 200
    html = await page.get_data(as_text=True)
    assert '<form method="post">' in html
    assert "Unsubscribe</button>" in html
    contact = await Contact.get(id=recipient.contact_id)
    assert contact.status is ContactStatus.subscribed

    # RFC 8058: a POST with this body and no cookie, answered without a redirect.
    done = await client.post(path, form={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "You are unsubscribed" in await done.get_data(as_text=True)
    contact = await Contact.get(id=recipient.contact_id)
    assert contact.status is ContactStatus.unsubscribed
    again = await client.post(path, form={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    assert (await _kinds(contact.id)).count("unsubscribed") == 1
    fresh = await CampaignRecipient.get(id=recipient.id)
    assert fresh.unsubscribed_at is not None

    assert (await client.post("/u/forged-token")).status_code == 404
    assert (await client.get("/u/forged-token")).status_code == 404


def _signed(body: dict[str, Any], secret: str) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {"X-Inkwell-Signature": signature, "Content-Type": "application/json"}


async def test_signed_bounce_and_complaint_mark_recipient_and_contact(
    client: TestClientProtocol, owner: Owner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live object: a test elsewhere may have rebuilt the cached config.
    monkeypatch.setattr(get_config(), "mail_webhook_secret", "whsec-test")
    recipient = await _recipient(client, owner)
    body = {
        "event": "bounce",
        "message_id": recipient.message_id,
        "smtp_code": 550,
        "reason": "mailbox unavailable",
    }
    raw, headers = _signed(body, "whsec-test")

    unsigned = await client.post(
        "/api/webhooks/mail-events", data=raw, headers={"Content-Type": "application/json"}
    )
    assert unsigned.status_code == 401
    assert (await unsigned.get_json())["code"] == "bad_signature"
    wrong = await client.post(
        "/api/webhooks/mail-events",
        data=raw,
        headers={**headers, "X-Inkwell-Signature": "sha256=00"},
    )
    assert wrong.status_code == 401

    ok = await client.post("/api/webhooks/mail-events", data=raw, headers=headers)
    assert ok.status_code == 200, await ok.get_data(as_text=True)
    fresh = await CampaignRecipient.get(id=recipient.id)
    assert fresh.status is RecipientStatus.bounced
    assert fresh.smtp_code == 550
    assert (await Contact.get(id=recipient.contact_id)).status is ContactStatus.bounced
    assert "campaign_bounced" in await _kinds(recipient.contact_id)

    other = (
        await CampaignRecipient.filter(campaign_id=recipient.campaign_id).order_by("-id").first()
    )
    assert other is not None
    raw, headers = _signed({"event": "complaint", "message_id": other.message_id}, "whsec-test")
    assert (
        await client.post("/api/webhooks/mail-events", data=raw, headers=headers)
    ).status_code == 200
    assert (await Contact.get(id=other.contact_id)).status is ContactStatus.complained

    # Some providers report the Message-ID without its angle brackets.
    bare = other.message_id.strip("<>")
    raw, headers = _signed({"event": "delivered", "message_id": bare}, "whsec-test")
    assert (
        await client.post("/api/webhooks/mail-events", data=raw, headers=headers)
    ).status_code == 200
    assert (await CampaignRecipient.get(id=other.id)).delivered_at is not None
    # With the webhook set up, the KPIs count deliveries and say they can.
    kpis = await client.get(
        f"/api/campaigns/{other.campaign_id}/kpis", headers=owner.login.headers(unsafe=False)
    )
    data = await kpis.get_json()
    assert (data["progress"]["delivered"], data["delivery_reports"]) == (1, True)

    raw, headers = _signed({"event": "bounce", "message_id": "<nope@x>"}, "whsec-test")
    missing = await client.post("/api/webhooks/mail-events", data=raw, headers=headers)
    assert missing.status_code == 404
    # Our shape, naming a real contact, but a campaign it was never sent in.
    forged = f"<c{uuid.uuid4().hex}.{recipient.contact_id.hex}@inkwell.localhost>"
    raw, headers = _signed({"event": "bounce", "message_id": forged}, "whsec-test")
    missing = await client.post("/api/webhooks/mail-events", data=raw, headers=headers)
    assert missing.status_code == 404
    assert (await missing.get_json())["code"] == "not_found"
    raw, headers = _signed({"event": "explode", "message_id": "<nope@x>"}, "whsec-test")
    invalid = await client.post("/api/webhooks/mail-events", data=raw, headers=headers)
    assert invalid.status_code == 422
    assert "event" in (await invalid.get_json())["details"]["fields"]

    progress = await client.get(
        f"/api/campaigns/{recipient.campaign_id}/progress",
        headers=owner.login.headers(unsafe=False),
    )
    body = await progress.get_json()
    assert body["bounced"] == 1
    assert body["unsubscribed"] == 1
