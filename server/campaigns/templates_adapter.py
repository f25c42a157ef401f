"""The seam between campaigns and message templates: a template version's content snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from models.accounts import Workspace
from models.templates import EmailTemplate
from server.core.auth import Actor
from server.core.config import get_config
from server.entitlements.service import require_template_send
from server.message_templates.service import access_template, current_version


def sender_details(workspace: Workspace) -> dict[str, str]:
    """Who the message is from and the postal address its footer carries, as of now."""
    return {
        "sender_name": workspace.sender_name or workspace.name,
        "postal_address": workspace.postal_address or get_config().postal_address,
    }


async def snapshot(actor: Actor, template_id: uuid.UUID) -> tuple[dict[str, Any], int]:
    """The template's current version as campaign content, and that version's number.

    A pro template is refused (403 ``plan_required``) without the pro plan."""
    template = await access_template(actor, template_id)
    require_template_send(actor.workspace, template)
    version = await current_version(template)
    content = {
        "sections": list(version.sections),
        "theme": dict(version.theme),
        **sender_details(actor.workspace),
    }
    return content, version.number


async def require_sendable(actor: Actor, template_id: uuid.UUID | None) -> None:
    """A pro template needs the pro plan when the campaign goes out, not only when it was made:
    a workspace that moved down to free since then is refused (403 ``plan_required``)."""
    if template_id is None:
        return
    template = await EmailTemplate.get_or_none(id=template_id)
    if template is not None:
        require_template_send(actor.workspace, template)
