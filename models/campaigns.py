"""Campaigns, their recipients (one row per contact and campaign), the audit trail, dead letters."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, Workspace
from models.contacts import Contact


class CampaignStatus(StrEnum):
    draft = "draft"
    scheduled = "scheduled"
    sending = "sending"
    paused = "paused"
    cancelled = "cancelled"
    sent = "sent"
    failed = "failed"


class RecipientStatus(StrEnum):
    queued = "queued"
    sending = "sending"
    sent = "sent"
    failed = "failed"
    bounced = "bounced"


class Campaign(Model):
    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="campaigns", on_delete=fields.CASCADE
    )
    workspace_id: uuid.UUID
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="campaigns", null=True, on_delete=fields.SET_NULL
    )
    name = fields.CharField(max_length=200)
    subject = fields.CharField(max_length=300)
    preheader = fields.CharField(max_length=300, default="")
    from_name = fields.CharField(max_length=200, default="")
    from_email = fields.CharField(max_length=320, null=True)
    reply_to = fields.CharField(max_length=320, null=True)
    # Where the content came from; the content itself is a snapshot taken at creation, so
    # later edits of the template or the chat draft never change a campaign that went out.
    template_id = fields.UUIDField(null=True)
    template_version = fields.IntField(null=True)
    thread_id = fields.UUIDField(null=True)
    content: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    # {"list_ids": [...], "tags": [...]}: contacts on any of the lists or with any of the tags.
    audience: fields.Field[dict[str, list[str]]] = fields.JSONField(default=dict)
    status = fields.CharEnumField(CampaignStatus, max_length=20, default=CampaignStatus.draft)
    status_reason: fields.Field[str | None] = fields.TextField(null=True)  # type: ignore[assignment]
    # When it was scheduled for: the wall-clock time the user chose, in ``timezone``.
    send_at = fields.DatetimeField(null=True)
    timezone = fields.CharField(max_length=64, null=True)
    # Sent at ``send_at``'s wall-clock time in each reader's own zone (the contact's
    # ``timezone``, else the campaign's): each recipient's ``next_attempt_at`` is that time.
    reader_time_zone = fields.BooleanField(default=False)
    # When the scheduler starts it: ``send_at``, or for ``reader_time_zone`` the earliest of
    # its readers' times (server/campaigns/local_time.py).
    starts_at = fields.DatetimeField(null=True)
    total = fields.IntField(default=0)
    expanded_at = fields.DatetimeField(null=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "campaign"
        indexes = (("workspace_id", "created_at"), ("status", "starts_at"))


class CampaignRecipient(Model):
    """One contact of one campaign. The row is the send's state machine:
    queued → sending (claimed, with a lease) → sent | failed | bounced."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="recipients", on_delete=fields.CASCADE
    )
    campaign_id: uuid.UUID
    contact: fields.ForeignKeyRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="campaign_recipients", on_delete=fields.CASCADE
    )
    contact_id: uuid.UUID
    # Snapshot of who the message is addressed to, taken when the campaign started.
    email = fields.CharField(max_length=320)
    first_name = fields.CharField(max_length=200, default="")
    last_name = fields.CharField(max_length=200, default="")
    status = fields.CharEnumField(RecipientStatus, max_length=20, default=RecipientStatus.queued)
    attempts = fields.IntField(default=0)
    last_error: fields.Field[str | None] = fields.TextField(null=True)  # type: ignore[assignment]
    smtp_code = fields.IntField(null=True)
    # Unique by construction, and found through (campaign, contact): server/campaigns/message_ids.py
    message_id = fields.CharField(max_length=255)
    lease_until = fields.DatetimeField(null=True)
    leased_by = fields.CharField(max_length=64, null=True)
    next_attempt_at = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    opened_at = fields.DatetimeField(null=True)
    clicked_at = fields.DatetimeField(null=True)
    bounced_at = fields.DatetimeField(null=True)
    unsubscribed_at = fields.DatetimeField(null=True)
    failed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "campaign_recipient"
        unique_together = (("campaign", "contact"),)
        # No index holds ``status`` (nor the lease columns): the claim and the mark change only
        # columns outside every index, so both are HOT updates in the row's own page (the
        # table's fillfactor leaves room for them, see migration 14), with no index insertion.
        # Claims walk the campaign's rows by id; counts come from ``campaign_counts``.
        indexes = (("campaign_id", "id"), ("contact_id",))


class CampaignEvent(Model):
    """The audit trail of a campaign: who changed what, and what the workers decided."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=40)
    actor_id = fields.UUIDField(null=True)
    data: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "campaign_event"
        indexes = (("campaign_id", "created_at"),)


class DeadLetter(Model):
    """A job that kept crashing: kept with its arguments and last error until requeued."""

    id = fields.BigIntField(primary_key=True)
    job_name = fields.CharField(max_length=100)
    args: fields.Field[list[object]] = fields.JSONField(default=list)
    kwargs: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    error = fields.TextField()
    attempts = fields.IntField(default=0)
    workspace_id = fields.UUIDField(null=True)
    campaign_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    requeued_at = fields.DatetimeField(null=True)

    class Meta:
        table = "dead_letter"
        indexes = (("campaign_id", "created_at"),)


class CampaignCounts(Model):
    """How many of a campaign's recipients are in each state, as a ledger: the sum of a
    campaign's rows is its counts (what progress reports).

    Rows are appended by statement-level triggers on ``campaign_recipient`` (see the
    migration that made this table), one per statement that changed a counted column, in the
    same transaction as the recipients: exact whoever writes them (expansion, senders,
    tracking, bounces, requeues), and insert-only, so writers never wait on each other here.
    ``server.campaigns.counts`` reads the sum and folds many rows into one.
    No foreign key: its check would lock the campaign row against ``SELECT ... FOR UPDATE``;
    a trigger on ``campaign`` deletes a deleted campaign's rows instead.
    """

    id = fields.BigIntField(primary_key=True)
    campaign_id = fields.UUIDField(db_index=True)
    total = fields.IntField(default=0)
    queued = fields.IntField(default=0)
    sending = fields.IntField(default=0)
    sent = fields.IntField(default=0)
    delivered = fields.IntField(default=0)
    failed = fields.IntField(default=0)
    bounced = fields.IntField(default=0)
    opened = fields.IntField(default=0)
    clicked = fields.IntField(default=0)
    unsubscribed = fields.IntField(default=0)

    class Meta:
        table = "campaign_counts"
