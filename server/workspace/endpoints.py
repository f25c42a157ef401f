"""Workspace settings: name, sender name and postal address."""

from __future__ import annotations

from quart import Blueprint
from quart_schema import tag, validate_request, validate_response

from server.core.auth import client_ip, require_actor, requires
from server.workspace import service
from server.workspace.schemas import WorkspaceSettings, WorkspaceUpdate

bp = Blueprint("workspace", __name__)


@bp.get("/api/workspace")
@tag(["workspace"])
@requires("workspace:read")
@validate_response(WorkspaceSettings)
async def read_workspace() -> WorkspaceSettings:
    """The workspace's settings, including the sender identity used in email footers."""
    return service.workspace_settings(require_actor().workspace)


@bp.patch("/api/workspace")
@tag(["workspace"])
@requires("workspace:manage")
@validate_request(WorkspaceUpdate)
@validate_response(WorkspaceSettings)
async def update_workspace(data: WorkspaceUpdate) -> WorkspaceSettings:
    """Change the workspace's name, sender name or postal address (owners only)."""
    workspace = await service.update_workspace(require_actor(), data, ip=client_ip())
    return service.workspace_settings(workspace)
