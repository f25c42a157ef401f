"""Campaigns: create (from a template or a chat draft), edit while draft, send, schedule,
pause, resume, cancel, duplicate, and read progress, recipients and KPIs.

Every read goes through ``access_campaign``, which answers 404 for another workspace's row.
Status changes lock the campaign row, record an audit event, and announce themselves after the
commit; the sending itself happens in ``server.campaigns.sending`` on the workers.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from email.utils import formataddr, parseaddr
from typing import Any, Literal
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.expressions import Subquery

from agents.guardrails import one_line
from agents.workflow import WorkflowState
from models.accounts import Workspace
from models.campaigns import Campaign, CampaignEvent, CampaignStatus, RecipientStatus
from models.chat import ChatThread
from models.contacts import Contact
from models.templates import EmailTemplate
from server.audit import service as audit
from server.campaigns import counts, local_time, rendering
from server.campaigns.schemas import (
    Audience,
    AudienceCount,
    CampaignCreate,
    CampaignRead,
    CampaignUpdate,
    Kpis,
    Progress,
    ProgressEvent,
    Rates,
    RecipientPage,
    RecipientQuery,
    RecipientRead,
    ScheduleRequest,
    SeriesPoint,
    Upcoming,
    UpcomingGroup,
    ZoneCount,
)
from server.campaigns.smtp_codes import describe_failure
from server.chat.service import advance_workflow
from server.contacts.service import _own_lists, _tags
from server.core import outbox, zones
from server.core.auth import Actor
from server.core.config import get_config
from server.core.db import locked_in_workspace, transaction
from server.core.errors import AppError, Conflict, NotFound, ValidationFailed
from server.entitlements.service import may_use_template
from server.mail.message import OutgoingMessage
from server.mail.service import queue_mail

ACTIVE = (CampaignStatus.sending, CampaignStatus.paused)


class InvalidTransition(Conflict):
    code = "invalid_transition"
    message = "The campaign cannot do that in its current state."


class NotEditable(Conflict):
    code = "campaign_not_editable"
    message = "Only a draft campaign can be edited; duplicate it to change and resend."


class EmptyAudience(AppError):
    code = "empty_audience"
    status = 422
    message = "The audience has no subscribed contacts; choose lists or tags with contacts."


class ScheduleInPast(AppError):
    code = "schedule_in_past"
    status = 422
    message = "The scheduled time is in the past."


class UnknownTimezone(AppError):
    code = "unknown_timezone"
    status = 422
    message = "The time zone is not a known IANA zone name (for example Europe/Paris)."


class MissingFooter(AppError):
    code = "template_missing_footer"
    status = 422
    message = "The template has no footer with a postal address and unsubscribe link."


class NoDraft(AppError):
    code = "thread_has_no_draft"
    status = 422
    message = "The conversation has no draft yet; ask the assistant for one first."


def campaign_room(campaign_id: uuid.UUID | str) -> str:
    return f"campaign:{campaign_id}"


# Statuses in which nothing was mailed yet.
NOT_STARTED = (CampaignStatus.draft, CampaignStatus.scheduled)


async def access_campaign(actor: Actor, campaign_id: uuid.UUID | str) -> Campaign:
    campaign = await Campaign.get_or_none(id=campaign_id, workspace_id=actor.workspace.id)
    if campaign is None:
        raise NotFound("No such campaign.")
    return campaign


async def _lock(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    return await locked_in_workspace(Campaign, campaign_id, actor.workspace.id, "No such campaign.")


def campaign_from(campaign: Campaign, workspace: Workspace | None = None) -> str:
    """The From of a campaign's messages: its own sender name, else the workspace's, at our
    sending address.

    Until the campaign goes out, the workspace's sender name is read from ``workspace`` when
    given, as the send takes it afresh (``_start``); once it went out, the name it was sent
    under stays."""
    from server.campaigns.templates_adapter import sender_details

    display, address = parseaddr(get_config().mail_from)
    fallback = str(campaign.content.get("sender_name") or "")
    if workspace is not None and campaign.status in NOT_STARTED:
        fallback = sender_details(workspace)["sender_name"]
    return formataddr((campaign.from_name or fallback or display, address))


def campaign_read(c: Campaign, workspace: Workspace) -> CampaignRead:
    return CampaignRead(
        id=c.id,
        name=c.name,
        subject=c.subject,
        preheader=c.preheader,
        from_name=c.from_name,
        from_address=campaign_from(c, workspace),
        reply_to=c.reply_to,
        template_id=c.template_id,
        template_version=c.template_version,
        thread_id=c.thread_id,
        audience=Audience.model_validate(c.audience or {}),
        status=c.status,
        status_reason=c.status_reason,
        send_at=c.send_at,
        timezone=c.timezone,
        reader_time_zone=c.reader_time_zone,
        starts_at=c.starts_at,
        total=c.total,
        started_at=c.started_at,
        finished_at=c.finished_at,
        created_at=c.created_at,
        updated_at=c.updated_at,
    )


async def record(
    campaign: Campaign, kind: str, actor: Actor | None = None, **data: Any
) -> CampaignEvent:
    return await CampaignEvent.create(
        campaign=campaign, kind=kind, actor_id=actor.user.id if actor else None, data=data
    )


# --- audience ---------------------------------------------------------------------------


async def _clean_audience(actor: Actor, audience: Audience) -> dict[str, list[str]]:
    await _own_lists(actor, audience.list_ids)
    return {"list_ids": sorted({str(i) for i in audience.list_ids}), "tags": _tags(audience.tags)}


AUDIENCE_WHERE = """
    c.workspace_id = $1 AND c.status = 'subscribed'
    AND (
        EXISTS (SELECT 1 FROM list_membership m
                WHERE m.contact_id = c.id AND m.contact_list_id = ANY($2::uuid[]))
        OR c.tags && $3::text[]
    )
