"""The seam between campaigns and message templates: a template's content snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from server.core.auth import Actor
from server.core.errors import NotFound


async def snapshot(actor: Actor, template_id: uuid.UUID) -> tuple[dict[str, Any], int | None]:
    """The template's sections and footer as campaign content, and the version taken."""
    raise NotFound("No such template.", details={"template_id": str(template_id)})
