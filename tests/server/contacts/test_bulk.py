"""Bulk actions by ids or by filter, and the CSV export."""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from typing import Any

import pytest
import socketio
from quart.typing import TestClientProtocol

from models.accounts import Membership
from models.contacts import BulkJob, Contact, ContactEvent, ContactStatus, ListMembership
from server.contacts import bulk as bulk_module
from server.contacts import service
from server.core.config import Config
from tests.factories import Login, login_as, make_user
from tests.server.contacts.test_endpoints import add, new_list
from tests.server.contacts.test_imports import run


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


async def test_bulk_sets_and_clears_the_time_zone(client: TestClientProtocol, owner: Login) -> None:
    ids = []
    for i in range(3):
        created = await add(client, owner, email=f"z{i}@example.com", tags=["east"] if i else [])
        ids.append((await created.get_json())["id"])

    east = await bulk(
        client, owner, action="set_timezone", filter={"tag": "east"}, timezone="asia/TOKYO"
    )
    assert await east.get_json() == {"action": "set_timezone", "affected": 2}
    zones = {c.email: c.timezone for c in await Contact.filter(id__in=ids)}
    assert zones == {
        "z0@example.com": None,
        "z1@example.com": "Asia/Tokyo",
        "z2@example.com": "Asia/Tokyo",
    }
    # On each contact's timeline as an edit of its time zone.
    events = await ContactEvent.filter(contact_id=ids[1], kind="updated")
    assert [e.data for e in events] == [
        {"bulk": True, "fields": ["timezone"], "timezone": "Asia/Tokyo"}
    ]

    cleared = await bulk(client, owner, action="set_timezone", ids=ids[1:2], timezone="")
    assert (await cleared.get_json())["affected"] == 1
    assert (await Contact.get(id=ids[1])).timezone is None
    assert (await Contact.get(id=ids[2])).timezone == "Asia/Tokyo"

    unknown = await bulk(client, owner, action="set_timezone", ids=ids, timezone="Mars/Base")
    assert unknown.status_code == 422
    assert list((await unknown.get_json())["details"]["fields"]) == ["timezone"]
    missing = await bulk(client, owner, action="set_timezone", ids=ids)
    assert missing.status_code == 422
    assert list((await missing.get_json())["details"]["fields"]) == ["timezone"]
    assert (await Contact.get(id=ids[2])).timezone == "Asia/Tokyo"


async def test_a_time_zone_set_on_many_contacts_runs_as_a_job_with_the_zone_checked_first(
    client: TestClientProtocol, owner: Login, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "bulk_sync_limit", 2)
    monkeypatch.setattr(bulk_module, "CHUNK", 2)
    for i in range(5):
        await add(client, owner, email=f"far{i}@example.com")
    started = await bulk(client, owner, action="set_timezone", filter={}, timezone="europe/lisbon")
    assert started.status_code == 202
    job_id = (await started.get_json())["id"]
    assert (await BulkJob.get(id=job_id)).params["timezone"] == "Europe/Lisbon"
    assert await bulk_module.run_bulk_job(job_id) == "completed"
    contacts = await Contact.filter(email__startswith="far")
    assert [c.timezone for c in contacts] == ["Europe/Lisbon"] * 5


async def test_a_large_bulk_action_runs_as_a_job_with_live_progress(
    client: TestClientProtocol,
    owner: Login,
    config: Config,
    live_server: str,
    running_worker: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "bulk_sync_limit", 3)
    monkeypatch.setattr(bulk_module, "CHUNK", 2)
    for i in range(7):
        await add(client, owner, email=f"fan{i}@example.com", first_name="Fan")
    await add(client, owner, email="other@example.com", first_name="Other")
    stranger = await login_as(await make_user())
    await add(client, stranger, email="fan@elsewhere.com", first_name="Fan")

    progress: list[dict[str, Any]] = []
    sock = socketio.AsyncClient(reconnection=False)
    sock.on("bulk:progress", progress.append)
    await sock.connect(
        live_server, socketio_path="socket.io", transports=["polling", "websocket"],
        headers={"Cookie": owner.cookie_header},
    )  # fmt: skip
    try:
        small = await bulk(client, owner, action="tag", filter={"q": "other"}, tag="one")
        assert small.status_code == 200
        assert await small.get_json() == {"action": "tag", "affected": 1}

        started = await bulk(client, owner, action="tag", filter={"q": "fan"}, tag="Fans")
        assert started.status_code == 202
        job = await started.get_json()
        assert (job["action"], job["status"], job["total"], job["done"]) == ("tag", "queued", 7, 0)
        for _ in range(500):
            if progress and progress[-1]["status"] == "completed":
                break
            await asyncio.sleep(0.02)
    finally:
        await sock.disconnect()

    assert [p["done"] for p in progress] == [2, 4, 6, 7, 7]
    assert progress[-1] == {**job, "status": "completed", "done": 7, "affected": 7}
    status = await client.get(f"/api/contacts/bulk/{job['id']}", headers=owner.headers())
    assert await status.get_json() == progress[-1]
    tagged = await Contact.filter(tags__contains=["fans"]).values_list("email", flat=True)
    assert sorted(map(str, tagged)) == [f"fan{i}@example.com" for i in range(7)]
    assert await ContactEvent.filter(kind="tagged", data__contains={"tag": "fans"}).count() == 7

    theirs = await client.get(f"/api/contacts/bulk/{job['id']}", headers=stranger.headers())
    assert theirs.status_code == 404


