"""Campaign API bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field, field_validator, model_validator

from models.campaigns import CampaignStatus, RecipientStatus
from server.campaigns.mime import CONTROL
from server.core.db import BIGINT_MAX


class Audience(BaseModel):
    list_ids: list[UUID] = Field(default_factory=list, max_length=100)
    tags: list[str] = Field(default_factory=list, max_length=100)


def _one_line(value: str | None) -> str | None:
    """A subject or sender name with a line break or another control character would be
    refused by the message writer at send time, recipient by recipient: refused here."""
    if value is not None and CONTROL.search(value):
        raise ValueError("must be one line, without control characters")
    return value


class CampaignCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    subject: str | None = Field(default=None, min_length=1, max_length=300)
    preheader: str | None = Field(default=None, max_length=300)
    from_name: str | None = Field(
        default=None,
        max_length=200,
        description="The sender name readers see; empty for the workspace's sender name.",
    )
    reply_to: EmailStr | None = Field(
        default=None, description="Where replies go; none for the sending address."
    )
    template_id: UUID | None = Field(
        default=None,
        description="The template to send (its current version). Give exactly one of "
        "`template_id` and `thread_id`; both or neither is a 422.",
    )
    thread_id: UUID | None = Field(
        default=None,
        description="The chat thread whose draft becomes the content. Give exactly one of "
        "`template_id` and `thread_id`; both or neither is a 422.",
    )
    audience: Audience = Field(default_factory=Audience)

    _header_values = field_validator("subject", "from_name")(_one_line)

    @model_validator(mode="after")
    def _one_source(self) -> CampaignCreate:
        if (self.template_id is None) == (self.thread_id is None):
            raise ValueError("give exactly one of template_id and thread_id")
        return self


class CampaignUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    subject: str | None = Field(default=None, min_length=1, max_length=300)
    preheader: str | None = Field(default=None, max_length=300)
    from_name: str | None = Field(default=None, max_length=200)
    reply_to: EmailStr | None = None
    audience: Audience | None = None

    _header_values = field_validator("subject", "from_name")(_one_line)


class ScheduleRequest(BaseModel):
    send_at: datetime = Field(
        description="Local wall-clock time in `timezone` (an offset, if given, is ignored)."
    )
    timezone: str = Field(min_length=1, max_length=64, description="An IANA zone name.")
    reader_time_zone: bool = Field(
        default=False,
        description="Deliver at `send_at`'s wall-clock time in each reader's own zone (the "
        "contact's `timezone`; readers without one get it in `timezone`). Refused with "
        "`schedule_in_past` if that time has already passed in any of the audience's zones.",
    )


class CampaignTestSend(BaseModel):
    email: EmailStr


class CampaignTestSent(BaseModel):
    """The test copy is queued."""

    message_id: str


class CampaignRead(BaseModel):
    id: UUID
    name: str
    subject: str
    preheader: str
    from_name: str
    from_address: str = Field(
        description="The From header the messages carry, e.g. `Riverside Club <news@…>`. "
        "Before the campaign goes out, the sender name follows the workspace's settings "
        "unless `from_name` is set."
    )
    reply_to: str | None
    template_id: UUID | None
    template_version: int | None
    thread_id: UUID | None
    audience: Audience
    status: CampaignStatus
    status_reason: str | None
    send_at: datetime | None
    timezone: str | None
    reader_time_zone: bool = Field(
        description="Scheduled for `send_at`'s wall-clock time in each reader's own zone."
    )
    starts_at: datetime | None = Field(
        description="When the scheduler starts it: `send_at`, or with `reader_time_zone` the "
        "earliest of its readers' times."
    )
    total: int
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime
    updated_at: datetime


class CampaignIndex(BaseModel):
    items: list[CampaignRead]


class Progress(BaseModel):
    status: CampaignStatus
    status_reason: str | None = None
    total: int
    queued: int
    sending: int
    sent: int
    delivered: int
    failed: int
    bounced: int
    opened: int
    clicked: int
    unsubscribed: int
    updated_at: datetime


class ProgressEvent(Progress):
    campaign_id: UUID


class RecipientRead(BaseModel):
    id: int
    contact_id: UUID
    email: str
    status: RecipientStatus
    attempts: int
    last_error: str | None
    smtp_code: int | None
    failure_reason: str | None
    message_id: str
    due_at: datetime | None = Field(
        description="For a queued recipient waiting for a later time (a retry, or their own "
        "time in a campaign sent in each reader's zone): when it is due."
    )
    sent_at: datetime | None
    opened_at: datetime | None
    clicked_at: datetime | None
    bounced_at: datetime | None
    unsubscribed_at: datetime | None


class RecipientQuery(BaseModel):
    status: RecipientStatus | None = None
    email: str | None = Field(
        default=None,
        max_length=320,
        description="Recipients whose address starts with this (any case): `jane@`, `jane@ex`.",
    )
    cursor: int | None = Field(default=None, ge=0, le=BIGINT_MAX)
    limit: int = Field(default=50, ge=1, le=500)


class RecipientPage(BaseModel):
    items: list[RecipientRead]
    next_cursor: int | None


class ZoneCount(BaseModel):
    timezone: str | None = Field(description="An IANA zone; null for readers without one.")
    recipients: int


class UpcomingGroup(BaseModel):
    at: datetime = Field(description="When these recipients are due (UTC).")
    recipients: int


class Upcoming(BaseModel):
    """Recipients still waiting for a later time: their own time in a campaign sent at a time
    in each reader's zone, or a retry's."""

    items: list[UpcomingGroup] = Field(description="By time, soonest first; at most 50.")
    waiting: int = Field(description="All the recipients waiting, in these groups or later ones.")


class AudienceCount(BaseModel):
    recipients: int
    time_zones: list[ZoneCount] = Field(
        description="The recipients by their own time zone, most first (for sending at a time "
        "in each reader's zone)."
    )


class Rates(BaseModel):
    delivery_rate: float
    open_rate: float
    click_rate: float
    bounce_rate: float
    unsubscribe_rate: float
    failure_rate: float


class SeriesPoint(BaseModel):
    at: datetime
    sent: int
    opened: int
    clicked: int


class Kpis(BaseModel):
    progress: Progress
    rates: Rates
    series: list[SeriesPoint]
    bucket: Literal["minute", "hour", "day"]
    delivery_reports: bool = Field(
        description="Whether the mail provider's delivery and bounce reports can reach us (the "
        "mail events webhook is set up). Without them `delivered` and `bounced` stay 0 "
        "whatever happens to the messages: `sent` is what the mail server accepted."
    )


class DeadLetterRead(BaseModel):
    id: int
    job_name: str
    error: str
    attempts: int
    campaign_id: UUID | None
    created_at: datetime
    requeued_at: datetime | None


class DeadLetterIndex(BaseModel):
    items: list[DeadLetterRead]


class CampaignAccepted(BaseModel):
    id: UUID
    status: CampaignStatus


class Retried(BaseModel):
    requeued: int
