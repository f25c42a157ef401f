"""Dead letters: jobs that kept crashing, kept with their arguments until requeued."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from models.campaigns import Campaign, CampaignStatus, DeadLetter
from server.campaigns import progress
from server.campaigns.service import record
from server.core import outbox
from server.core.auth import Actor
from server.core.db import transaction
from server.core.errors import Conflict, NotFound


async def bury(
    job_name: str,
    args: list[Any],
    kwargs: dict[str, Any],
    exc: BaseException,
    *,
    attempts: int,
    campaign_id: uuid.UUID | None,
) -> DeadLetter:
    error = f"{type(exc).__name__}: {exc}"[:4000]
    async with transaction():
        campaign = (
            await Campaign.filter(id=campaign_id).select_for_update().first()
            if campaign_id
            else None
        )
        letter = await DeadLetter.create(
            job_name=job_name,
            args=args,
            kwargs=kwargs,
            error=error,
            attempts=attempts,
            campaign_id=campaign.id if campaign else None,
            workspace_id=campaign.workspace_id if campaign else None,
        )
        if campaign is not None:
            if campaign.status is CampaignStatus.sending:
                campaign.status = CampaignStatus.paused
                campaign.status_reason = (
                    f"Paused: the {job_name.replace('_', ' ')} job failed {attempts} times "
                    f"({type(exc).__name__}). Resume to try again."
                )
                await campaign.save(update_fields=["status", "status_reason", "updated_at"])
            await record(campaign, "dead_lettered", job=job_name, error=error[:500])
            await progress.emit_after_commit(campaign)
    return letter


async def list_dead_letters(actor: Actor) -> list[DeadLetter]:
    return (
        await DeadLetter.filter(workspace_id=actor.workspace.id).order_by("-created_at").limit(100)
    )


async def requeue(actor: Actor, letter_id: int) -> DeadLetter:
    async with transaction():
        letter = (
            await DeadLetter.filter(id=letter_id, workspace_id=actor.workspace.id)
            .select_for_update()
            .first()
        )
        if letter is None:
            raise NotFound("No such dead letter.")
        if letter.requeued_at is not None:
            raise Conflict("This job was already requeued.", code="already_requeued")
        if letter.campaign_id is not None:
            campaign = await Campaign.filter(id=letter.campaign_id).select_for_update().first()
            if campaign is not None and campaign.status is CampaignStatus.paused:
                campaign.status = CampaignStatus.sending
                campaign.status_reason = None
                await campaign.save(update_fields=["status", "status_reason", "updated_at"])
                await record(campaign, "requeued", actor, dead_letter=letter.id)
                await progress.emit_after_commit(campaign)
        kwargs: dict[str, Any] = dict(letter.kwargs)
        await outbox.enqueue(
            letter.job_name,
            *letter.args,
            job_id=f"deadletter:{letter.id}:{uuid.uuid4().hex[:8]}",
            **kwargs,
        )
        letter.requeued_at = datetime.now(UTC)
        await letter.save(update_fields=["requeued_at"])
    return letter
