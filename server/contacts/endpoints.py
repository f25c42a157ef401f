"""Contacts API: contacts, lists and the per-contact timeline."""

from __future__ import annotations

from uuid import UUID

from quart import Blueprint, Response, request
from quart_schema import (
    DataSource,
    tag,
    validate_querystring,
    validate_request,
    validate_response,
)

from server.contacts import bulk as bulk_service
from server.contacts import imports, service
from server.contacts.schemas import (
    BulkJobRead,
    BulkRequest,
    BulkResult,
    ContactCreate,
    ContactFilter,
    ContactPage,
    ContactQuery,
    ContactRead,
    ContactUpdate,
    ImportCreated,
    ImportForm,
    ImportProgress,
    ListCreate,
    ListIndex,
    ListRead,
    Timeline,
    TimelineEvent,
)
from server.core.auth import client_ip, require_actor, requires
from server.core.errors import ValidationFailed
from server.core.openapi import responds

bp = Blueprint("contacts", __name__)


@bp.get("/api/contacts")
@tag(["contacts"])
@requires("contacts:read")
@validate_querystring(ContactQuery)
@validate_response(ContactPage)
async def list_contacts(query_args: ContactQuery) -> ContactPage:
    """Search and filter contacts, newest first, one page at a time (keyset cursor)."""
    items, cursor = await service.search_contacts(require_actor(), query_args)
    return ContactPage(items=items, next_cursor=cursor)


@bp.post("/api/contacts")
@tag(["contacts"])
@requires("contacts:write")
@validate_request(ContactCreate)
@validate_response(ContactRead, 201)
async def create_contact(data: ContactCreate) -> tuple[ContactRead, int]:
    """Add one contact (409 if the address is already a contact)."""
    contact = await service.create_contact(require_actor(), data, ip=client_ip())
    return await service.read_contact(contact), 201


@bp.post("/api/contacts/bulk")
@tag(["contacts"])
@requires("contacts:write")
@validate_request(BulkRequest)
@validate_response(BulkResult, 200)
@validate_response(BulkJobRead, 202)
async def bulk(data: BulkRequest) -> BulkResult | tuple[BulkJobRead, int]:
    """Tag, untag, add to or remove from a list, unsubscribe or delete many contacts at once;
    a filter matching more than BULK_SYNC_LIMIT contacts runs as a job (202, then poll or
    listen for ``bulk:progress``)."""
    result = await bulk_service.bulk(require_actor(), data)
    if isinstance(result, int):
        return BulkResult(action=data.action, affected=result)
    return bulk_service.job_read(result), 202


@bp.get("/api/contacts/bulk/<uuid:job_id>")
@tag(["contacts"])
@requires("contacts:read")
@validate_response(BulkJobRead)
async def get_bulk_job(job_id: UUID) -> BulkJobRead:
    """A bulk action running as a job: its status and progress."""
    return bulk_service.job_read(await bulk_service.access_bulk_job(require_actor(), job_id))


@bp.get("/api/contacts/export.csv")
@responds(200, "A header row, then a row per contact.", "text/csv")
@tag(["contacts"])
@requires("contacts:read")
@validate_querystring(ContactFilter)
async def export(query_args: ContactFilter) -> Response:
    """The matching contacts as CSV (formula-like cells neutralised), streamed."""
    rows = await service.export_rows(require_actor(), query_args)
    return Response(
        rows,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="contacts.csv"'},
    )


@bp.get("/api/contacts/<uuid:contact_id>")
@tag(["contacts"])
@requires("contacts:read")
@validate_response(ContactRead)
async def get_contact(contact_id: UUID) -> ContactRead:
    """One contact."""
    return await service.read_contact(await service.access_contact(require_actor(), contact_id))


@bp.patch("/api/contacts/<uuid:contact_id>")
@tag(["contacts"])
@requires("contacts:write")
@validate_request(ContactUpdate)
@validate_response(ContactRead)
async def update_contact(contact_id: UUID, data: ContactUpdate) -> ContactRead:
    """Change a contact; a contact who opted out is never resubscribed here."""
    contact = await service.update_contact(require_actor(), contact_id, data)
    return await service.read_contact(contact)


