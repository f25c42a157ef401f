"""Templates API: the marketplace, my templates, versions, autosave and previews."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from quart import Blueprint, Response
from quart_schema import (
    tag,
    validate_headers,
    validate_querystring,
    validate_request,
    validate_response,
)

from server.core.auth import client_ip, require_actor, requires
from server.core.db import INT_MAX
from server.core.errors import AppError
from server.core.etags import IfNoneMatch, none_match
from server.core.idempotency import IdempotencyHeaders, run_once
from server.core.openapi import responds
from server.core.previews import email_preview
from server.core.ratelimit import hit
from server.message_templates import service
from server.message_templates.schemas import (
    IfMatch,
    PreviewQuery,
    PreviewRequest,
    TemplateCreate,
    TemplateList,
    TemplateQuery,
    TemplateRead,
    TemplateUpdate,
    TestSendRequest,
    TestSendResult,
    VersionList,
    VersionRead,
)

bp = Blueprint("message_templates", __name__)


class PreconditionRequired(AppError):
    code = "precondition_required"
    status = 428
    message = "Send If-Match with the template version this save started from."


def _etag(read: TemplateRead) -> dict[str, str]:
    # Revalidate on every use: the tag answers cheaply, and a stale template misleads.
    return {"ETag": service.etag(read), "Cache-Control": "private, no-cache"}


async def _create_once(
    headers: IdempotencyHeaders,
    route: str,
    payload: BaseModel | Mapping[str, Any],
    create: Callable[[], Awaitable[TemplateRead]],
) -> tuple[TemplateRead, int, dict[str, str]]:
    """A 201 with the new template, once per ``Idempotency-Key``."""

    async def work() -> tuple[TemplateRead, int]:
        return await create(), 201

    outcome = await run_once(
        require_actor().workspace.id,
        headers.idempotency_key,
        route=route,
        payload=payload,
        model=TemplateRead,
        work=work,
    )
    return outcome.body, outcome.status, _etag(outcome.body) | outcome.headers


@bp.get("/api/templates")
@tag(["templates"])
@requires("templates:read")
@validate_querystring(TemplateQuery)
@validate_response(TemplateList)
async def list_templates(query_args: TemplateQuery) -> TemplateList:
    """The marketplace (``scope=marketplace``) or this workspace's templates (``scope=mine``)."""
    return TemplateList(items=await service.list_templates(require_actor(), query_args))


@bp.post("/api/templates")
@tag(["templates"])
@requires("templates:write")
@validate_headers(IdempotencyHeaders)
@validate_request(TemplateCreate)
@validate_response(TemplateRead, 201)
async def create_template(
    data: TemplateCreate, headers: IdempotencyHeaders
) -> tuple[TemplateRead, int, dict[str, str]]:
    """Copy a template (``from_template_id``) into my templates, or start a blank one; a
    repeated ``Idempotency-Key`` returns the first answer."""
    actor = require_actor()
    return await _create_once(
        headers, "POST /api/templates", data, lambda: service.create_template(actor, data)
    )


@bp.post("/api/templates/preview")
@responds(200, "The email's HTML.", "text/html")
@tag(["templates"])
@requires("templates:read")
@validate_request(PreviewRequest)
async def preview_unsaved(data: PreviewRequest) -> Response:
    """Unsaved sections rendered exactly as they would be sent (text/html)."""
    html = service.preview_html(require_actor().workspace, data.sections, data.theme)
    return email_preview(html)


@bp.get("/api/templates/<uuid:template_id>")
@tag(["templates"])
@requires("templates:read")
@validate_headers(IfNoneMatch)
@validate_response(TemplateRead)
async def get_template(
    template_id: UUID, headers: IfNoneMatch
) -> tuple[TemplateRead, int, dict[str, str]] | Response:
    """One template with its sections and an ``ETag``; 304 when ``If-None-Match`` is current."""
    actor = require_actor()
    read = await service.read_template(actor, await service.access_template(actor, template_id))
    if none_match(headers.if_none_match, service.etag(read)):
        return Response("", status=304, headers=_etag(read))
    return read, 200, _etag(read)


@bp.put("/api/templates/<uuid:template_id>")
@tag(["templates"])
@requires("templates:write")
@validate_headers(IfMatch)
@validate_request(TemplateUpdate)
@validate_response(TemplateRead)
async def save_template(
    template_id: UUID, data: TemplateUpdate, headers: IfMatch
) -> tuple[TemplateRead, int, dict[str, str]]:
    """Save (a new version) from the version in ``If-Match``; 409 ``version_conflict`` if stale."""
    if_match = service.parse_if_match(headers.if_match)
    if if_match is None:
        raise PreconditionRequired()
    read = await service.save_template(require_actor(), template_id, data, if_match=if_match)
    return read, 200, _etag(read)


