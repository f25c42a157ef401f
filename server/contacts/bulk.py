"""Bulk actions on contacts: tag, untag, add to or remove from a list, set or clear the time
zone, unsubscribe, delete.

By explicit ids (at most 10,000) or by filter, as set-based statements. A filter that matches
more than ``BULK_SYNC_LIMIT`` contacts is not done inside the request: a ``BulkJob`` row is
created and a ``bulk_contacts`` job enqueued through the outbox (the request answers 202). The
job walks the matching contacts in id order, one chunk per transaction that commits the chunk's
changes with ``last_id`` and the counts, so a rerun carries on after the last committed chunk
and never applies a chunk twice. Progress goes out as ``bulk:progress`` to the workspace room.
"""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from tortoise import connections

from models.contacts import BulkJob, Contact, ContactEvent, ContactList, ContactStatus
from models.contacts import ImportStatus as JobStatus
from realtime.emit import emit_progress
from server.contacts.schemas import BulkJobRead, BulkRequest, ContactFilter
from server.contacts.service import access_list, filtered, filtered_in, reader_zone
from server.core.auth import Actor
from server.core.config import get_config
from server.core.db import transaction
from server.core.errors import NotFound, ValidationFailed
from server.core.outbox import enqueue

log = structlog.get_logger(__name__)

# Contacts per transaction in a bulk job.
CHUNK = 2_000

_EVENT = {
    "tag": "tagged",
    "untag": "untagged",
    "add_to_list": "list_added",
    "remove_from_list": "list_removed",
    # As an edit of the contact would record it.
    "set_timezone": "updated",
    "unsubscribe": "unsubscribed",
}


def _check(request: BulkRequest) -> None:
    if (request.ids is None) == (request.filter is None):
        raise ValidationFailed(
            "Choose contacts by ids or by filter.", details={"fields": {"ids": ["ids or filter"]}}
        )
    needs = {
        "tag": "tag",
        "untag": "tag",
        "add_to_list": "list_id",
        "remove_from_list": "list_id",
        "set_timezone": "timezone",
    }
    field = needs.get(request.action)
    if field and getattr(request, field) is None:
        raise ValidationFailed(
            f"{request.action} needs {field}.", details={"fields": {field: ["required"]}}
        )


async def apply(
    action: str,
    ids: list[uuid.UUID],
    *,
    tag: str | None,
    list_id: uuid.UUID | None,
    timezone: str | None = None,
) -> int:
    """One set-based statement for ``action`` over ``ids`` (contacts of one workspace, checked
    by the caller), and a timeline line for each. Runs in the caller's transaction.
    ``timezone`` is already canonical (``reader_zone``); None clears it."""
    if not ids:
        return 0
    conn = connections.get("default")
    tag = (tag or "").strip().lower()
    match action:
        case "tag":
            await conn.execute_query(
                "UPDATE contact SET tags = array_append(tags, $1), updated_at = now() "
                "WHERE id = ANY($2::uuid[]) AND NOT ($1 = ANY(tags))",
                [tag, ids],
            )
        case "untag":
            await conn.execute_query(
                "UPDATE contact SET tags = array_remove(tags, $1), updated_at = now() "
                "WHERE id = ANY($2::uuid[])",
                [tag, ids],
            )
        case "add_to_list":
            await conn.execute_query(
                "INSERT INTO list_membership (contact_list_id, contact_id, created_at) "
                "SELECT $1, unnest($2::uuid[]), now() "
                "ON CONFLICT (contact_list_id, contact_id) DO NOTHING",
                [list_id, ids],
            )
        case "remove_from_list":
            await conn.execute_query(
                "DELETE FROM list_membership WHERE contact_list_id = $1 "
                "AND contact_id = ANY($2::uuid[])",
                [list_id, ids],
            )
        case "set_timezone":
            await conn.execute_query(
                "UPDATE contact SET timezone = $1, updated_at = now() WHERE id = ANY($2::uuid[])",
                [timezone, ids],
            )
        case "unsubscribe":
            await Contact.filter(id__in=ids).update(status=ContactStatus.unsubscribed)
        case "delete":
            await Contact.filter(id__in=ids).delete()
            return len(ids)
    data: dict[str, Any] = {"bulk": True}
    if tag:
        data["tag"] = tag
    if list_id is not None:
        data["list_id"] = str(list_id)
    if action == "set_timezone":
        data["fields"] = ["timezone"]
        data["timezone"] = timezone
    await ContactEvent.bulk_create(
        [ContactEvent(contact_id=cid, kind=_EVENT[action], data=data) for cid in ids]
    )
    return len(ids)