"""


def audience_params(workspace_id: uuid.UUID, audience: dict[str, list[str]]) -> list[Any]:
    return [workspace_id, audience.get("list_ids") or [], audience.get("tags") or []]


async def count_audience(workspace_id: uuid.UUID, audience: dict[str, list[str]]) -> int:
    conn = connections.get("default")
    _, rows = await conn.execute_query(
        f"SELECT count(*) AS n FROM contact c WHERE {AUDIENCE_WHERE}",  # noqa: S608 - constant
        audience_params(workspace_id, audience),
    )
    return int(rows[0]["n"])


async def audience_exists(workspace_id: uuid.UUID, audience: dict[str, list[str]]) -> bool:
    """Whether anyone is in the audience: stops at the first contact, where counting reads
    all of them (a fraction of a second per 100,000, inside the request that sends)."""
    conn = connections.get("default")
    _, rows = await conn.execute_query(
        f"SELECT EXISTS (SELECT 1 FROM contact c WHERE {AUDIENCE_WHERE}) AS found",  # noqa: S608 - constant
        audience_params(workspace_id, audience),
    )
    return bool(rows[0]["found"])


async def audience_zones(
    workspace_id: uuid.UUID, audience: dict[str, list[str]]
) -> list[tuple[str | None, int]]:
    """The audience's readers by their own time zone (None: without one), most first."""
    conn = connections.get("default")
    _, rows = await conn.execute_query(
        f"SELECT c.timezone, count(*) AS n FROM contact c WHERE {AUDIENCE_WHERE} "  # noqa: S608 - constant
        "GROUP BY c.timezone ORDER BY n DESC, c.timezone NULLS LAST",
        audience_params(workspace_id, audience),
    )
    return [(row["timezone"], int(row["n"])) for row in rows]


async def preview_audience(actor: Actor, audience: Audience) -> AudienceCount:
    cleaned = await _clean_audience(actor, audience)
    by_zone = await audience_zones(actor.workspace.id, cleaned)
    return AudienceCount(
        recipients=sum(n for _, n in by_zone),
        time_zones=[ZoneCount(timezone=zone, recipients=n) for zone, n in by_zone],
    )


