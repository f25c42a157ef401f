"""Bulk actions by ids or by filter, and the CSV export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.contacts import Contact, ContactEvent, ContactStatus
from tests.factories import Login, login_as, make_user
from tests.server.contacts.test_endpoints import add, new_list


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def bulk(client: TestClientProtocol, login: Login, **body: Any) -> Any:
    return await client.post("/api/contacts/bulk", json=body, headers=login.headers())


async def test_bulk_by_ids_and_by_filter(client: TestClientProtocol, owner: Login) -> None:
    ids = []
    for i in range(5):
        created = await add(client, owner, email=f"c{i}@example.com", tags=["a"] if i < 2 else [])
        ids.append((await created.get_json())["id"])
    stranger = await login_as(await make_user())
    theirs = (await (await add(client, stranger, email="theirs@example.com")).get_json())["id"]

    tagged = await bulk(client, owner, action="tag", ids=[*ids[:3], theirs], tag="VIP")
    assert await tagged.get_json() == {"action": "tag", "affected": 3}
    assert "vip" not in (await Contact.get(id=theirs)).tags
    again = await bulk(client, owner, action="tag", ids=ids[:3], tag="vip")
    assert (await again.get_json())["affected"] == 3
    assert (await Contact.get(id=ids[0])).tags == ["a", "vip"]

    friends = await new_list(client, owner, "Friends")
    added = await bulk(client, owner, action="add_to_list", filter={"tag": "vip"}, list_id=friends)
    assert (await added.get_json())["affected"] == 3
    page = await (
        await client.get(f"/api/contacts?list_id={friends}", headers=owner.headers())
    ).get_json()
    assert len(page["items"]) == 3

    out = await bulk(client, owner, action="unsubscribe", filter={"tag": "a"})
    assert (await out.get_json())["affected"] == 2
    assert (await Contact.get(id=ids[1])).status is ContactStatus.unsubscribed
    assert await ContactEvent.filter(kind="unsubscribed").count() == 2

    deleted = await bulk(client, owner, action="delete", filter={"status": "unsubscribed"})
    assert (await deleted.get_json())["affected"] == 2
    assert await Contact.filter(id__in=ids).count() == 3

    missing = await bulk(client, owner, action="tag", ids=ids)
    assert missing.status_code == 422
    neither = await bulk(client, owner, action="delete")
    assert neither.status_code == 422


async def test_export_streams_csv_and_neutralizes_formulas(
    client: TestClientProtocol, owner: Login
) -> None:
    await add(client, owner, email="safe@example.com", first_name="Plain",
              attributes={"note": "hello"})  # fmt: skip
    await add(client, owner, email="evil@example.com", first_name="=HYPERLINK(\"x\")",
              last_name="+1", attributes={"note": "@SUM(A1)"})  # fmt: skip
    response = await client.get("/api/contacts/export.csv", headers=owner.headers())
    assert response.status_code == 200
    assert response.content_type.startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await response.get_data(as_text=True))))
    by_email = {r["email"]: r for r in rows}
    assert set(by_email) == {"safe@example.com", "evil@example.com"}
    assert by_email["evil@example.com"]["first_name"] == '\'=HYPERLINK("x")'
    assert by_email["evil@example.com"]["last_name"] == "'+1"
    assert by_email["evil@example.com"]["note"] == "'@SUM(A1)"
    assert by_email["safe@example.com"]["first_name"] == "Plain"
    filtered = await client.get("/api/contacts/export.csv?q=safe", headers=owner.headers())
    text = await filtered.get_data(as_text=True)
    assert "safe@example.com" in text
    assert "evil@example.com" not in text


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_every_formula_start_is_neutralized(cell: str) -> None:
    from server.contacts.service import neutralize

    assert neutralize(cell) == "'" + cell
    assert neutralize("plain " + cell) == "plain " + cell
