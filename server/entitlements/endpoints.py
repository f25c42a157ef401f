"""What the caller's workspace may use."""

from __future__ import annotations

from dataclasses import asdict

from quart import Blueprint
from quart_schema import tag, validate_response

from server.core.auth import require_actor, requires
from server.entitlements.schemas import EntitlementsRead
from server.entitlements.service import entitlements_for

bp = Blueprint("entitlements", __name__)


@bp.get("/api/entitlements")
@tag(["billing"])
@requires("workspace:read")
@validate_response(EntitlementsRead)
async def read_entitlements() -> EntitlementsRead:
    """The workspace's plan and the features it unlocks."""
    return EntitlementsRead(**asdict(entitlements_for(require_actor().workspace)))
