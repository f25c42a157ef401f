"""Opens, clicks, unsubscribes and provider mail events, recorded on the recipient and the
contact's timeline. Each is idempotent: the first open, click or unsubscribe sets its time,
and the counts of the progress endpoint count recipients once."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field
from tortoise import connections

from models.campaigns import Campaign, CampaignRecipient, RecipientStatus
from models.contacts import Contact, ContactStatus
from server.campaigns import message_ids, progress
from server.contacts.service import record_event
from server.core.config import get_config
from server.core.db import transaction
from server.core.errors import AppError, NotFound


class BadSignature(AppError):
    code = "bad_signature"
    status = 401
    message = "The webhook signature is missing or wrong."


class WebhookNotConfigured(AppError):
    code = "webhook_not_configured"
    status = 503
    message = "MAIL_WEBHOOK_SECRET is not set, so mail events cannot be verified."


@dataclass
class Hit:
    campaign_id: uuid.UUID
    contact_id: uuid.UUID
    first: bool


async def _announce(campaign_id: uuid.UUID) -> None:
    campaign = await Campaign.get_or_none(id=campaign_id)
    if campaign is not None:
        await progress.maybe_emit(campaign)


async def _recipient(recipient_id: int) -> CampaignRecipient:
    recipient = await CampaignRecipient.get_or_none(id=recipient_id)
    if recipient is None:
        raise NotFound()
    return recipient


async def _stamp(recipient_id: int, column: str, also_open: bool = False) -> Hit:
    recipient = await _recipient(recipient_id)
    extra = ", opened_at = coalesce(opened_at, now())" if also_open else ""
    count, _ = await connections.get("default").execute_query(
        f"UPDATE campaign_recipient SET {column} = now(){extra} "  # noqa: S608 - fixed names
        f"WHERE id = $1 AND {column} IS NULL",
        [recipient_id],
    )
    return Hit(recipient.campaign_id, recipient.contact_id, bool(count))


async def record_open(recipient_id: int) -> None:
    async with transaction():
        hit = await _stamp(recipient_id, "opened_at")
        if hit.first:
            contact = await Contact.get(id=hit.contact_id)
            await record_event(contact, "campaign_opened", campaign_id=str(hit.campaign_id))
    if hit.first:
        await _announce(hit.campaign_id)


async def record_click(recipient_id: int, url: str) -> None:
    async with transaction():
        hit = await _stamp(recipient_id, "clicked_at", also_open=True)
        contact = await Contact.get(id=hit.contact_id)
        await record_event(contact, "campaign_clicked", campaign_id=str(hit.campaign_id), url=url)
    if hit.first:
        await _announce(hit.campaign_id)


async def recipient_for_page(recipient_id: int) -> tuple[CampaignRecipient, Campaign]:
    recipient = await _recipient(recipient_id)
    campaign = await Campaign.get(id=recipient.campaign_id)
    return recipient, campaign


async def unsubscribe(recipient_id: int, *, source: str) -> CampaignRecipient:
    """Opt the contact out; a second call changes nothing."""
    async with transaction():
        hit = await _stamp(recipient_id, "unsubscribed_at")
        contact = await Contact.filter(id=hit.contact_id).select_for_update().get()
        if contact.status is ContactStatus.subscribed:
            contact.status = ContactStatus.unsubscribed
            await contact.save(update_fields=["status", "updated_at"])
        if hit.first:
            await record_event(
                contact, "unsubscribed", campaign_id=str(hit.campaign_id), source=source
            )
    if hit.first:
        await _announce(hit.campaign_id)
    return await _recipient(recipient_id)


class MailEvent(BaseModel):
    """A delivery report from the mail provider, matched by our Message-ID."""

    event: Literal["delivered", "bounce", "complaint"]
    message_id: str = Field(min_length=3, max_length=255)
    smtp_code: int | None = Field(default=None, ge=200, le=599)
    reason: str = Field(default="", max_length=1000)


def verify_signature(body: bytes, signature: str | None) -> None:
    secret = get_config().mail_webhook_secret
    if not secret:
        raise WebhookNotConfigured()
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not signature or not hmac.compare_digest(signature.strip(), expected):
        raise BadSignature()


async def apply_mail_event(event: MailEvent) -> dict[str, Any]:
    message_id = event.message_id.strip()
    if not message_id.startswith("<"):
        message_id = f"<{message_id}>"
    key = message_ids.recipient_key(message_id)
    if key is None:
        raise NotFound("No campaign message has this Message-ID.")
    campaign_id, contact_id = key
    async with transaction():
        recipient = (
            await CampaignRecipient.filter(
                campaign_id=campaign_id, contact_id=contact_id, message_id=message_id
            )
            .select_for_update()
            .first()
        )
        if recipient is None:
            raise NotFound("No campaign message has this Message-ID.")
        contact = await Contact.filter(id=recipient.contact_id).select_for_update().get()
        data = {
            "campaign_id": str(recipient.campaign_id),
            "smtp_code": event.smtp_code,
            "reason": event.reason,
        }
        if event.event == "delivered":
            if recipient.delivered_at is None:
                await CampaignRecipient.filter(id=recipient.id).update(delivered_at=_now())
                await record_event(contact, "campaign_delivered", **data)
        elif event.event == "bounce":
            if recipient.status is not RecipientStatus.bounced:
                await CampaignRecipient.filter(id=recipient.id).update(
                    status=RecipientStatus.bounced,
                    bounced_at=_now(),
                    smtp_code=event.smtp_code,
                    last_error=event.reason or "bounced",
                )
                if contact.status is ContactStatus.subscribed:
                    contact.status = ContactStatus.bounced
                    await contact.save(update_fields=["status", "updated_at"])
                await record_event(contact, "campaign_bounced", **data)
        else:
            if contact.status is not ContactStatus.complained:
                contact.status = ContactStatus.complained
                await contact.save(update_fields=["status", "updated_at"])
                await CampaignRecipient.filter(id=recipient.id, unsubscribed_at=None).update(
                    unsubscribed_at=_now()
                )
                await record_event(contact, "complained", **data)
    await _announce(recipient.campaign_id)
    return {"ok": True, "recipient_id": recipient.id}


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)
