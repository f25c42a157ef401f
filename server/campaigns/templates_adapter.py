"""The seam between campaigns and message templates: a template version's content snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from models.accounts import Workspace
from models.templates import EmailTemplate
from server.core.auth import Actor
from server.entitlements.service import require_template_send
from server.message_templates.service import (
    PostalAddressMissing,
    access_template,
    current_version,
)


def sender_details(workspace: Workspace, content: dict[str, Any] | None = None) -> dict[str, str]:
    """Who the message is from and the postal address its footer carries, as of now.

    The workspace's current address wins; a campaign's earlier snapshot is the fallback, so
    clearing the address in Settings does not strand a campaign that already had one."""
    earlier = str((content or {}).get("postal_address") or "").strip()
    return {
        "sender_name": workspace.sender_name or workspace.name,
        "postal_address": workspace.postal_address.strip() or earlier,
    }


def require_postal_address(workspace: Workspace, content: dict[str, Any]) -> None:
    """Mail must not leave without a real postal address in its footer (422
    ``postal_address_missing``, which points at Settings)."""
    if not sender_details(workspace, content)["postal_address"]:
        raise PostalAddressMissing(details={"settings_url": "/settings"})


async def snapshot(
    actor: Actor, template_id: uuid.UUID
) -> tuple[dict[str, Any], int, uuid.UUID | None]:
    """The template's current version as campaign content, that version's number, and the
    chat thread whose draft the template was made from (if any).

    A pro template is refused (403 ``plan_required``) without the pro plan."""
    template = await access_template(actor, template_id)
    require_template_send(actor.workspace, template)
    version = await current_version(template)
    content = {
        "sections": list(version.sections),
        "theme": dict(version.theme),
        **sender_details(actor.workspace),
    }
    return content, version.number, template.source_thread_id


async def require_sendable(actor: Actor, template_id: uuid.UUID | None) -> None:
    """A pro template needs the pro plan when the campaign goes out, not only when it was made:
    a workspace that moved down to free since then is refused (403 ``plan_required``)."""
    if template_id is None:
        return
    template = await EmailTemplate.get_or_none(id=template_id)
    if template is not None:
        require_template_send(actor.workspace, template)