async def test_a_bulk_job_resumes_after_a_failure_without_doing_a_chunk_twice(
    client: TestClientProtocol, owner: Login, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "bulk_sync_limit", 2)
    monkeypatch.setattr(bulk_module, "CHUNK", 2)
    friends = await new_list(client, owner, "Friends")
    for i in range(5):
        await add(client, owner, email=f"p{i}@example.com")
    started = await bulk(client, owner, action="add_to_list", filter={}, list_id=friends)
    job_id = (await started.get_json())["id"]

    real_apply = bulk_module.apply
    calls = 0

    async def crash_on_the_second_chunk(*args: Any, **kwargs: Any) -> int:
        nonlocal calls
        calls += 1
        affected = await real_apply(*args, **kwargs)
        if calls == 2:
            raise RuntimeError("worker lost")
        return affected

    monkeypatch.setattr(bulk_module, "apply", crash_on_the_second_chunk)
    with pytest.raises(RuntimeError):
        await bulk_module.run_bulk_job(job_id)
    job = await BulkJob.get(id=job_id)
    assert (job.status.value, job.done) == ("running", 2)  # the failed chunk rolled back
    assert await ListMembership.filter(contact_list_id=friends).count() == 2

    monkeypatch.setattr(bulk_module, "apply", real_apply)
    assert await bulk_module.run_bulk_job(job_id) == "completed"
    assert await bulk_module.run_bulk_job(job_id) == "nothing to do"
    job = await BulkJob.get(id=job_id)
    assert (job.status.value, job.done, job.affected) == ("completed", 5, 5)
    assert await ListMembership.filter(contact_list_id=friends).count() == 5
    assert await ContactEvent.filter(kind="list_added").count() == 5


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


async def test_export_columns_cover_every_matching_contacts_attributes(
    client: TestClientProtocol, owner: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "EXPORT_PAGE", 2)
    await add(client, owner, email="old@example.com", attributes={"zodiac": "leo"})
    for i in range(4):
        await add(client, owner, email=f"new{i}@example.com", attributes={"city": f"c{i}"})
    await add(client, owner, email="hidden@example.com", attributes={"secret": "x"})
    await client.post(
        "/api/contacts/bulk",
        json={"action": "unsubscribe", "filter": {"q": "hidden"}},
        headers=owner.headers(),
    )
    stranger = await login_as(await make_user())
    await add(client, stranger, email="theirs@example.com", attributes={"private": "y"})

    response = await client.get(
        "/api/contacts/export.csv?status=subscribed", headers=owner.headers()
    )
    rows = list(csv.reader(io.StringIO(await response.get_data(as_text=True))))
    assert rows[0] == ["email", "first_name", "last_name", "status", "tags", "created_at",
                       "timezone", "city", "zodiac"]  # fmt: skip
    by_email = {row[0]: row for row in rows[1:]}
    assert len(rows) == 6
    assert by_email["old@example.com"][-2:] == ["", "leo"]  # the last page's own column
    assert by_email["new3@example.com"][-2:] == ["c3", ""]


async def test_export_of_a_list_not_in_the_workspace_is_a_404_before_any_csv(
    client: TestClientProtocol, owner: Login
) -> None:
    # Checked before the response starts: a failure mid-stream would reach the user as a
    # 200 whose download is cut off, with no error they can read.
    await add(client, owner, email="mine@example.com")
    stranger = await login_as(await make_user())
    theirs = await client.post("/api/lists", json={"name": "Theirs"}, headers=stranger.headers())
    assert theirs.status_code == 201
    for list_id in ((await theirs.get_json())["id"], str(uuid.uuid4())):
        response = await client.get(
            "/api/contacts/export.csv", query_string={"list_id": list_id}, headers=owner.headers()
        )
        assert response.status_code == 404
        assert response.content_type == "application/json"
        body = await response.get_json()
        assert (body["code"], body["message"]) == ("not_found", "No such list.")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_every_formula_start_is_neutralized(cell: str) -> None:
    from server.contacts.service import neutralize

    assert neutralize(cell) == "'" + cell
    assert neutralize("plain " + cell) == "plain " + cell


async def test_export_has_each_contacts_time_zone_and_an_import_reads_it_back(
    client: TestClientProtocol, config: Config, owner: Login
) -> None:
    await add(client, owner, email="tokyo@example.com", timezone="asia/tokyo")
    await add(client, owner, email="nowhere@example.com", attributes={"city": "Oslo"})
    response = await client.get("/api/contacts/export.csv", headers=owner.headers())
    exported = await response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {r["email"]: r["timezone"] for r in rows} == {
        "tokyo@example.com": "Asia/Tokyo",
        "nowhere@example.com": "",
    }
    assert {r["email"]: r["city"] for r in rows}["nowhere@example.com"] == "Oslo"

    # The export's header maps back: another workspace importing the file gets the zone.
    other = await login_as(await make_user())
    body = await run(client, config, other, exported.encode())
    assert (body["status"], body["imported"], body["failed"]) == ("completed", 2, 0)
    workspace_id = (await Membership.get(user=other.user)).workspace_id  # type: ignore[attr-defined]
    theirs = await Contact.filter(workspace_id=workspace_id).values_list("email", "timezone")
    assert sorted(theirs) == [("nowhere@example.com", None), ("tokyo@example.com", "Asia/Tokyo")]