async def bulk(actor: Actor, request: BulkRequest) -> int | BulkJob:
    """The number of contacts affected, or the job that will do it when the filter matches
    more than ``BULK_SYNC_LIMIT`` contacts."""
    _check(request)
    if request.list_id is not None:
        await access_list(actor, request.list_id)
    if request.action == "set_timezone":
        # Checked and spelled canonically once, for the request and for a job alike.
        request = request.model_copy(update={"timezone": reader_zone(request.timezone or "")})
    limit = get_config().bulk_sync_limit
    async with transaction():
        if request.filter is not None:
            qs = await filtered(actor, request.filter)
            ids: list[uuid.UUID] = list(
                await qs.order_by("id").limit(limit + 1).values_list("id", flat=True)  # type: ignore[arg-type]
            )
            if len(ids) > limit:
                return await _start_job(actor, request, await qs.count())
        else:
            ids = list(
                await Contact.filter(  # type: ignore[arg-type]
                    workspace_id=actor.workspace.id, id__in=request.ids or []
                ).values_list("id", flat=True)
            )
        return await apply(
            request.action,
            ids,
            tag=request.tag,
            list_id=request.list_id,
            timezone=request.timezone,
        )


async def _start_job(actor: Actor, request: BulkRequest, total: int) -> BulkJob:
    assert request.filter is not None
    job = await BulkJob.create(
        id=uuid.uuid4(),
        workspace_id=actor.workspace.id,
        created_by_id=actor.user.id,
        action=request.action,
        params={
            "filter": request.filter.model_dump(mode="json"),
            "tag": request.tag,
            "list_id": str(request.list_id) if request.list_id else None,
            "timezone": request.timezone,
        },
        total=total,
    )
    await enqueue("bulk_contacts", str(job.id), job_id=f"bulk:{job.id}")
    return job


async def access_bulk_job(actor: Actor, job_id: uuid.UUID) -> BulkJob:
    job = await BulkJob.get_or_none(id=job_id, workspace_id=actor.workspace.id)
    if job is None:
        raise NotFound("No such bulk action.")
    return job


def job_read(job: BulkJob) -> BulkJobRead:
    return BulkJobRead.model_validate(job, from_attributes=True)


async def _publish(job: BulkJob) -> None:
    await emit_progress("bulk:progress", job_read(job), job.workspace_id)


async def fail_bulk_job(job_id: str) -> None:
    """After the last try: the chunks already applied stay, the rest are not changed."""
    async with transaction():
        job = await BulkJob.filter(id=job_id).select_for_update().get_or_none()
        if job is None or job.status in (JobStatus.completed, JobStatus.failed):
            return
        job.status = JobStatus.failed
        job.error = (
            f"The action stopped on an unexpected error after {job.done:,} contacts; the others "
            "were not changed. Run it again to finish."
        )
        await job.save(update_fields=["status", "error", "updated_at"])
    await _publish(job)


async def run_bulk_job(job_id: str) -> str:
    """The job: safe to run again, and twice at once (each chunk locks the job row)."""
    job = await BulkJob.get_or_none(id=job_id)
    if job is None or job.status in (JobStatus.completed, JobStatus.failed):
        return "nothing to do"
    params = job.params
    query = ContactFilter.model_validate(params["filter"])
    list_id = uuid.UUID(params["list_id"]) if params.get("list_id") else None
    if list_id is not None and not await ContactList.exists(
        id=list_id, workspace_id=job.workspace_id
    ):
        job.status, job.error = JobStatus.failed, "The list was deleted."
        await job.save(update_fields=["status", "error", "updated_at"])
        await _publish(job)
        return "failed"
    while True:
        async with transaction():
            job = await BulkJob.filter(id=job_id).select_for_update().get()
            if job.status is JobStatus.completed:
                return "completed"
            qs = filtered_in(job.workspace_id, query)
            if job.last_id is not None:
                qs = qs.filter(id__gt=job.last_id)
            ids: list[uuid.UUID] = list(
                await qs.order_by("id").limit(CHUNK).values_list("id", flat=True)  # type: ignore[arg-type]
            )
            if ids:
                job.affected += await apply(
                    job.action,
                    ids,
                    tag=params.get("tag"),
                    list_id=list_id,
                    timezone=params.get("timezone"),
                )
                job.done += len(ids)
                job.last_id = ids[-1]
                # Contacts added while the job runs can make it exceed its first count.
                job.total = max(job.total, job.done)
            job.status = JobStatus.running if ids else JobStatus.completed
            await job.save()
        await _publish(job)
        if not ids:
            log.info("contacts_bulk_done", bulk_id=str(job.id), action=job.action, done=job.done)
            return "completed"
