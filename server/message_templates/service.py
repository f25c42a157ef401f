"""Templates: the marketplace and my templates, versions, autosave without lost edits.

Every save writes a new immutable :class:`TemplateVersion`; ``EmailTemplate.version`` is the
number of the current one. A save names the version it started from (``If-Match``) and is
refused with 409 ``version_conflict`` when someone saved since, so two open editors never
overwrite each other silently. The template row is locked (``SELECT ... FOR UPDATE``) for
the compare-and-write, so two saves from the same version cannot both succeed.

Reads go through :func:`access_template`: marketplace templates (no workspace) are readable
by everyone signed in, a workspace's own only by that workspace (404 otherwise), and only
the latter are writable.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from agents.workflow import WorkflowState
from models.accounts import Workspace
from models.templates import EmailTemplate, TemplateStatus, TemplateVersion
from server.assets.service import ImageRef, foreign_images
from server.chat.schemas import DraftRead
from server.chat.service import access_thread, advance_workflow
from server.core.auth import Actor
from server.core.config import get_config
from server.core.db import transaction
from server.core.errors import AppError, Conflict, NotFound, ValidationFailed
from server.core.etags import strong_etag
from server.entitlements.service import may_use_template, require_template
from server.mail.message import OutgoingMessage
from server.mail.service import queue_mail
from server.message_templates.banners import BANNERS
from server.message_templates.drafts import sections_with_draft
from server.message_templates.rendering import SAMPLE_MERGE, PreparedEmail, prepare_email
from server.message_templates.schemas import (
    SECTIONS_ADAPTER,
    ColumnsBlock,
    ImageBlock,
    Scope,
    Section,
    Sections,
    TemplateCreate,
    TemplateQuery,
    TemplateRead,
    TemplateSummary,
    TemplateUpdate,
    Theme,
    VersionRead,
    VersionSummary,
    dump_sections,
    parse_sections,
)

PREVIEW_ADDRESS = "Your postal address appears here (set it in Settings)."


class VersionConflict(Conflict):
    code = "version_conflict"
    message = "Someone saved this template since you opened it."


class ReadOnlyTemplate(AppError):
    code = "read_only_template"
    status = 403
    message = "Marketplace templates cannot be changed; copy one to your templates first."


class ForeignImage(ValidationFailed):
    code = "image_not_in_workspace"
    message = "Images must be this workspace's own or the catalog's; upload the image first."


class ThreadHasNoDraft(AppError):
    code = "thread_has_no_draft"
    status = 422
    message = "This conversation has no draft yet; ask the assistant to write one first."


class PostalAddressMissing(AppError):
    code = "postal_address_missing"
    status = 422
    message = "Add your postal address in Settings: every email's footer must carry it."


def blank_sections() -> list[dict[str, Any]]:
    return [
        {"id": "heading", "type": "heading", "text": "Your headline", "level": 1},
        {
            "id": "intro",
            "type": "text",
            "markdown": 'Hi {{ first_name | default("there") }},\n\nWrite your message here.',
        },
        {"id": "footer", "type": "footer", "text": ""},
    ]


async def access_template(
    actor: Actor, template_id: uuid.UUID | str, *, write: bool = False, lock: bool = False
) -> EmailTemplate:
    query = EmailTemplate.filter(id=template_id, deleted_at__isnull=True)
    if lock:
        query = query.select_for_update()
    template = await query.first()
    if template is None or template.workspace_id not in (None, actor.workspace.id):
        raise NotFound("No such template.")
    if write and template.workspace_id is None:
        raise ReadOnlyTemplate()
    return template


async def current_version(template: EmailTemplate) -> TemplateVersion:
    return await TemplateVersion.get(template_id=template.id, number=template.version)


async def access_version(actor: Actor, template_id: uuid.UUID, number: int) -> TemplateVersion:
    template = await access_template(actor, template_id)
    version = await TemplateVersion.get_or_none(template_id=template.id, number=number)
    if version is None:
        raise NotFound("No such version.")
    return version


def _scope(template: EmailTemplate) -> Scope:
    return "marketplace" if template.workspace_id is None else "mine"


def template_summary(template: EmailTemplate, workspace: Workspace) -> TemplateSummary:
    return TemplateSummary(
        id=template.id,
        name=template.name,
        description=template.description,
        category=template.category,
        is_pro=template.is_pro,
        status=template.status,
        version=template.version,
        scope=_scope(template),
        available=may_use_template(workspace, template),
        source_template_id=template.source_template_id,
        source_thread_id=template.source_thread_id,
        created_at=template.created_at,
        updated_at=template.updated_at,
    )


def template_read(
    template: EmailTemplate, version: TemplateVersion, workspace: Workspace
) -> TemplateRead:
    return TemplateRead(
        **template_summary(template, workspace).model_dump(),
        sections=parse_sections(version.sections),
        theme=Theme.model_validate(version.theme),
    )


async def read_template(actor: Actor, template: EmailTemplate) -> TemplateRead:
    return template_read(template, await current_version(template), actor.workspace)


async def list_templates(actor: Actor, query: TemplateQuery) -> list[TemplateSummary]:
    if query.scope == "marketplace":
        found = EmailTemplate.filter(workspace_id__isnull=True, deleted_at__isnull=True)
        found = found.filter(status=TemplateStatus.published).order_by("is_pro", "name")
    else:
        found = EmailTemplate.filter(workspace_id=actor.workspace.id, deleted_at__isnull=True)
        found = found.order_by("-updated_at")
        if query.status is not None:
            found = found.filter(status=query.status)
    if query.category:
        found = found.filter(category=query.category)
    return [template_summary(t, actor.workspace) for t in await found.limit(500)]


async def _add_version(
    template: EmailTemplate,
    *,
    number: int,
    name: str,
    sections: list[dict[str, Any]],
    theme: dict[str, Any],
    actor: Actor | None,
    restored_from: int | None = None,
) -> TemplateVersion:
    # Stored in canonical form (defaults filled in), so "nothing changed" compares equal.
    return await TemplateVersion.create(
        template_id=template.id,
        number=number,
        name=name,
        sections=dump_sections(SECTIONS_ADAPTER.validate_python(sections)),
        theme=Theme.model_validate(theme).model_dump(),
        restored_from=restored_from,
        created_by_id=actor.user.id if actor else None,
    )


async def _thread_draft(actor: Actor, thread_id: uuid.UUID) -> DraftRead:
    """The draft of one of the workspace's threads (404 for another workspace's)."""
    thread = await access_thread(actor, thread_id)
    draft = DraftRead.model_validate(thread.draft) if thread.draft else None
    if draft is None or not draft.sections:
        raise ThreadHasNoDraft(details={"thread_id": str(thread_id)})
    return draft


async def create_template(actor: Actor, data: TemplateCreate) -> TemplateRead:
    """A copy of ``from_template_id`` (marketplace or mine) or a blank template, with the
    draft of chat thread ``thread_id`` poured into its sections when given."""
    async with transaction():
        if data.from_template_id is None:
            name, sections, theme = data.name or "Untitled template", blank_sections(), {}
            source: EmailTemplate | None = None
        else:
            source = await access_template(actor, data.from_template_id)
            require_template(actor.workspace, source, action="copy")
            version = await current_version(source)
            default = source.name if source.workspace_id is None else f"Copy of {source.name}"
            name, sections, theme = data.name or default[:200], version.sections, version.theme
        if data.thread_id is not None:
            draft = await _thread_draft(actor, data.thread_id)
            sections = dump_sections(sections_with_draft(sections, draft.model_dump()))
            name = data.name or draft.subject.strip()[:200] or name
        template = await EmailTemplate.create(
            id=uuid.uuid4(),
            workspace_id=actor.workspace.id,
            name=name,
            description=source.description if source else "",
            category=source.category if source else "",
            is_pro=source.is_pro if source else False,
            status=TemplateStatus.draft,
            version=1,
            source_template_id=source.id if source else None,
            source_thread_id=data.thread_id,
            created_by_id=actor.user.id,
        )
        version = await _add_version(
            template, number=1, name=name, sections=sections, theme=theme, actor=actor
        )
        if data.thread_id is not None:
            await advance_workflow(
                actor.workspace.id, data.thread_id, WorkflowState.template_chosen
            )
    return template_read(template, version, actor.workspace)


# ``3``, ``"3"``, ``W/"3"``, or a whole ETag as GET returned it (``"3-<digest>"``).
_IF_MATCH = re.compile(r'^(?:W/)?"?(?P<version>[0-9]{1,9})(?:-[0-9a-f]{1,64})?"?$')


def parse_if_match(header: str | None) -> int | None:
    """The version a save started from; None when absent. Anything else is a 400.

    Only the version counts: a save conflicts with other saves, not with publishing or a
    plan change, which alter the ETag's digest but not the content being edited.
    """
    if header is None or not header.strip():
        return None
    match = _IF_MATCH.match(header.strip())
    if match is None:
        raise AppError(
            'If-Match must be the template version you started from, e.g. "3".',
            code="bad_if_match",
            details={"if_match": header[:50]},
        )
    return int(match["version"])


def etag(read: TemplateRead) -> str:
    """A strong validator over the whole answer (status, availability, content...), led by
    the version so ``If-Match`` can be given either the version or the ETag itself."""
    return strong_etag(read, prefix=str(read.version))


def _conflict(template: EmailTemplate, version: TemplateVersion, actor: Actor) -> VersionConflict:
    current = template_read(template, version, actor.workspace)
    return VersionConflict(
        details={
            "current_version": template.version,
            "current": current.model_dump(mode="json"),
        },
        headers={"ETag": etag(current)},
    )


def _image_refs(sections: list[Section]) -> Iterator[ImageRef]:
    for i, section in enumerate(sections):
        if isinstance(section, ImageBlock):
            yield ImageRef(f"sections.{i}", section.src, section.asset_id)
        elif isinstance(section, ColumnsBlock):
            for c, column in enumerate(section.columns):
                for b, block in enumerate(column.blocks):
                    if isinstance(block, ImageBlock):
                        path = f"sections.{i}.columns.{c}.blocks.{b}"
                        yield ImageRef(path, block.src, block.asset_id)


async def check_images(actor: Actor, sections: list[Section]) -> None:
    """422 with per-field details when an image is another workspace's (see
    :func:`server.assets.service.foreign_images`)."""
    refs = list(_image_refs(sections))
    if not refs:
        return
    problems = await foreign_images(actor.workspace.id, refs, banners=frozenset(BANNERS))
    if problems:
        raise ForeignImage(details={"fields": problems})


async def save_template(
    actor: Actor, template_id: uuid.UUID, data: TemplateUpdate, *, if_match: int
) -> TemplateRead:
    """Write a new version from ``if_match``; a save that changes nothing writes none."""
    async with transaction():
        template = await access_template(actor, template_id, write=True, lock=True)
        require_template(actor.workspace, template, action="edit")
        current = await current_version(template)
        if if_match != template.version:
            raise _conflict(template, current, actor)
        if data.sections is not None:
            await check_images(actor, data.sections)
        name = data.name if data.name is not None else current.name
        sections = dump_sections(data.sections) if data.sections is not None else current.sections
        theme = data.theme.model_dump() if data.theme is not None else current.theme
        if data.description is not None:
            template.description = data.description
        if (name, sections, theme) == (current.name, current.sections, current.theme):
            if data.description is not None:
                await template.save(update_fields=["description", "updated_at"])
            return template_read(template, current, actor.workspace)
        template.version += 1
        template.name = name
        await template.save(update_fields=["version", "name", "description", "updated_at"])
        version = await _add_version(
            template, number=template.version, name=name, sections=sections, theme=theme,
            actor=actor,
        )  # fmt: skip
    return template_read(template, version, actor.workspace)


async def restore_version(
    actor: Actor, template_id: uuid.UUID, number: int, *, if_match: int | None
) -> TemplateRead:
    """Restoring writes the old content as a new version; history is never rewritten."""
    async with transaction():
        template = await access_template(actor, template_id, write=True, lock=True)
        require_template(actor.workspace, template, action="edit")
        if if_match is not None and if_match != template.version:
            raise _conflict(template, await current_version(template), actor)
        old = await TemplateVersion.get_or_none(template_id=template.id, number=number)
        if old is None:
            raise NotFound("No such version.")
        # Versions saved before images were checked may name another workspace's image.
        await check_images(actor, parse_sections(old.sections))
        template.version += 1
        template.name = old.name
        await template.save(update_fields=["version", "name", "updated_at"])
        version = await _add_version(
            template, number=template.version, name=old.name, sections=old.sections,
            theme=old.theme, actor=actor, restored_from=number,
        )  # fmt: skip
    return template_read(template, version, actor.workspace)


async def list_versions(actor: Actor, template_id: uuid.UUID) -> list[VersionSummary]:
    template = await access_template(actor, template_id)
    versions = (
        await TemplateVersion.filter(template_id=template.id)
        .order_by("-number")
        .limit(500)
        .prefetch_related("created_by")
    )
    return [_version_summary(v, template) for v in versions]


def _version_summary(version: TemplateVersion, template: EmailTemplate) -> VersionSummary:
    author = version.created_by
    return VersionSummary(
        version=version.number,
        name=version.name,
        created_at=version.created_at,
        created_by=author.name if author is not None else None,
        restored_from=version.restored_from,
        current=version.number == template.version,
    )


async def read_version(actor: Actor, template_id: uuid.UUID, number: int) -> VersionRead:
    template = await access_template(actor, template_id)
    version = await TemplateVersion.get_or_none(
        template_id=template.id, number=number
    ).prefetch_related("created_by")
    if version is None:
        raise NotFound("No such version.")
    return VersionRead(
        **_version_summary(version, template).model_dump(),
        template_id=template.id,
        sections=parse_sections(version.sections),
        theme=Theme.model_validate(version.theme),
    )


async def set_published(actor: Actor, template_id: uuid.UUID, published: bool) -> TemplateRead:
    async with transaction():
        template = await access_template(actor, template_id, write=True, lock=True)
        template.status = TemplateStatus.published if published else TemplateStatus.draft
        template.published_at = datetime.now(UTC) if published else None
        await template.save(update_fields=["status", "published_at", "updated_at"])
    return await read_template(actor, template)


async def duplicate_template(actor: Actor, template_id: uuid.UUID) -> TemplateRead:
    return await create_template(actor, TemplateCreate(from_template_id=template_id))


async def delete_template(actor: Actor, template_id: uuid.UUID) -> None:
    async with transaction():
        template = await access_template(actor, template_id, write=True, lock=True)
        template.deleted_at = datetime.now(UTC)
        await template.save(update_fields=["deleted_at", "updated_at"])


# ---- Rendering for preview and sending -------------------------------------------------


def prepare_for_workspace(
    workspace: Workspace,
    sections: list[Section] | list[dict[str, Any]],
    theme: Theme | Mapping[str, Any] | None,
    *,
    title: str = "",
    preheader: str = "",
    require_address: bool = True,
) -> PreparedEmail:
    """Lay out a template with the workspace's sender name and postal address.

    Sending needs a real address (``postal_address_missing`` otherwise); previews show a
    reminder in its place.
    """
    address = workspace.postal_address.strip()
    if not address:
        if require_address:
            raise PostalAddressMissing()
        address = PREVIEW_ADDRESS
    return prepare_email(
        sections,
        postal_address=address,
        sender_name=workspace.sender_name or workspace.name,
        theme=theme,
        title=title,
        preheader=preheader,
    )


def preview_html(workspace: Workspace, sections: Sections, theme: Theme | Mapping[str, Any]) -> str:
    """Exactly what a subscriber would get, with sample merge values."""
    prepared = prepare_for_workspace(workspace, sections, theme, require_address=False)
    unsubscribe = f"{get_config().effective_public_url}/u/preview"
    return prepared.render(merge=SAMPLE_MERGE, unsubscribe_url=unsubscribe).html


async def preview_template(actor: Actor, template_id: uuid.UUID, number: int | None) -> str:
    template = await access_template(actor, template_id)
    if number is None:
        version = await current_version(template)
    else:
        version = await access_version(actor, template.id, number)
    return preview_html(actor.workspace, parse_sections(version.sections), version.theme)


async def test_send(actor: Actor, template_id: uuid.UUID, subject: str | None) -> str:
    """The current version, rendered exactly as a campaign would, mailed to the caller only
    (never to an address they type, so it cannot be used to mail strangers). Returns the
    Message-ID."""
    template = await access_template(actor, template_id)
    version = await current_version(template)
    prepared = prepare_for_workspace(
        actor.workspace, version.sections, version.theme, title=subject or version.name,
        require_address=False,
    )  # fmt: skip
    first, _, last = actor.user.name.partition(" ")
    email = prepared.render(
        merge={"first_name": first, "last_name": last, "full_name": actor.user.name,
               "email": actor.user.email},
        unsubscribe_url=f"{get_config().effective_public_url}/u/preview",
    )  # fmt: skip
    async with transaction():
        queued = await queue_mail(
            OutgoingMessage(
                to=[actor.user.email],
                subject=f"[Test] {subject or version.name}",
                text=email.text,
                html=email.html,
            )
        )
    assert queued.message_id is not None
    return queued.message_id


async def version_for_send(
    workspace: Workspace, template_id: uuid.UUID, number: int | None = None
) -> tuple[EmailTemplate, TemplateVersion]:
    """For campaigns: the template (own or marketplace) and the version to send, after the
    plan check. ``number`` pins a version; by default the current one."""
    template = await EmailTemplate.get_or_none(id=template_id, deleted_at__isnull=True)
    if template is None or template.workspace_id not in (None, workspace.id):
        raise NotFound("No such template.")
    require_template(workspace, template, action="send")
    wanted = template.version if number is None else number
    version = await TemplateVersion.get_or_none(template_id=template.id, number=wanted)
    if version is None:
        raise NotFound("No such version.")
    return template, version