# --- create, edit, duplicate ------------------------------------------------------------


async def _content_from_thread(actor: Actor, thread_id: uuid.UUID) -> tuple[dict[str, Any], Any]:
    from server.campaigns.templates_adapter import sender_details

    thread = await ChatThread.get_or_none(id=thread_id, workspace_id=actor.workspace.id)
    if thread is None:
        raise NotFound("No such conversation.")
    draft = thread.draft
    if not draft:
        raise NoDraft()
    content = {
        "sections": rendering.sections_from_draft(draft),
        "theme": {},
        **sender_details(actor.workspace),
    }
    return content, draft


async def _content_from_template(
    actor: Actor, template_id: uuid.UUID
) -> tuple[dict[str, Any], int | None, uuid.UUID | None]:
    from server.campaigns import templates_adapter

    content, version, source_thread_id = await templates_adapter.snapshot(actor, template_id)
    if not rendering.content_has_footer(content):
        raise MissingFooter(details={"template_id": str(template_id)})
    return content, version, source_thread_id


async def create_campaign(actor: Actor, data: CampaignCreate) -> Campaign:
    """A draft with a snapshot of its content (the endpoint makes it idempotent by key)."""
    audience = await _clean_audience(actor, data.audience)
    template_version: int | None = None
    # The conversation the newsletter came from, directly or through the template its draft
    # filled; either way the draft's subject and preheader are the defaults.
    thread_id = data.thread_id
    draft: dict[str, Any] | None
    if thread_id is not None:
        content, draft = await _content_from_thread(actor, thread_id)
    else:
        assert data.template_id is not None
        content, template_version, thread_id = await _content_from_template(actor, data.template_id)
        source = (
            await ChatThread.get_or_none(id=thread_id, workspace_id=actor.workspace.id)
            if thread_id is not None
            else None
        )
        draft = source.draft if source is not None else None
    draft = draft or {}
    # A draft's subject and preheader become headers: on one line, whatever a model wrote.
    subject = data.subject or one_line(str(draft.get("subject") or ""))
    preheader = data.preheader
    if preheader is None:
        preheader = one_line(str(draft.get("preheader") or ""))
    if not subject:
        raise ValidationFailed(details={"fields": {"subject": ["a subject is required"]}})
    async with transaction():
        campaign = await Campaign.create(
            id=uuid.uuid4(),
            workspace_id=actor.workspace.id,
            created_by=actor.user,
            name=data.name.strip(),
            subject=subject.strip(),
            preheader=(preheader or "").strip(),
            from_name=(data.from_name or "").strip(),
            reply_to=data.reply_to,
            template_id=data.template_id,
            template_version=template_version,
            thread_id=thread_id,
            content=content,
            audience=audience,
        )
        await record(campaign, "created", actor)
        if thread_id is not None:
            await advance_workflow(actor.workspace.id, thread_id, WorkflowState.audience_chosen)
    return campaign


async def update_campaign(actor: Actor, campaign_id: uuid.UUID, data: CampaignUpdate) -> Campaign:
    async with transaction():
        campaign = await _lock(actor, campaign_id)
        if campaign.status != CampaignStatus.draft:
            raise NotEditable(details={"status": campaign.status.value})
        changes = data.model_dump(exclude_unset=True)
        if data.audience is not None:
            campaign.audience = await _clean_audience(actor, data.audience)
        for name in ("name", "subject", "preheader", "from_name"):
            value = changes.get(name)
            if value is not None:
                setattr(campaign, name, str(value).strip())
        if "reply_to" in changes:
            campaign.reply_to = changes["reply_to"]
        await campaign.save()
        await record(campaign, "edited", actor, fields=sorted(changes))
    return campaign


