"""Campaigns API: create, edit, send, schedule, pause, resume, cancel, and watch them go."""

from __future__ import annotations

from uuid import UUID

from quart import Blueprint, Response
from quart_schema import (
    tag,
    validate_headers,
    validate_querystring,
    validate_request,
    validate_response,
)

from models.campaigns import Campaign
from server.campaigns import deadletters, service
from server.campaigns.schemas import (
    Audience,
    AudienceCount,
    CampaignAccepted,
    CampaignCreate,
    CampaignIndex,
    CampaignRead,
    CampaignTestSend,
    CampaignTestSent,
    CampaignUpdate,
    DeadLetterIndex,
    DeadLetterRead,
    Kpis,
    Progress,
    RecipientPage,
    RecipientQuery,
    Retried,
    ScheduleRequest,
    Upcoming,
)
from server.core.auth import require_actor, requires
from server.core.db import BIGINT_MAX
from server.core.idempotency import IdempotencyHeaders, run_once
from server.core.openapi import responds
from server.core.previews import email_preview

bp = Blueprint("campaigns", __name__)


def _read(campaign: Campaign) -> CampaignRead:
    return service.campaign_read(campaign, require_actor().workspace)


@bp.get("/api/campaigns")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_response(CampaignIndex)
async def list_campaigns() -> CampaignIndex:
    """The workspace's campaigns, newest first."""
    items = await service.list_campaigns(require_actor())
    return CampaignIndex(items=[_read(c) for c in items])


@bp.post("/api/campaigns")
@tag(["campaigns"])
@requires("campaigns:write")
@validate_headers(IdempotencyHeaders)
@validate_request(CampaignCreate)
@validate_response(CampaignRead, 201)
async def create_campaign(
    data: CampaignCreate, headers: IdempotencyHeaders
) -> tuple[CampaignRead, int, dict[str, str]]:
    """Create a draft from a template or a chat draft; a repeated Idempotency-Key returns the
    first campaign."""
    actor = require_actor()

    async def work() -> tuple[CampaignRead, int]:
        return _read(await service.create_campaign(actor, data)), 201

    outcome = await run_once(
        actor.workspace.id,
        headers.idempotency_key,
        route="POST /api/campaigns",
        payload=data,
        model=CampaignRead,
        work=work,
    )
    return outcome.body, outcome.status, outcome.headers


@bp.post("/api/campaigns/audience-count")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_request(Audience)
@validate_response(AudienceCount)
async def audience_count(data: Audience) -> AudienceCount:
    """How many subscribed contacts an audience (lists and tags) reaches right now."""
    return await service.preview_audience(require_actor(), data)


@bp.get("/api/campaigns/dead-letters")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_response(DeadLetterIndex)
async def list_dead_letters() -> DeadLetterIndex:
    """Campaign jobs that kept failing, newest first."""
    letters = await deadletters.list_dead_letters(require_actor())
    return DeadLetterIndex(
        items=[DeadLetterRead.model_validate(d, from_attributes=True) for d in letters]
    )


@bp.post(f"/api/campaigns/dead-letters/<int(max={BIGINT_MAX}):letter_id>/requeue")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(DeadLetterRead)
async def requeue_dead_letter(letter_id: int) -> DeadLetterRead:
    """Run a dead-lettered job again (and resume its campaign if the crash paused it)."""
    letter = await deadletters.requeue(require_actor(), letter_id)
    return DeadLetterRead.model_validate(letter, from_attributes=True)


@bp.get("/api/campaigns/<uuid:campaign_id>")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_response(CampaignRead)
async def get_campaign(campaign_id: UUID) -> CampaignRead:
    """One campaign."""
    return _read(await service.access_campaign(require_actor(), campaign_id))


@bp.patch("/api/campaigns/<uuid:campaign_id>")
@tag(["campaigns"])
@requires("campaigns:write")
@validate_request(CampaignUpdate)
@validate_response(CampaignRead)
async def update_campaign(campaign_id: UUID, data: CampaignUpdate) -> CampaignRead:
    """Change a draft (409 once it is scheduled or sent)."""
    campaign = await service.update_campaign(require_actor(), campaign_id, data)
    return _read(campaign)


@bp.delete("/api/campaigns/<uuid:campaign_id>")
@responds(204, "Deleted.")
@tag(["campaigns"])
@requires("campaigns:write")
async def delete_campaign(campaign_id: UUID) -> tuple[str, int]:
    """Delete a draft (409 `campaign_not_editable` once it was scheduled or sent)."""
    await service.delete_draft(require_actor(), campaign_id)
    return "", 204


@bp.post("/api/campaigns/<uuid:campaign_id>/send")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(CampaignAccepted, 202)
async def send_campaign(campaign_id: UUID) -> tuple[CampaignAccepted, int]:
    """Start sending now; watch ``campaign:progress`` or poll the progress endpoint."""
    campaign = await service.send_now(require_actor(), campaign_id)
    return CampaignAccepted(id=campaign.id, status=campaign.status), 202


