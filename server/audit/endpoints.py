"""The workspace audit log."""

from __future__ import annotations

from quart import Blueprint
from quart_schema import tag, validate_response

from server.audit import service
from server.audit.schemas import AuditEventList, AuditEventRead
from server.core.auth import require_actor, requires

bp = Blueprint("audit", __name__)


@bp.get("/api/audit")
@tag(["audit"])
@requires("audit:read")
@validate_response(AuditEventList)
async def audit_log() -> AuditEventList:
    """The workspace's audit log, newest first."""
    events = await service.list_events(require_actor().workspace)
    return AuditEventList(
        items=[
            AuditEventRead(
                id=e.id,
                action=e.action,
                actor_email=e.actor.email if e.actor else None,
                ip=e.ip,
                user_agent=e.user_agent,
                details=e.details,
                created_at=e.created_at,
            )
            for e in events
        ]
    )