async def delete_draft(actor: Actor, campaign_id: uuid.UUID) -> None:
    """Delete a campaign that never left draft; one that was scheduled or sent stays, as the
    record of what was mailed."""
    async with transaction():
        campaign = await _lock(actor, campaign_id)
        if campaign.status != CampaignStatus.draft:
            raise NotEditable(
                "Only a draft campaign can be deleted; this one is kept as the record of what "
                "was sent.",
                details={"status": campaign.status.value},
            )
        # Its own events go with it; the workspace's audit log keeps the deletion.
        await audit.record(
            "campaign.deleted",
            actor=actor.user,
            workspace=actor.workspace,
            campaign_id=str(campaign.id),
            name=campaign.name,
        )
        await campaign.delete()


async def duplicate_campaign(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    async with transaction():
        source = await access_campaign(actor, campaign_id)
        copy = await Campaign.create(
            id=uuid.uuid4(),
            workspace_id=actor.workspace.id,
            created_by=actor.user,
            name=f"{source.name} (copy)"[:200],
            subject=source.subject,
            preheader=source.preheader,
            from_name=source.from_name,
            reply_to=source.reply_to,
            template_id=source.template_id,
            template_version=source.template_version,
            thread_id=source.thread_id,
            content=source.content,
            audience=source.audience,
        )
        await record(copy, "created", actor, duplicated_from=str(source.id))
    return copy


async def list_campaigns(actor: Actor) -> list[Campaign]:
    return await Campaign.filter(workspace_id=actor.workspace.id).order_by("-created_at").limit(200)


# --- status changes ---------------------------------------------------------------------


async def _announce(campaign: Campaign) -> None:
    from server.campaigns import progress

    await progress.emit_after_commit(campaign)


async def _require_sendable(actor: Actor, campaign: Campaign) -> None:
    from server.campaigns import templates_adapter

    templates_adapter.require_postal_address(actor.workspace, campaign.content)
    await templates_adapter.require_sendable(actor, campaign.template_id)


async def send_now(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    async with transaction():
        campaign = await _lock(actor, campaign_id)
        if campaign.status not in NOT_STARTED:
            raise InvalidTransition(details={"status": campaign.status.value})
        if not await audience_exists(campaign.workspace_id, campaign.audience):
            raise EmptyAudience()
        await _require_sendable(actor, campaign)
        if campaign.reader_time_zone:
            # Sending a scheduled campaign now means now for every reader.
            campaign.reader_time_zone = False
            await campaign.save(update_fields=["reader_time_zone", "updated_at"])
        await _start(campaign, actor, actor.workspace)
        await _hand_off(campaign)
    return campaign


async def start_scheduled(campaign: Campaign) -> bool:
    """Inside the scheduler's transaction: start a due campaign, unless it can no longer be
    sent as it is. Then it goes back to draft with the reason in words (shown on /campaigns),
    the reason's code on its ``unscheduled`` event, and mails nobody."""
    workspace = await Workspace.get(id=campaign.workspace_id)
    refusal = await _scheduled_refusal(workspace, campaign)
    if refusal is None:
        await _start(campaign, None, workspace)
        return True
    code, reason = refusal
    campaign.status = CampaignStatus.draft
    campaign.status_reason = reason
    campaign.send_at = None
    campaign.starts_at = None
    campaign.reader_time_zone = False
    await campaign.save(
        update_fields=[
            "status",
            "status_reason",
            "send_at",
            "starts_at",
            "reader_time_zone",
            "updated_at",
        ]
    )
    await record(campaign, "unscheduled", None, reason=code)
    await _announce(campaign)
    return False


async def _scheduled_refusal(workspace: Workspace, campaign: Campaign) -> tuple[str, str] | None:
    """What changed since scheduling that stops the send: the postal address was cleared (and
    the campaign has none of its own), or the workspace left the plan its pro template needs."""
    from server.campaigns.templates_adapter import sender_details

    if not sender_details(workspace, campaign.content)["postal_address"]:
        return (
            "postal_address_missing",
            "Not sent at its scheduled time: every email's footer must carry your postal "
            "address, and the workspace has none. Add it in Settings → Sender, then schedule "
            "again.",
        )
    if campaign.template_id is not None:
        template = await EmailTemplate.get_or_none(id=campaign.template_id)
        if template is not None and not may_use_template(workspace, template):
            return (
                "plan_required",
                f"Not sent at its scheduled time: “{template.name}” is a Pro template and this "
                "workspace is no longer on the Pro plan. Upgrade, then schedule again.",
            )
    return None


async def _start(campaign: Campaign, actor: Actor | None, workspace: Workspace) -> None:
    """Inside the caller's transaction: mark sending and queue the expansion.

    The sender name and postal address are taken afresh here, so a campaign scheduled last
    week goes out with the identity set in Settings today."""
    from server.campaigns.templates_adapter import sender_details

    campaign.content = {**campaign.content, **sender_details(workspace, campaign.content)}
    campaign.status = CampaignStatus.sending
    campaign.status_reason = None
    campaign.started_at = datetime.now(UTC)
    await campaign.save(
        update_fields=["content", "status", "status_reason", "started_at", "updated_at"]
    )
    await record(campaign, "started", actor)
    await outbox.enqueue(
        "expand_campaign", str(campaign.id), job_id=f"campaign:{campaign.id}:expand"
    )
    await _announce(campaign)


def _zone(name: str) -> ZoneInfo:
    tz = zones.zone(name)
    if tz is None:
        raise UnknownTimezone(details={"timezone": name})
    return tz


def to_utc(local: datetime, zone_name: str) -> datetime:
    """A wall-clock time in an IANA zone, as UTC (any offset on ``local`` is ignored)."""
    try:
        return zones.wall_to_utc(local, _zone(zone_name))
    except OverflowError:
        # Within a day of year 1 or 9999, the zone's offset leaves the calendar.
        raise ValidationFailed(
            details={"fields": {"send_at": ["is out of range for that time zone"]}}
        ) from None


async def schedule(actor: Actor, campaign_id: uuid.UUID, data: ScheduleRequest) -> Campaign:
    send_at = to_utc(data.send_at, data.timezone)
    local = data.send_at.replace(tzinfo=None)
    async with transaction():
        campaign = await _lock(actor, campaign_id)
        if campaign.status not in NOT_STARTED:
            raise InvalidTransition(details={"status": campaign.status.value})
        starts_at = await _starts_at(campaign, local, data, send_at)
        if not await audience_exists(campaign.workspace_id, campaign.audience):
            raise EmptyAudience()
        await _require_sendable(actor, campaign)
        campaign.status = CampaignStatus.scheduled
        campaign.send_at = send_at
        campaign.timezone = data.timezone
        campaign.reader_time_zone = data.reader_time_zone
        campaign.starts_at = starts_at
        await campaign.save(
            update_fields=[
                "status",
                "send_at",
                "timezone",
                "reader_time_zone",
                "starts_at",
                "updated_at",
            ]
        )
        await record(
            campaign,
            "scheduled",
            actor,
            send_at=send_at.isoformat(),
            timezone=data.timezone,
            local=local.isoformat(),
            reader_time_zone=data.reader_time_zone,
            starts_at=starts_at.isoformat(),
        )
        await _announce(campaign)
        await _hand_off(campaign)
    return campaign


async def _starts_at(
    campaign: Campaign, local: datetime, data: ScheduleRequest, send_at: datetime
) -> datetime:
    """When the scheduler starts the campaign: at ``send_at``, or in each reader's zone at the
    earliest of the audience's zones. Refused if that has passed: someone would get it late."""
    now = datetime.now(UTC)
    if not data.reader_time_zone:
        if send_at <= now:
            raise ScheduleInPast(details={"send_at": send_at.isoformat(), "now": now.isoformat()})
        return send_at
    by_zone = await audience_zones(campaign.workspace_id, campaign.audience)
    due = local_time.due_times(local, data.timezone, (zone for zone, _ in by_zone))
    zone, starts_at = local_time.earliest(due)
    if starts_at <= now:
        readers = sum(
            n for name, n in by_zone if local_time.due_for(name, due, data.timezone) <= now
        )
        raise ScheduleInPast(
            f"It is already past {local:%H:%M on %d %b} in {zone}, where {readers} of the "
            "audience's readers are: choose a later time, or send in your own time zone.",
            details={
                "send_at": send_at.isoformat(),
                "starts_at": starts_at.isoformat(),
                "timezone": zone,
                "readers": readers,
                "now": now.isoformat(),
            },
        )
    return starts_at


async def _hand_off(campaign: Campaign) -> None:
    """The user confirmed sending (now or at a time): the conversation that wrote the
    newsletter has done its part."""
    if campaign.thread_id is not None:
        await advance_workflow(campaign.workspace_id, campaign.thread_id, WorkflowState.handed_off)


async def _transition(
    actor: Actor,
    campaign_id: uuid.UUID,
    allowed: tuple[CampaignStatus, ...],
    target: CampaignStatus,
    kind: str,
) -> Campaign:
    async with transaction():
        campaign = await _lock(actor, campaign_id)
        if campaign.status not in allowed:
            raise InvalidTransition(
                details={"status": campaign.status.value, "wanted": target.value}
            )
        campaign.status = target
        campaign.status_reason = None
        if target is CampaignStatus.cancelled:
            campaign.finished_at = datetime.now(UTC)
        if target is CampaignStatus.draft:
            campaign.send_at = None
            campaign.timezone = None
            campaign.reader_time_zone = False
            campaign.starts_at = None
        await campaign.save()
        await record(campaign, kind, actor)
        if target is CampaignStatus.sending:
            await ensure_senders(campaign)
        await _announce(campaign)
    return campaign


async def pause(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    return await _transition(
        actor, campaign_id, (CampaignStatus.sending,), CampaignStatus.paused, "paused"
    )


async def resume(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    return await _transition(
        actor, campaign_id, (CampaignStatus.paused,), CampaignStatus.sending, "resumed"
    )


async def unschedule(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    """A scheduled campaign back to draft, to be changed and sent or scheduled again; one the
    scheduler already started is past this (409 ``invalid_transition``)."""
    return await _transition(
        actor, campaign_id, (CampaignStatus.scheduled,), CampaignStatus.draft, "unscheduled"
    )


async def cancel(actor: Actor, campaign_id: uuid.UUID) -> Campaign:
    return await _transition(
        actor,
        campaign_id,
        (
            CampaignStatus.draft,
            CampaignStatus.scheduled,
            CampaignStatus.sending,
            CampaignStatus.paused,
        ),
        CampaignStatus.cancelled,
        "cancelled",
    )


async def retry_failed(actor: Actor, campaign_id: uuid.UUID) -> int:
    """Queue the failed recipients again (fresh attempts) and send them."""
    async with transaction() as conn:
        campaign = await _lock(actor, campaign_id)
        if campaign.status not in (
            CampaignStatus.sent,
            CampaignStatus.sending,
            CampaignStatus.paused,
            CampaignStatus.failed,
        ):
            raise InvalidTransition(details={"status": campaign.status.value})
        count, _ = await conn.execute_query(
            "UPDATE campaign_recipient SET status = 'queued', attempts = 0, "
            "next_attempt_at = NULL, failed_at = NULL, lease_until = NULL, leased_by = NULL "
            "WHERE campaign_id = $1 AND status = 'failed'",
            [campaign.id],
        )
        if count:
            if campaign.status in (CampaignStatus.sent, CampaignStatus.failed):
                campaign.status = CampaignStatus.sending
                campaign.finished_at = None
                campaign.status_reason = None
                await campaign.save()
            if campaign.status is CampaignStatus.sending:
                await ensure_senders(campaign)
        await record(campaign, "retry_failed", actor, requeued=count)
        await _announce(campaign)
    return int(count)


async def ensure_senders(campaign: Campaign, *, nonce: str | None = None) -> None:
    """Queue one sender job per slot; a slot whose sender is alive ignores the extra job."""
    nonce = nonce or uuid.uuid4().hex[:12]
    for slot in range(get_config().campaign_senders):
        await outbox.enqueue(
            "send_campaign",
            str(campaign.id),
            slot,
            job_id=f"campaign:{campaign.id}:send:{slot}:{nonce}",
        )


# --- reads ------------------------------------------------------------------------------


async def progress_of(campaign: Campaign) -> Progress:
    counts_now = await counts.read(campaign.id)
    if campaign.expanded_at is None:
        counts_now["total"] = max(counts_now["total"], campaign.total)
    return Progress(
        status=campaign.status,
        status_reason=campaign.status_reason,
        updated_at=datetime.now(UTC),
        **counts_now,
    )


# Through the partial index on ``next_attempt_at``, from now on: the rows already sent at their
# time keep theirs and are behind the scan's start. Retries' times are jittered, one group
# each: only the first groups are returned, with the count of everyone waiting.
UPCOMING_SQL = """
WITH waiting AS (
    SELECT next_attempt_at FROM campaign_recipient
    WHERE campaign_id = $1 AND next_attempt_at > now() AND status = 'queued'
)
SELECT g.at, g.recipients, (SELECT count(*) FROM waiting)::int AS waiting
FROM (
    SELECT next_attempt_at AS at, count(*)::int AS recipients
    FROM waiting GROUP BY next_attempt_at ORDER BY next_attempt_at LIMIT $2
) g
ORDER BY g.at
"""
UPCOMING_GROUPS = 50


async def upcoming(actor: Actor, campaign_id: uuid.UUID) -> Upcoming:
    campaign = await access_campaign(actor, campaign_id)
    _, rows = await connections.get("default").execute_query(
        UPCOMING_SQL, [campaign.id, UPCOMING_GROUPS]
    )
    return Upcoming(
        items=[UpcomingGroup(at=row["at"], recipients=row["recipients"]) for row in rows],
        waiting=int(rows[0]["waiting"]) if rows else 0,
    )


async def progress_event(campaign: Campaign) -> ProgressEvent:
    p = await progress_of(campaign)
    return ProgressEvent(campaign_id=campaign.id, **p.model_dump())


async def recipients(actor: Actor, campaign_id: uuid.UUID, query: RecipientQuery) -> RecipientPage:
    campaign = await access_campaign(actor, campaign_id)
    qs = campaign.recipients.all().order_by("id")  # type: ignore[attr-defined]
    if query.status is not None:
        qs = qs.filter(status=query.status)
        # Only these outcomes set these times: the filter lets PostgreSQL use the partial
        # indexes of migration 15 instead of walking every row of a large campaign.
        if query.status is RecipientStatus.failed:
            qs = qs.filter(failed_at__isnull=False)
        elif query.status is RecipientStatus.bounced:
            qs = qs.filter(bounced_at__isnull=False)
    if query.email and query.email.strip():
        # Through the contacts' address index (addresses are stored lower-case) and then the
        # unique (campaign, contact) one, rather than reading every recipient of the campaign.
        matching = Contact.filter(
            workspace_id=campaign.workspace_id, email__startswith=query.email.strip().lower()
        ).values("id")
        qs = qs.filter(contact_id__in=Subquery(matching))
    if query.cursor is not None:
        qs = qs.filter(id__gt=query.cursor)
    rows = await qs.limit(query.limit + 1)
    now = datetime.now(UTC)
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return RecipientPage(
        items=[
            RecipientRead(
                id=r.id,
                contact_id=r.contact_id,
                email=r.email,
                status=r.status,
                attempts=r.attempts,
                last_error=r.last_error,
                smtp_code=r.smtp_code,
                failure_reason=describe_failure(r.smtp_code, r.last_error)
                if r.status in (RecipientStatus.failed, RecipientStatus.bounced) or r.last_error
                else None,
                message_id=r.message_id,
                # Sent rows keep the time they were due at; only a wait still ahead is news.
                due_at=r.next_attempt_at
                if r.status is RecipientStatus.queued
                and r.next_attempt_at is not None
                and r.next_attempt_at > now
                else None,
                sent_at=r.sent_at,
                opened_at=r.opened_at,
                clicked_at=r.clicked_at,
                bounced_at=r.bounced_at,
                unsubscribed_at=r.unsubscribed_at,
            )
            for r in rows
        ],
        next_cursor=rows[-1].id if more and rows else None,
    )


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


SERIES_SQL = """
SELECT date_trunc($2, t) AS at, sum(s)::int AS sent, sum(o)::int AS opened, sum(c)::int AS clicked
FROM (
    SELECT sent_at AS t, 1 AS s, 0 AS o, 0 AS c FROM campaign_recipient
        WHERE campaign_id = $1 AND sent_at IS NOT NULL
    UNION ALL
    SELECT opened_at, 0, 1, 0 FROM campaign_recipient
        WHERE campaign_id = $1 AND opened_at IS NOT NULL
    UNION ALL
    SELECT clicked_at, 0, 0, 1 FROM campaign_recipient
        WHERE campaign_id = $1 AND clicked_at IS NOT NULL
) events
GROUP BY 1 ORDER BY 1
"""


async def kpis(actor: Actor, campaign_id: uuid.UUID) -> Kpis:
    campaign = await access_campaign(actor, campaign_id)
    p = await progress_of(campaign)
    started = campaign.started_at or campaign.created_at
    span = (campaign.finished_at or datetime.now(UTC)) - started
    bucket: Literal["minute", "hour", "day"] = (
        "minute" if span.total_seconds() <= 6 * 3600 else "hour"
    )
    if span.days > 14:
        bucket = "day"
    conn = connections.get("default")
    _, rows = await conn.execute_query(SERIES_SQL, [campaign.id, bucket])
    return Kpis(
        progress=p,
        rates=Rates(
            delivery_rate=_rate(p.delivered, p.sent),
            open_rate=_rate(p.opened, p.sent),
            click_rate=_rate(p.clicked, p.sent),
            bounce_rate=_rate(p.bounced, p.sent),
            unsubscribe_rate=_rate(p.unsubscribed, p.sent),
            failure_rate=_rate(p.failed, p.total),
        ),
        series=[
            SeriesPoint(at=r["at"], sent=r["sent"], opened=r["opened"], clicked=r["clicked"])
            for r in rows
        ],
        bucket=bucket,
        delivery_reports=get_config().mail_webhook_secret is not None,
    )


def _as_sent_to_caller(
    actor: Actor, campaign: Campaign, email: str
) -> tuple[rendering.PreparedContent, rendering.RecipientContext]:
    """The campaign's content as a message to ``email`` carrying the caller's name (recipient
    0: its links and unsubscribe work only as previews). Until the campaign goes out, the
    footer carries the sender details set in Settings now, as the send will."""
    from server.campaigns.templates_adapter import sender_details

    content = campaign.content
    if campaign.status in NOT_STARTED:
        content = {**content, **sender_details(actor.workspace, content)}
    prepared = rendering.prepare(content, title=campaign.subject, preheader=campaign.preheader)
    first, _, last = actor.user.name.partition(" ")
    ctx = rendering.RecipientContext(recipient_id=0, email=email, first_name=first, last_name=last)
    return prepared, ctx


async def preview_html(actor: Actor, campaign_id: uuid.UUID) -> str:
    """The campaign's email as its readers get it, merge tags filled with the caller's name."""
    campaign = await access_campaign(actor, campaign_id)
    prepared, ctx = _as_sent_to_caller(actor, campaign, actor.user.email)
    return prepared.render(ctx).html


async def test_send(actor: Actor, campaign_id: uuid.UUID, email: str) -> OutgoingMessage:
    """Mail one copy to ``email``; its links and unsubscribe work only as previews."""
    from server.campaigns.sending import build_message
    from server.campaigns.templates_adapter import require_postal_address

    campaign = await access_campaign(actor, campaign_id)
    require_postal_address(actor.workspace, campaign.content)
    prepared, ctx = _as_sent_to_caller(actor, campaign, email)
    message = build_message(
        campaign,
        prepared,
        ctx,
        message_id=None,
        subject_prefix="[Test] ",
        workspace=actor.workspace,
    )
    async with transaction():
        queued = await queue_mail(message)
        await record(campaign, "test_sent", actor, to=email)
    return queued
