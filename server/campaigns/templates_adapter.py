"""The seam between campaigns and message templates: a template version's content snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise.expressions import Q

from models.accounts import Workspace
from models.templates import EmailTemplate, TemplateVersion
from server.core.auth import Actor
from server.core.config import get_config
from server.core.errors import NotFound


def sender_details(workspace: Workspace) -> dict[str, str]:
    """Who the message is from and the postal address its footer carries, as of now."""
    return {
        "sender_name": workspace.sender_name or workspace.name,
        "postal_address": workspace.postal_address or get_config().postal_address,
    }


async def snapshot(actor: Actor, template_id: uuid.UUID) -> tuple[dict[str, Any], int]:
    """The template's current version as campaign content, and that version's number."""
    template = await EmailTemplate.get_or_none(
        Q(workspace_id=actor.workspace.id) | Q(workspace_id=None),
        id=template_id,
        deleted_at=None,
    )
    if template is None:
        raise NotFound("No such template.", details={"template_id": str(template_id)})
    version = await TemplateVersion.get_or_none(template_id=template.id, number=template.version)
    if version is None:
        raise NotFound("The template has no saved version.")
    content = {
        "sections": list(version.sections),
        "theme": dict(version.theme),
        **sender_details(actor.workspace),
    }
    return content, version.number