@bp.post("/api/campaigns/<uuid:campaign_id>/schedule")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_request(ScheduleRequest)
@validate_response(CampaignRead)
async def schedule_campaign(campaign_id: UUID, data: ScheduleRequest) -> CampaignRead:
    """Send at a local time in an IANA time zone (422 for a past time or an unknown zone)."""
    campaign = await service.schedule(require_actor(), campaign_id, data)
    return _read(campaign)


@bp.post("/api/campaigns/<uuid:campaign_id>/unschedule")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(CampaignRead)
async def unschedule_campaign(campaign_id: UUID) -> CampaignRead:
    """Take a scheduled campaign back to draft (409 once it started sending)."""
    return _read(await service.unschedule(require_actor(), campaign_id))


@bp.post("/api/campaigns/<uuid:campaign_id>/pause")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(CampaignRead)
async def pause_campaign(campaign_id: UUID) -> CampaignRead:
    """Stop sending within a second; what is queued waits."""
    return _read(await service.pause(require_actor(), campaign_id))


@bp.post("/api/campaigns/<uuid:campaign_id>/resume")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(CampaignRead)
async def resume_campaign(campaign_id: UUID) -> CampaignRead:
    """Carry on sending a paused campaign."""
    return _read(await service.resume(require_actor(), campaign_id))


@bp.post("/api/campaigns/<uuid:campaign_id>/cancel")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(CampaignRead)
async def cancel_campaign(campaign_id: UUID) -> CampaignRead:
    """Stop for good; recipients not yet sent to get nothing."""
    return _read(await service.cancel(require_actor(), campaign_id))


@bp.post("/api/campaigns/<uuid:campaign_id>/duplicate")
@tag(["campaigns"])
@requires("campaigns:write")
@validate_response(CampaignRead, 201)
async def duplicate_campaign(campaign_id: UUID) -> tuple[CampaignRead, int]:
    """A new draft with the same content and audience."""
    copy = await service.duplicate_campaign(require_actor(), campaign_id)
    return _read(copy), 201


@bp.post("/api/campaigns/<uuid:campaign_id>/retry-failed")
@tag(["campaigns"])
@requires("campaigns:send")
@validate_response(Retried)
async def retry_failed(campaign_id: UUID) -> Retried:
    """Queue the recipients that failed again, with fresh attempts."""
    return Retried(requeued=await service.retry_failed(require_actor(), campaign_id))


@bp.post("/api/campaigns/<uuid:campaign_id>/test")
@tag(["campaigns"])
@requires("campaigns:write")
@validate_request(CampaignTestSend)
@validate_response(CampaignTestSent, 202)
async def test_send_campaign(
    campaign_id: UUID, data: CampaignTestSend
) -> tuple[CampaignTestSent, int]:
    """Mail one copy of the campaign to an address, subject marked [Test]."""
    message = await service.test_send(require_actor(), campaign_id, str(data.email))
    return CampaignTestSent(message_id=message.message_id or ""), 202


@bp.get("/api/campaigns/<uuid:campaign_id>/preview")
@responds(200, "The email's HTML.", "text/html")
@tag(["campaigns"])
@requires("campaigns:read")
async def preview_campaign(campaign_id: UUID) -> Response:
    """The email as its readers get it (text/html), merge tags filled with your name."""
    return email_preview(await service.preview_html(require_actor(), campaign_id))


@bp.get("/api/campaigns/<uuid:campaign_id>/progress")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_response(Progress)
async def campaign_progress(campaign_id: UUID) -> Progress:
    """Counts by status: the polling fallback for ``campaign:progress``."""
    return await service.progress_of(await service.access_campaign(require_actor(), campaign_id))


@bp.get("/api/campaigns/<uuid:campaign_id>/upcoming")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_response(Upcoming)
async def campaign_upcoming(campaign_id: UUID) -> Upcoming:
    """Recipients waiting for a later time (each reader's own, or a retry's), by that time."""
    return await service.upcoming(require_actor(), campaign_id)


@bp.get("/api/campaigns/<uuid:campaign_id>/recipients")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_querystring(RecipientQuery)
@validate_response(RecipientPage)
async def campaign_recipients(campaign_id: UUID, query_args: RecipientQuery) -> RecipientPage:
    """Recipients, optionally by status, with the failure reason in words."""
    return await service.recipients(require_actor(), campaign_id, query_args)


@bp.get("/api/campaigns/<uuid:campaign_id>/kpis")
@tag(["campaigns"])
@requires("campaigns:read")
@validate_response(Kpis)
async def campaign_kpis(campaign_id: UUID) -> Kpis:
    """Counts, rates and sends/opens/clicks over time."""
    return await service.kpis(require_actor(), campaign_id)
