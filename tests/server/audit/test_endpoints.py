"""The audit log endpoint: the workspace's own events, for those allowed to read them."""

from __future__ import annotations

from quart.typing import TestClientProtocol

from models.accounts import Membership, Role
from server.audit import service
from tests.factories import login_as, make_user


async def test_owner_reads_own_workspace_events_only(client: TestClientProtocol) -> None:
    owner = await login_as(await make_user("owner@example.com"))
    stranger = await make_user("stranger@example.com")
    mine = await Membership.get(user=owner.user).prefetch_related("workspace")
    theirs = await Membership.get(user=stranger).prefetch_related("workspace")
    await service.record("custom.mine", actor=owner.user, workspace=mine.workspace, ip="10.0.0.1")
    await service.record("custom.theirs", actor=stranger, workspace=theirs.workspace)
    response = await client.get("/api/audit", headers=owner.headers())
    assert response.status_code == 200
    items = (await response.get_json())["items"]
    assert [(i["action"], i["actor_email"], i["ip"]) for i in items] == [
        ("custom.mine", "owner@example.com", "10.0.0.1")
    ]


async def test_members_may_not_read_the_audit_log(client: TestClientProtocol) -> None:
    member = await login_as(await make_user(role=Role.member))
    response = await client.get("/api/audit", headers=member.headers())
    assert response.status_code == 403
