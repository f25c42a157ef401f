"""Workspace settings: the sender name and postal address every email footer carries."""

from __future__ import annotations

from quart.typing import TestClientProtocol

from models.accounts import AuditEvent, Role, Workspace
from tests.factories import login_as, make_user


async def test_owner_sets_sender_and_address_and_members_can_read(
    client: TestClientProtocol, db: None
) -> None:
    owner_user = await make_user()
    owner = await login_as(owner_user)
    got = await client.get("/api/workspace", headers=owner.headers())
    body = await got.get_json()
    assert (body["plan"], body["sender_name"], body["postal_address"]) == ("free", "", "")

    patched = await client.patch(
        "/api/workspace",
        json={"sender_name": " The Harbour Post ",
              "postal_address": "  1 Harbour Street \r\n\r\n Bristol BS1 4XX \n"},
        headers=owner.headers(),
    )  # fmt: skip
    assert patched.status_code == 200
    body = await patched.get_json()
    assert body["sender_name"] == "The Harbour Post"
    assert body["postal_address"] == "1 Harbour Street\nBristol BS1 4XX"
    workspace = await Workspace.get(id=body["id"])
    assert workspace.postal_address == "1 Harbour Street\nBristol BS1 4XX"
    assert await AuditEvent.filter(action="workspace.updated").count() == 1

    bad = await client.patch(
        "/api/workspace",
        json={"sender_name": "two\nlines", "postal_address": "\n".join("x" * 7)},
        headers=owner.headers(),
    )
    assert bad.status_code == 422
    assert set((await bad.get_json())["details"]["fields"]) == {"sender_name", "postal_address"}

    member = await login_as(await make_user(role=Role.member, workspace=workspace))
    read = await client.get("/api/workspace", headers=member.headers())
    assert (await read.get_json())["sender_name"] == "The Harbour Post"
    refused = await client.patch(
        "/api/workspace", json={"sender_name": "Mine"}, headers=member.headers()
    )
    assert refused.status_code == 403
