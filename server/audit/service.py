"""The audit log: who did what, from where, and when."""

from __future__ import annotations

from typing import Any

from models.accounts import AuditEvent, User, Workspace


async def record(
    action: str,
    *,
    actor: User | None = None,
    workspace: Workspace | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
    **details: Any,
) -> AuditEvent:
    return await AuditEvent.create(
        action=action,
        actor=actor,
        workspace=workspace,
        ip=ip,
        user_agent=(user_agent or None) and user_agent[:300],
        details=details,
    )


async def list_events(workspace: Workspace, *, limit: int = 100) -> list[AuditEvent]:
    return (
        await AuditEvent.filter(workspace=workspace)
        .order_by("-created_at", "-id")
        .limit(limit)
        .prefetch_related("actor")
    )