@bp.delete("/api/contacts/<uuid:contact_id>")
@responds(204, "Deleted.")
@tag(["contacts"])
@requires("contacts:write")
async def delete_contact(contact_id: UUID) -> tuple[str, int]:
    """Remove a contact and their timeline."""
    await service.delete_contact(require_actor(), contact_id)
    return "", 204


@bp.get("/api/contacts/<uuid:contact_id>/timeline")
@tag(["contacts"])
@requires("contacts:read")
@validate_response(Timeline)
async def contact_timeline(contact_id: UUID) -> Timeline:
    """What happened to a contact, newest first."""
    events = await service.timeline(require_actor(), contact_id)
    return Timeline(
        items=[
            TimelineEvent(id=e.id, kind=e.kind, data=e.data, created_at=e.created_at)
            for e in events
        ]
    )


@bp.get("/api/lists")
@tag(["contacts"])
@requires("contacts:read")
@validate_response(ListIndex)
async def list_lists() -> ListIndex:
    """The workspace's lists with their contact counts."""
    rows = await service.list_lists(require_actor())
    return ListIndex(
        items=[ListRead(id=lst.id, name=lst.name, contact_count=count) for lst, count in rows]
    )


@bp.post("/api/lists")
@tag(["contacts"])
@requires("contacts:write")
@validate_request(ListCreate)
@validate_response(ListRead, 201)
async def create_list(data: ListCreate) -> tuple[ListRead, int]:
    """Create a list (409 if the name is taken)."""
    created = await service.create_list(require_actor(), data.name)
    return ListRead(id=created.id, name=created.name, contact_count=0), 201


@bp.patch("/api/lists/<uuid:list_id>")
@tag(["contacts"])
@requires("contacts:write")
@validate_request(ListCreate)
@validate_response(ListRead)
async def rename_list(list_id: UUID, data: ListCreate) -> ListRead:
    """Rename a list."""
    renamed = await service.rename_list(require_actor(), list_id, data.name)
    return ListRead(
        id=renamed.id, name=renamed.name, contact_count=await service.list_count(renamed.id)
    )


@bp.delete("/api/lists/<uuid:list_id>")
@responds(204, "Deleted.")
@tag(["contacts"])
@requires("contacts:write")
async def delete_list(list_id: UUID) -> tuple[str, int]:
    """Delete a list; its contacts stay."""
    await service.delete_list(require_actor(), list_id)
    return "", 204


@bp.post("/api/contacts/imports")
@tag(["contacts"])
@requires("contacts:write")
@validate_request(ImportForm, source=DataSource.FORM_MULTIPART)
@validate_response(ImportCreated, 202)
async def start_import(data: ImportForm) -> tuple[ImportCreated, int]:
    """Upload a CSV (multipart ``file``) to import in the background; poll or listen for
    ``import:progress``."""
    upload = (await request.files).get("file")
    if upload is None:
        raise ValidationFailed(
            "Choose a CSV file.", details={"fields": {"file": ["a file is required"]}}
        )
    job = await imports.start_import(
        require_actor(),
        upload,
        list_id=data.list_id,
        duplicate_policy=data.duplicate_policy,
        mapping=imports.parse_mapping(data.mapping),
    )
    return ImportCreated(id=job.id, status=job.status), 202


@bp.get("/api/contacts/imports/<uuid:import_id>")
@tag(["contacts"])
@requires("contacts:read")
@validate_response(ImportProgress)
async def get_import(import_id: UUID) -> ImportProgress:
    """An import's status and counts."""
    job = await imports.access_import(require_actor(), import_id)
    return ImportProgress(**imports.progress(job), error=job.error)


@bp.get("/api/contacts/imports/<uuid:import_id>/report.csv")
@responds(200, "A header row, then a row per row not imported.", "text/csv")
@tag(["contacts"])
@requires("contacts:read")
async def import_report(import_id: UUID) -> Response:
    """The rows that were not imported or updated: row number, reason, original values."""
    job = await imports.access_import(require_actor(), import_id)
    return Response(
        imports.report_csv(job),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="import-{job.id}-report.csv"'},
    )
