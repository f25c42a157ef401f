"""Contacts and lists over HTTP: CRUD, tenancy, search, filters, keyset pages, timeline."""

from __future__ import annotations

from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.accounts import Role
from models.contacts import Contact
from server.contacts import service
from tests.factories import Login, login_as, make_user


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def add(client: TestClientProtocol, login: Login, **body: Any) -> Any:
    return await client.post("/api/contacts", json=body, headers=login.headers())


async def new_list(client: TestClientProtocol, login: Login, name: str) -> str:
    response = await client.post("/api/lists", json={"name": name}, headers=login.headers())
    assert response.status_code == 201
    list_id: str = (await response.get_json())["id"]
    return list_id


async def test_create_read_update_delete(client: TestClientProtocol, owner: Login) -> None:
    vip = await new_list(client, owner, "VIP")
    created = await add(
        client, owner, email="Ada@Example.COM", first_name=" Ada ", last_name="Lovelace",
        tags=["Founder", "founder ", "math"], attributes={"city": "London"}, list_ids=[vip],
    )  # fmt: skip
    assert created.status_code == 201
    contact = await created.get_json()
    assert contact["email"] == "ada@example.com"
    assert contact["first_name"] == "Ada"
    assert contact["tags"] == ["founder", "math"]
    assert contact["list_ids"] == [vip]
    assert contact["status"] == "subscribed"

    duplicate = await add(client, owner, email="ada@example.com")
    assert duplicate.status_code == 409
    assert (await duplicate.get_json())["code"] == "contact_exists"

    url = f"/api/contacts/{contact['id']}"
    patched = await client.patch(
        url, json={"last_name": "King", "tags": ["math", "poet"], "list_ids": []},
        headers=owner.headers(),
    )  # fmt: skip
    body = await patched.get_json()
    assert (body["last_name"], body["tags"], body["list_ids"]) == ("King", ["math", "poet"], [])

    timeline = await (await client.get(f"{url}/timeline", headers=owner.headers())).get_json()
    kinds = [e["kind"] for e in timeline["items"]]
    assert set(kinds) == {"created", "list_added", "tagged", "untagged", "list_removed", "updated"}
    assert kinds[-1] == "created"

    gone = await client.delete(url, headers=owner.headers())
    assert gone.status_code == 204
    assert (await client.get(url, headers=owner.headers())).status_code == 404


async def test_opted_out_contacts_are_not_resubscribed(
    client: TestClientProtocol, owner: Login
) -> None:
    contact = await (await add(client, owner, email="out@example.com")).get_json()
    url = f"/api/contacts/{contact['id']}"
    out = await client.patch(url, json={"status": "unsubscribed"}, headers=owner.headers())
    assert (await out.get_json())["status"] == "unsubscribed"
    back = await client.patch(url, json={"status": "subscribed"}, headers=owner.headers())
    assert back.status_code == 409
    assert (await back.get_json())["code"] == "resubscribe_not_allowed"


async def test_other_workspaces_see_nothing(client: TestClientProtocol, owner: Login) -> None:
    contact = await (await add(client, owner, email="mine@example.com")).get_json()
    mine = await new_list(client, owner, "Mine")
    stranger = await login_as(await make_user())
    for response in (
        await client.get(f"/api/contacts/{contact['id']}", headers=stranger.headers()),
        await client.delete(f"/api/contacts/{contact['id']}", headers=stranger.headers()),
        await client.get(f"/api/contacts?list_id={mine}", headers=stranger.headers()),
    ):
        assert response.status_code == 404
    foreign_list = await add(client, stranger, email="x@example.com", list_ids=[mine])
    assert foreign_list.status_code == 422
    listed = await (await client.get("/api/contacts", headers=stranger.headers())).get_json()
    assert listed == {"items": [], "next_cursor": None}


async def test_members_may_write_but_need_the_capability(client: TestClientProtocol) -> None:
    member = await login_as(await make_user(role=Role.member))
    assert (await add(client, member, email="m@example.com")).status_code == 201
    key_owner = await login_as(await make_user())
    key = await client.post(
        "/api/api-keys", json={"name": "read only", "scopes": ["contacts:read"]},
        headers=key_owner.headers(),
    )  # fmt: skip
    bearer = {"Authorization": f"Bearer {(await key.get_json())['key']}"}
    assert (await client.get("/api/contacts", headers=bearer)).status_code == 200
    denied = await client.post("/api/contacts", json={"email": "k@example.com"}, headers=bearer)
    assert denied.status_code == 403


