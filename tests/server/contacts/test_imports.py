"""CSV imports end to end: upload over HTTP, the real worker, PostgreSQL and Redis."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from quart.datastructures import FileStorage
from quart.typing import TestClientProtocol
from tortoise import connections

from models.accounts import Membership
from models.contacts import Contact, ContactEvent, ContactStatus, ImportJob, ListMembership
from realtime import emit
from server.contacts import imports
from server.core.config import Config
from tests.factories import Login, login_as, make_user
from tests.jobs.worker_harness import run_worker_burst


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def upload(
    client: TestClientProtocol, login: Login, data: bytes, **form: str
) -> dict[str, Any]:
    response = await client.post(
        "/api/contacts/imports",
        form=form,
        files={"file": FileStorage(io.BytesIO(data), filename="people.csv")},
        headers=login.headers(),
    )
    assert response.status_code == 202, await response.get_data(as_text=True)
    body: dict[str, Any] = await response.get_json()
    assert body["status"] == "queued"
    return body


async def run(
    client: TestClientProtocol, config: Config, login: Login, data: bytes, **form: str
) -> dict[str, Any]:
    created = await upload(client, login, data, **form)
    await run_worker_burst(config)
    response = await client.get(f"/api/contacts/imports/{created['id']}", headers=login.headers())
    assert response.status_code == 200
    body: dict[str, Any] = await response.get_json()
    return body


async def report(client: TestClientProtocol, login: Login, import_id: str) -> list[list[str]]:
    response = await client.get(
        f"/api/contacts/imports/{import_id}/report.csv", headers=login.headers()
    )
    assert response.status_code == 200
    assert response.content_type.startswith("text/csv")
    return list(csv.reader(io.StringIO(await response.get_data(as_text=True))))


def counts(body: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("status", "total_rows", "imported", "updated", "skipped", "failed")
    return tuple(body[k] for k in keys)


async def test_messy_csv(client: TestClientProtocol, config: Config, owner: Login) -> None:
    await Contact.create(
        workspace_id=(await Membership.get(user=owner.user)).workspace_id,  # type: ignore[attr-defined]
        email="gone@example.com",
        first_name="Gone",
        status=ContactStatus.unsubscribed,
    )
    text = (
        "E-mail Address;First Name;Surname;City\r\n"
        "Zoë@Example.com;Zoë;Müller;Köln\r\n"
        'rene@example.com;René;"Dupont\nJunior";Paris\r\n'
        "not-an-email;Bad;Row;X\r\n"
        "ZOË@example.com;Zoé;Again;Y\r\n"
        "GONE@example.com;Back;Again;Z\r\n"
    )
    data = b"\xef\xbb\xbf" + text.encode("latin-1")
    body = await run(client, config, owner, data)
    assert counts(body) == ("completed", 5, 2, 0, 2, 1)

    zoe = await Contact.get(email="zoë@example.com")
    assert (zoe.first_name, zoe.last_name, zoe.attributes) == ("Zoë", "Müller", {"City": "Köln"})
    assert zoe.status is ContactStatus.subscribed
    assert zoe.consent_source == "import"
    rene = await Contact.get(email="rene@example.com")
    assert (rene.first_name, rene.last_name) == ("René", "Dupont\nJunior")
    gone = await Contact.get(email="gone@example.com")
    assert (gone.status, gone.first_name) == (ContactStatus.unsubscribed, "Gone")
    assert await ContactEvent.filter(kind="imported").count() == 2

    lines = await report(client, owner, body["id"])
    assert lines[0] == ["row", "reason", "E-mail Address", "First Name", "Surname", "City"]
    assert [(line[0], line[1].split(":")[0], line[2]) for line in lines[1:]] == [
        ("4", "invalid email", "not-an-email"),
        ("5", "duplicate of an earlier row in the file", "ZOË@example.com"),
        ("6", "already a contact", "GONE@example.com"),
    ]


async def test_utf8_latin1_detection_without_bom(
    client: TestClientProtocol, config: Config, owner: Login
) -> None:
    data = "email,name\nana@example.com,Ana Sofía Núñez\n".encode("latin-1")
    body = await run(client, config, owner, data)
    assert counts(body) == ("completed", 1, 1, 0, 0, 0)
    ana = await Contact.get(email="ana@example.com")
    assert (ana.first_name, ana.last_name) == ("Ana", "Sofía Núñez")


async def test_duplicate_policies(client: TestClientProtocol, config: Config, owner: Login) -> None:
    existing = await (
        await client.post(
            "/api/contacts",
            json={"email": "old@example.com", "first_name": "Old", "attributes": {"a": "1"}},
            headers=owner.headers(),
        )
    ).get_json()
    await client.patch(
        f"/api/contacts/{existing['id']}", json={"status": "bounced"}, headers=owner.headers()
    )
    data = b"email,first_name,plan\nold@example.com,New,pro\nfresh@example.com,F,free\n"

    skip = await run(client, config, owner, data)
    assert counts(skip) == ("completed", 2, 1, 0, 1, 0)
    old = await Contact.get(email="old@example.com")
    assert old.first_name == "Old"

    error = await run(client, config, owner, data, duplicate_policy="error")
    assert counts(error) == ("completed", 2, 0, 0, 0, 2)
    assert [line[1] for line in (await report(client, owner, error["id"]))[1:]] == [
        "already a contact",
        "already a contact",
    ]

    update = await run(client, config, owner, data, duplicate_policy="update")
    assert counts(update) == ("completed", 2, 0, 2, 0, 0)
    old = await Contact.get(email="old@example.com")
    assert (old.first_name, old.attributes, old.status) == (
        "New",
        {"a": "1", "plan": "pro"},
        ContactStatus.bounced,
    )
    assert await Contact.filter(email="fresh@example.com").count() == 1


async def test_mapping_and_list_membership(
    client: TestClientProtocol, config: Config, owner: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    emitted: list[tuple[str, dict[str, Any], str | None]] = []

    async def capture(event: str, data: dict[str, Any], *, room: str | None) -> None:
        emitted.append((event, data, room))

    monkeypatch.setattr(emit, "emit_now", capture)
    lst = await (
        await client.post("/api/lists", json={"name": "Imported"}, headers=owner.headers())
    ).get_json()
    await client.post("/api/contacts", json={"email": "a@example.com"}, headers=owner.headers())
    data = b"Correo,Nombre,Secret\na@example.com,Ana,x\nb@example.com,Bea,y\n"
    mapping = json.dumps({"Correo": "email", "Nombre": "first_name", "Secret": "ignore"})
    body = await run(client, config, owner, data, list_id=lst["id"], mapping=mapping)
    assert counts(body) == ("completed", 2, 1, 0, 1, 0)
    assert await ListMembership.filter(contact_list_id=lst["id"]).count() == 2
    bea = await Contact.get(email="b@example.com")
    assert (bea.first_name, bea.attributes) == ("Bea", {})
    assert emitted[-1][0] == "import:progress"
    assert emitted[-1][1] == {k: v for k, v in body.items() if k != "error"}
    assert emitted[-1][2] == f"workspace:{bea.workspace_id}"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "expected", "error"),
    [
        (b"", ("completed", 0, 0, 0, 0, 0), None),
        (b"email,first name\r\n", ("completed", 0, 0, 0, 0, 0), None),
        (b"name,city\nAda,London\n", ("failed", 0, 0, 0, 0, 0), "No email column"),
        (b"PK\x03\x04\x00\x00binary\x00stuff", ("failed", 0, 0, 0, 0, 0), "not a CSV"),
        # A quote never closed runs the cell on past the csv module's limit: the import
        # fails before any row is written, naming the line, rather than crashing the job and
        # leaving the import "running".
        (
            b'email,note\na@example.com,fine\nb@example.com,"open\n' + b"x" * 140_000 + b"\n",
            ("failed", 0, 0, 0, 0, 0),
            "Line 4: a cell is longer than 131,072 characters. Is a quote left open above it?",
        ),
        # Short of the limit, the csv module would end the cell at the end of the file and the
        # rows after the quote would vanish into one contact's name: refused instead, naming
        # the line the quote opens on, and nothing is written.
        (
            b'email,name\na@example.com,Ann\nb@example.com,"Bob\nc@example.com,Cy\n'
            b"d@example.com,Di\n",
            ("failed", 0, 0, 0, 0, 0),
            "Line 3: a quote opened here is never closed",
        ),
    ],
)
async def test_files_that_import_nothing(
    client: TestClientProtocol,
    config: Config,
    owner: Login,
    data: bytes,
    expected: tuple[Any, ...],
    error: str | None,
) -> None:
    body = await run(client, config, owner, data)
    assert counts(body) == expected
    if error:
        assert error in body["error"]
    else:
        assert body["error"] is None


async def test_tenancy_and_capabilities(
    client: TestClientProtocol, config: Config, owner: Login
) -> None:
    created = await upload(client, owner, b"email\na@example.com\n")
    stranger = await login_as(await make_user())
    for url in (
        f"/api/contacts/imports/{created['id']}",
        f"/api/contacts/imports/{created['id']}/report.csv",
    ):
        assert (await client.get(url, headers=stranger.headers())).status_code == 404
    foreign_list = await (
        await client.post("/api/lists", json={"name": "Theirs"}, headers=stranger.headers())
    ).get_json()
    response = await client.post(
        "/api/contacts/imports",
        form={"list_id": foreign_list["id"]},
        files={"file": FileStorage(io.BytesIO(b"email\n"), filename="x.csv")},
        headers=owner.headers(),
    )
    assert response.status_code == 404
    missing = await client.post("/api/contacts/imports", form={}, headers=owner.headers())
    assert missing.status_code in (400, 422)


async def test_upload_over_one_megabyte(
    client: TestClientProtocol, config: Config, owner: Login
) -> None:
    rows = "".join(f"person{i:06d}@example.com,Name{i}\n" for i in range(60_000))
    data = ("email,first name\n" + rows).encode()
    assert len(data) > 1_048_576
    created = await upload(client, owner, data)
    job = await ImportJob.get(id=created["id"])
    assert job.status.value == "queued"


async def test_resume_after_a_crash(
    client: TestClientProtocol, config: Config, owner: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f"p{i}@example.com,N{i}\n" for i in range(7))
    data = ("email,first name\n" + rows + "p1@example.com,dup\nbad,x\n").encode()
    created = await upload(client, owner, data)
    monkeypatch.setattr(config, "import_batch_rows", 3)

    class Crash(Exception):
        pass

    def crash(job: ImportJob) -> None:
        if job.rows_done >= 6:
            raise Crash()

    monkeypatch.setattr(imports, "after_batch_hook", crash)
    with pytest.raises(Crash):
        await imports.run_import(created["id"])
    job = await ImportJob.get(id=created["id"])
    assert (job.status.value, job.rows_done, job.imported) == ("running", 6, 6)

    monkeypatch.setattr(imports, "after_batch_hook", None)
    await imports.run_import(created["id"])  # the retry resumes after row 6
    response = await client.get(f"/api/contacts/imports/{created['id']}", headers=owner.headers())
    assert counts(await response.get_json()) == ("completed", 9, 7, 0, 1, 1)
    assert await Contact.filter(email__startswith="p").count() == 7
    assert await ContactEvent.filter(kind="imported").count() == 7
    lines = await report(client, owner, created["id"])
    assert [line[:2] for line in lines[1:]] == [
        ["9", "duplicate of an earlier row in the file"],
        ["10", lines[2][1]],
    ]
    assert lines[2][1].startswith("invalid email")
    await run_worker_burst(config)  # the queued job finds it done
    assert await Contact.filter(email__startswith="p").count() == 7


async def test_a_large_import_refreshes_the_planner_statistics(
    client: TestClientProtocol, config: Config, owner: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = connections.get("default")
    query = "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'contact'"

    async def analyzed() -> int:
        # The statistics collector reports with a delay; a fresh snapshot reads it now.
        await conn.execute_script("SELECT pg_stat_clear_snapshot()")
        return int((await conn.execute_query_dict(query))[0]["analyze_count"])

    monkeypatch.setattr(imports, "ANALYZE_AFTER", 3)
    before = await analyzed()
    small = await run(client, config, owner, b"email\na@example.com\nb@example.com\n")
    assert small["imported"] == 2
    assert await analyzed() == before
    large = await run(client, config, owner, b"email\nc@example.com\nd@example.com\ne@x.org\n")
    assert large["imported"] == 3
    assert await analyzed() == before + 1


@pytest.mark.parametrize(
    ("policy", "listed", "events"),
    [
        ("skip", {"old@example.com", "new@example.com"}, 2),
        ("update", {"old@example.com", "new@example.com"}, 2),
        ("error", {"new@example.com"}, 1),  # a row reported as an error changes nothing
    ],
)
async def test_which_contacts_an_import_adds_to_its_list(
    client: TestClientProtocol,
    config: Config,
    owner: Login,
    policy: str,
    listed: set[str],
    events: int,
) -> None:
    lst = await (
        await client.post("/api/lists", json={"name": "Launch"}, headers=owner.headers())
    ).get_json()
    await client.post("/api/contacts", json={"email": "old@example.com"}, headers=owner.headers())
    data = b"email\nold@example.com\nnew@example.com\n"
    body = await run(client, config, owner, data, list_id=lst["id"], duplicate_policy=policy)
    assert body["status"] == "completed"
    members = await ListMembership.filter(contact_list_id=lst["id"]).values_list(
        "contact__email", flat=True
    )
    assert set(map(str, members)) == listed
    assert await ContactEvent.filter(kind="list_added").count() == events
    assert await ContactEvent.filter(kind="imported").count() == 1

    again = await run(client, config, owner, data, list_id=lst["id"], duplicate_policy=policy)
    assert again["status"] == "completed"
    assert await ListMembership.filter(contact_list_id=lst["id"]).count() == len(listed)
    assert await ContactEvent.filter(kind="list_added").count() == events  # not added twice


@pytest.mark.parametrize(
    ("policy", "expected", "reasons", "listed"),
    [
        (
            "skip",
            ("completed", 8, 4, 0, 3, 1),
            {"4": "duplicate", "5": "already a contact", "6": "invalid email", "8": "duplicate"},
            {"a", "b", "c", "d", "old"},
        ),
        (
            "error",
            ("completed", 8, 4, 0, 0, 4),
            {"4": "duplicate", "5": "already a contact", "6": "invalid email", "8": "duplicate"},
            {"a", "b", "c", "d"},
        ),
        (
            "update",
            ("completed", 8, 4, 1, 2, 1),
            {"4": "duplicate", "6": "invalid email", "8": "duplicate"},
            {"a", "b", "c", "d", "old"},
        ),
    ],
)
async def test_batches_merged_side_by_side_commit_in_file_order(
    client: TestClientProtocol,
    config: Config,
    owner: Login,
    monkeypatch: pytest.MonkeyPatch,
    policy: str,
    expected: tuple[Any, ...],
    reasons: dict[str, str],
    listed: set[str],
) -> None:
    # Two rows a batch: each duplicate's first row is in the batch just before it, which may
    # still be merging when the duplicate's batch is checked.
    monkeypatch.setattr(config, "import_batch_rows", 2)
    lst = await (
        await client.post("/api/lists", json={"name": "Side"}, headers=owner.headers())
    ).get_json()
    await client.post("/api/contacts", json={"email": "old@example.com"}, headers=owner.headers())
    data = (
        b"email,first_name\na@example.com,A\nb@example.com,B\nA@example.com,A2\n"
        b"old@example.com,O\nbad,X\nc@example.com,C\nb@example.com,B2\nd@example.com,D\n"
    )
    body = await run(client, config, owner, data, list_id=lst["id"], duplicate_policy=policy)
    assert counts(body) == expected
    job = await ImportJob.get(id=body["id"])
    assert job.rows_done == 8

    lines = await report(client, owner, body["id"])
    assert [line[0] for line in lines[1:]] == sorted(reasons, key=int)
    for line in lines[1:]:
        assert line[1].startswith(reasons[line[0]])

    new = await Contact.filter(consent_source="import").order_by("id")
    assert [(c.email, c.first_name) for c in new] == [
        ("a@example.com", "A"),
        ("b@example.com", "B"),
        ("c@example.com", "C"),
        ("d@example.com", "D"),
    ]  # ids grow in file order
    members = await ListMembership.filter(contact_list_id=lst["id"]).values_list(
        "contact__email", flat=True
    )
    assert {str(email).split("@")[0] for email in members} == listed
    assert await ContactEvent.filter(kind="imported").count() == 4


@pytest.mark.parametrize("header", ["timezone", "Time Zone", "time_zone", "TZ", "time-zone"])
async def test_a_time_zone_column_is_recognised_and_canonicalised(
    client: TestClientProtocol, config: Config, owner: Login, header: str
) -> None:
    data = f"email,{header}\na@example.com,america/new_york\nb@example.com, \n".encode()
    body = await run(client, config, owner, data)
    assert counts(body) == ("completed", 2, 2, 0, 0, 0)
    a = await Contact.get(email="a@example.com")
    b = await Contact.get(email="b@example.com")
    assert (a.timezone, a.attributes) == ("America/New_York", {})
    assert (b.timezone, b.attributes) == (None, {})


def test_only_one_column_is_the_time_zone_and_the_mapping_can_choose_it() -> None:
    assert imports.map_columns(["Email", "tz", "Time Zone"], {}) == {
        0: "email",
        1: "timezone",
        2: "attr:Time Zone",
    }
    assert imports.map_columns(["Email", "Zona", "tz"], {"Zona": "timezone", "tz": "ignore"}) == {
        0: "email",
        1: "timezone",
    }
    assert imports.map_columns(["Email", "Zona"], {"Zona": "time zone"})[1] == "timezone"


async def test_an_unknown_time_zone_fails_its_row_and_is_reported(
    client: TestClientProtocol, config: Config, owner: Login
) -> None:
    await client.post(
        "/api/contacts",
        json={"email": "old@example.com", "first_name": "Old", "timezone": "Asia/Tokyo"},
        headers=owner.headers(),
    )
    data = (
        b"email,first_name,timezone\n"
        b"ok@example.com,Ok,Europe/Paris\n"
        b"bad@example.com,Bad,Mars/Base\n"
        b"old@example.com,New,Europe/Atlantis\n"
    )
    body = await run(client, config, owner, data, duplicate_policy="update")
    assert counts(body) == ("completed", 3, 1, 0, 0, 2)
    assert (await Contact.get(email="ok@example.com")).timezone == "Europe/Paris"
    assert not await Contact.filter(email="bad@example.com").exists()
    old = await Contact.get(email="old@example.com")
    assert (old.first_name, old.timezone) == ("Old", "Asia/Tokyo")  # the failed row changed nothing

    lines = await report(client, owner, body["id"])
    assert [line[0] for line in lines[1:]] == ["3", "4"]
    assert lines[1][1].startswith("unknown time zone 'Mars/Base'")
    assert lines[2][1].startswith("unknown time zone 'Europe/Atlantis'")
    assert lines[1][2:] == ["bad@example.com", "Bad", "Mars/Base"]  # the cells, to fix and retry


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("update", {"keep": "Asia/Tokyo", "change": "Europe/London", "none": "America/Chicago"}),
        ("skip", {"keep": "Asia/Tokyo", "change": "Asia/Tokyo", "none": None}),
    ],
)
async def test_reimport_sets_a_zone_from_a_filled_cell_and_keeps_it_for_an_empty_one(
    client: TestClientProtocol,
    config: Config,
    owner: Login,
    policy: str,
    expected: dict[str, str | None],
) -> None:
    for name, zone in (("keep", "Asia/Tokyo"), ("change", "Asia/Tokyo"), ("none", None)):
        created = await client.post(
            "/api/contacts",
            json={"email": f"{name}@example.com", "timezone": zone},
            headers=owner.headers(),
        )
        assert created.status_code == 201
    data = (
        b"email,first_name,tz\n"
        b"keep@example.com,Keep,\n"
        b"change@example.com,Change,europe/london\n"
        b"none@example.com,None,AMERICA/CHICAGO\n"
    )
    body = await run(client, config, owner, data, duplicate_policy=policy)
    assert body["status"] == "completed"
    stored = {c.email.split("@")[0]: c.timezone for c in await Contact.all()}
    assert stored == expected