@bp.delete("/api/templates/<uuid:template_id>")
@responds(204, "Deleted.")
@tag(["templates"])
@requires("templates:write")
async def delete_template(template_id: UUID) -> tuple[str, int]:
    """Remove one of my templates."""
    await service.delete_template(require_actor(), template_id)
    return "", 204


@bp.get("/api/templates/<uuid:template_id>/versions")
@tag(["templates"])
@requires("templates:read")
@validate_response(VersionList)
async def list_versions(template_id: UUID) -> VersionList:
    """Every saved version, newest first."""
    return VersionList(items=await service.list_versions(require_actor(), template_id))


@bp.get(f"/api/templates/<uuid:template_id>/versions/<int(max={INT_MAX}):version>")
@tag(["templates"])
@requires("templates:read")
@validate_response(VersionRead)
async def get_version(template_id: UUID, version: int) -> VersionRead:
    """One saved version with its sections."""
    return await service.read_version(require_actor(), template_id, version)


@bp.post(f"/api/templates/<uuid:template_id>/versions/<int(max={INT_MAX}):version>/restore")
@tag(["templates"])
@requires("templates:write")
@validate_headers(IfMatch)
@validate_response(TemplateRead)
async def restore_version(
    template_id: UUID, version: int, headers: IfMatch
) -> tuple[TemplateRead, int, dict[str, str]]:
    """Make an old version current again, as a new version (``If-Match`` optional)."""
    if_match = service.parse_if_match(headers.if_match)
    read = await service.restore_version(require_actor(), template_id, version, if_match=if_match)
    return read, 200, _etag(read)


@bp.post("/api/templates/<uuid:template_id>/publish")
@tag(["templates"])
@requires("templates:write")
@validate_response(TemplateRead)
async def publish(template_id: UUID) -> tuple[TemplateRead, int, dict[str, str]]:
    """Mark one of my templates ready to use in campaigns."""
    read = await service.set_published(require_actor(), template_id, True)
    return read, 200, _etag(read)


@bp.post("/api/templates/<uuid:template_id>/unpublish")
@tag(["templates"])
@requires("templates:write")
@validate_response(TemplateRead)
async def unpublish(template_id: UUID) -> tuple[TemplateRead, int, dict[str, str]]:
    """Put one of my templates back to draft."""
    read = await service.set_published(require_actor(), template_id, False)
    return read, 200, _etag(read)


@bp.post("/api/templates/<uuid:template_id>/duplicate")
@tag(["templates"])
@requires("templates:write")
@validate_headers(IdempotencyHeaders)
@validate_response(TemplateRead, 201)
async def duplicate(
    template_id: UUID, headers: IdempotencyHeaders
) -> tuple[TemplateRead, int, dict[str, str]]:
    """A copy, as a new draft in my templates; a repeated ``Idempotency-Key`` returns the
    first copy."""
    actor = require_actor()
    return await _create_once(
        headers,
        "POST /api/templates/duplicate",
        {"template_id": str(template_id)},
        lambda: service.duplicate_template(actor, template_id),
    )


@bp.get("/api/templates/<uuid:template_id>/preview")
@responds(200, "The email's HTML.", "text/html")
@tag(["templates"])
@requires("templates:read")
@validate_querystring(PreviewQuery)
async def preview(template_id: UUID, query_args: PreviewQuery) -> Response:
    """The exact HTML that will be sent (sample merge values), current or ``?version=N``."""
    body = await service.preview_template(require_actor(), template_id, query_args.version)
    return email_preview(body)


@bp.post("/api/templates/<uuid:template_id>/test-send")
@tag(["templates"])
@requires("templates:read")
@validate_request(TestSendRequest)
@validate_response(TestSendResult, 202)
async def test_send(template_id: UUID, data: TestSendRequest) -> tuple[TestSendResult, int]:
    """Mail the template, exactly as it would be sent, to your own address."""
    actor = require_actor()
    await hit("test_send", ip=client_ip(), account=str(actor.user.id))
    message_id = await service.test_send(actor, template_id, data.subject)
    return TestSendResult(to=actor.user.email, message_id=message_id), 202