async def test_search_filters_and_keyset_pages(client: TestClientProtocol, owner: Login) -> None:
    newsletter = await new_list(client, owner, "Newsletter")
    for i in range(7):
        await add(
            client, owner, email=f"person{i}@example.com", first_name=f"Name{i}",
            tags=["even"] if i % 2 == 0 else ["odd"], attributes={"plan": f"tier-{i}"},
            list_ids=[newsletter] if i < 3 else [],
        )  # fmt: skip
    await add(client, owner, email="grace@hopper.dev", first_name="Grace", last_name="Hopper")

    async def page(query: str) -> dict[str, Any]:
        response = await client.get(f"/api/contacts?{query}", headers=owner.headers())
        assert response.status_code == 200, await response.get_data(as_text=True)
        body: dict[str, Any] = await response.get_json()
        return body

    assert [c["email"] for c in (await page("q=hopp"))["items"]] == ["grace@hopper.dev"]
    assert [c["email"] for c in (await page("q=GRACE"))["items"]] == ["grace@hopper.dev"]
    assert [c["email"] for c in (await page("q=tier-5"))["items"]] == ["person5@example.com"]
    assert len((await page("tag=even"))["items"]) == 4
    assert len((await page(f"list_id={newsletter}"))["items"]) == 3
    assert len((await page(f"list_id={newsletter}&tag=odd"))["items"]) == 1

    seen: list[str] = []
    cursor = None
    while True:
        query = "limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = await page(query)
        seen += [c["email"] for c in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 8
    assert seen[0] == "grace@hopper.dev"  # newest first

    bad = await client.get("/api/contacts?cursor=not-a-cursor", headers=owner.headers())
    assert bad.status_code == 400
    assert (await bad.get_json())["code"] == "bad_cursor"
    too_big = await client.get("/api/contacts?limit=1000", headers=owner.headers())
    assert too_big.status_code in (400, 422)


@pytest.mark.parametrize("window", [10_000, 2], ids=["newest-window", "gin-index"])
async def test_search_matches_words_addresses_and_domains(
    client: TestClientProtocol, owner: Login, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    # A window of 2 rows forces the sparse path (the GIN index) for every word search.
    monkeypatch.setattr(service, "SEARCH_WINDOW", window)
    people = [
        ("ann.smith@acme.com", "Ann", "Smith", {"city": "Kraków"}),
        ("bob@acme.com", "Bob", "O'Brien", {"city": "Berlin", "plan": "pro"}),
        ("carla@other.org", "Carla", "Annan", {"referrer": "bob@acme.com"}),
        ("dan_99%@example.net", "Dan", "", {}),
    ]
    for email, first, last, attributes in people:
        response = await add(client, owner, email=email, first_name=first, last_name=last,
                             attributes=attributes)  # fmt: skip
        assert response.status_code == 201
    stranger = await login_as(await make_user())
    await add(client, stranger, email="ann@acme.com", first_name="Ann")

    async def emails(q: str) -> list[str]:
        response = await client.get(
            "/api/contacts", query_string={"q": q, "limit": "50"}, headers=owner.headers()
        )
        assert response.status_code == 200
        return sorted(c["email"] for c in (await response.get_json())["items"])

    assert await emails("ann") == ["ann.smith@acme.com", "carla@other.org"]  # Ann, Annan
    assert await emails("ANN SMI") == ["ann.smith@acme.com"]  # words in order, prefixes
    assert await emails("smith ann") == []
    assert await emails("acme.com") == ["ann.smith@acme.com", "bob@acme.com", "carla@other.org"]
    assert await emails("@other.org") == ["carla@other.org"]
    assert await emails("krakó") == ["ann.smith@acme.com"]  # attribute values
    assert await emails("o'brien") == ["bob@acme.com"]
    assert await emails("pro") == ["bob@acme.com"]
    assert await emails("plan") == []  # attribute names are not searched
    assert await emails("Bob@Acme") == ["bob@acme.com"]  # an address: its start
    assert await emails("bob@acme.com") == ["bob@acme.com"]
    assert await emails("dan_99%@") == ["dan_99%@example.net"]  # LIKE wildcards are literal
    assert await emails("dan_9_%@") == []
    assert await emails("mith") == []  # not the middle of a word
    assert await emails("%") == []  # nothing to search for

    # Word-search pages follow the cursor like any other.
    for i in range(5):
        await add(client, owner, email=f"zed{i}@acme.com", first_name="Zed")
    seen: list[str] = []
    cursor: str | None = None
    while True:
        args = {"q": "zed", "limit": "2", **({"cursor": cursor} if cursor else {})}
        response = await client.get("/api/contacts", query_string=args, headers=owner.headers())
        body = await response.get_json()
        seen += [c["email"] for c in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"zed{i}@acme.com" for i in reversed(range(5))]


async def test_lists_crud_with_counts(client: TestClientProtocol, owner: Login) -> None:
    first = await new_list(client, owner, "First")
    taken = await client.post("/api/lists", json={"name": "First"}, headers=owner.headers())
    assert taken.status_code == 409
    await add(client, owner, email="a@example.com", list_ids=[first])
    listed = await (await client.get("/api/lists", headers=owner.headers())).get_json()
    assert listed["items"] == [{"id": first, "name": "First", "contact_count": 1}]
    renamed = await client.patch(
        f"/api/lists/{first}", json={"name": "Renamed"}, headers=owner.headers()
    )
    assert (await renamed.get_json())["name"] == "Renamed"
    assert (await client.delete(f"/api/lists/{first}", headers=owner.headers())).status_code == 204
    contacts = await (await client.get("/api/contacts", headers=owner.headers())).get_json()
    assert contacts["items"][0]["list_ids"] == []


async def test_time_zone_is_stored_canonical_and_changed_only_when_sent(
    client: TestClientProtocol, owner: Login
) -> None:
    created = await add(client, owner, email="ny@example.com", timezone=" america/new_york ")
    assert created.status_code == 201
    contact = await created.get_json()
    assert contact["timezone"] == "America/New_York"
    url = f"/api/contacts/{contact['id']}"
    assert (await (await client.get(url, headers=owner.headers())).get_json())[
        "timezone"
    ] == "America/New_York"
    listed = await (await client.get("/api/contacts", headers=owner.headers())).get_json()
    assert [c["timezone"] for c in listed["items"]] == ["America/New_York"]
    plain = await (await add(client, owner, email="plain@example.com")).get_json()
    assert plain["timezone"] is None
    blank = await (await add(client, owner, email="blank@example.com", timezone="")).get_json()
    assert blank["timezone"] is None

    async def patch(body: dict[str, Any]) -> Any:
        response = await client.patch(url, json=body, headers=owner.headers())
        assert response.status_code == 200, await response.get_data(as_text=True)
        return (await response.get_json())["timezone"]

    assert await patch({"first_name": "Ny"}) == "America/New_York"  # absent: unchanged
    assert await patch({"timezone": None}) == "America/New_York"  # null: unchanged
    assert await patch({"timezone": "EUROPE/berlin"}) == "Europe/Berlin"
    assert await patch({"timezone": "Europe/Berlin"}) == "Europe/Berlin"  # same: no event
    assert await patch({"timezone": ""}) is None  # empty: cleared
    assert (await (await client.get(url, headers=owner.headers())).get_json())["timezone"] is None

    timeline = await (await client.get(f"{url}/timeline", headers=owner.headers())).get_json()
    updates = [e["data"]["fields"] for e in timeline["items"] if e["kind"] == "updated"]
    assert updates == [["timezone"], ["timezone"], ["first_name"]]  # newest first


async def test_contacts_are_filtered_by_time_zone_or_its_absence(
    client: TestClientProtocol, owner: Login
) -> None:
    await add(client, owner, email="tokyo@example.com", timezone="Asia/Tokyo")
    await add(client, owner, email="paris@example.com", timezone="Europe/Paris")
    await add(client, owner, email="nowhere@example.com")

    async def emails(**query: str) -> list[str]:
        response = await client.get("/api/contacts", query_string=query, headers=owner.headers())
        assert response.status_code == 200
        return sorted(c["email"] for c in (await response.get_json())["items"])

    assert await emails(timezone="none") == ["nowhere@example.com"]
    assert await emails(timezone="NONE") == ["nowhere@example.com"]
    assert await emails(timezone="asia/tokyo") == ["tokyo@example.com"]
    assert await emails(timezone="Mars/Base") == []
    assert await emails(timezone="none", q="tokyo") == []
    assert len(await emails()) == 3
    # The same filter reaches the export and a bulk action.
    export = await client.get(
        "/api/contacts/export.csv", query_string={"timezone": "none"}, headers=owner.headers()
    )
    lines = (await export.get_data(as_text=True)).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["nowhere@example.com"]
    fixed = await client.post(
        "/api/contacts/bulk",
        json={"action": "set_timezone", "filter": {"timezone": "none"}, "timezone": "UTC"},
        headers=owner.headers(),
    )
    assert (await fixed.get_json())["affected"] == 1
    assert await emails(timezone="none") == []
    assert await emails(timezone="utc") == ["nowhere@example.com"]


async def test_an_unknown_time_zone_is_a_422_naming_the_field(
    client: TestClientProtocol, owner: Login
) -> None:
    refused = await add(client, owner, email="mars@example.com", timezone="Mars/Olympus_Mons")
    assert refused.status_code == 422
    body = await refused.get_json()
    assert body["code"] == "validation_error"
    assert list(body["details"]["fields"]) == ["timezone"]
    assert "Mars/Olympus_Mons" in body["details"]["fields"]["timezone"][0]
    assert await Contact.filter(email="mars@example.com").count() == 0

    contact = await (
        await add(client, owner, email="earth@example.com", timezone="Asia/Tokyo")
    ).get_json()
    url = f"/api/contacts/{contact['id']}"
    for bad in ("Europe/Atlantis", "x" * 65):
        patched = await client.patch(
            url, json={"timezone": bad, "first_name": "Changed"}, headers=owner.headers()
        )
        assert patched.status_code == 422
        assert list((await patched.get_json())["details"]["fields"]) == ["timezone"]
    kept = await (await client.get(url, headers=owner.headers())).get_json()
    assert (kept["timezone"], kept["first_name"]) == ("Asia/Tokyo", "")  # nothing changed
    stranger = await login_as(await make_user())
    foreign = await client.patch(
        url, json={"timezone": "Europe/Atlantis"}, headers=stranger.headers()
    )
    assert foreign.status_code == 404
