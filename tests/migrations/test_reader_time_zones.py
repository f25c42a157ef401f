"""Migration 17's data step: a time zone imported before contacts had one, kept then as an
attribute, becomes the contact's zone when it is a known one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tortoise import connections

from models.accounts import Membership
from models.contacts import Contact
from tests.factories import make_contacts, make_user

MIGRATION = next(
    (Path(__file__).resolve().parents[2] / "migrations" / "models").glob(
        "17_*_reader_time_zones.py"
    )
)


async def _data_steps() -> list[str]:
    """The migration's statements that change rows (its DDL has run in the suite's database)."""
    spec = importlib.util.spec_from_file_location("reader_time_zones", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sql: str = await module.upgrade(None)
    statements = [s.strip() for s in sql.split(";") if s.strip()]
    steps = [s for s in statements if s.startswith(("UPDATE", "WITH"))]
    assert len(steps) == 2, statements
    return steps


async def test_an_imported_time_zone_attribute_becomes_the_contacts_zone(db: None) -> None:
    user = await make_user()
    workspace_id = (await Membership.get(user=user)).workspace_id  # type: ignore[attr-defined]
    _, people = await make_contacts(workspace_id, 4)
    known, unknown, other, zoned = (p.id for p in people)  # type: ignore[attr-defined]
    await Contact.filter(id=known).update(
        attributes={"Time zone": " america/new_york", "city": "NYC"}
    )
    await Contact.filter(id=unknown).update(attributes={"tz": "Mars/Base"})
    await Contact.filter(id=other).update(attributes={"zone": "Europe/Paris"})
    await Contact.filter(id=zoned).update(
        timezone="Asia/Tokyo", attributes={"time_zone": "Europe/Paris"}
    )

    conn = connections.get("default")
    for step in await _data_steps():
        await conn.execute_script(step)

    after = {c.id: c for c in await Contact.filter(workspace_id=workspace_id)}
    assert (after[known].timezone, after[known].attributes) == ("America/New_York", {"city": "NYC"})
    # An unknown zone, another attribute's name, a contact whose zone is set: left as they were.
    assert (after[unknown].timezone, after[unknown].attributes) == (None, {"tz": "Mars/Base"})
    assert (after[other].timezone, after[other].attributes) == (None, {"zone": "Europe/Paris"})
    assert (after[zoned].timezone, after[zoned].attributes) == (
        "Asia/Tokyo",
        {"time_zone": "Europe/Paris"},
    )
