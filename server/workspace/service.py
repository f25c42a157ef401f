"""The workspace's own settings: its name, and the sender identity every email carries."""

from __future__ import annotations

from models.accounts import Workspace
from server.audit.service import record
from server.core.auth import Actor
from server.core.db import transaction
from server.workspace.schemas import WorkspaceSettings, WorkspaceUpdate


def workspace_settings(workspace: Workspace) -> WorkspaceSettings:
    return WorkspaceSettings(
        id=workspace.id,
        name=workspace.name,
        plan=workspace.plan,
        sender_name=workspace.sender_name,
        postal_address=workspace.postal_address,
    )


async def update_workspace(actor: Actor, data: WorkspaceUpdate, *, ip: str) -> Workspace:
    changes = data.model_dump(exclude_none=True)
    async with transaction():
        workspace = await Workspace.select_for_update().get(id=actor.workspace.id)
        for field, value in changes.items():
            setattr(workspace, field, value)
        if changes:
            await workspace.save(update_fields=list(changes))
            await record(
                "workspace.updated", actor=actor.user, workspace=workspace, ip=ip,
                fields=sorted(changes),
            )  # fmt: skip
    actor.workspace = workspace
    return workspace
