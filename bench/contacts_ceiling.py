"""Where a contacts import's database time goes: one ``COPY`` of the same rows into copies of
the ``contact`` table that differ in one thing each, side by side in one run.

The rows are those ``bench.contacts_import`` writes (the valid, distinct rows of its CSV of
``BENCH_IMPORT_ROWS`` rows, default 1,000,000). Each variant gets a fresh table
(``bench_ceiling_<pid>``) with ``contact``'s columns, the variant's indexes and generated
column, then one asyncpg ``copy_records_to_table`` of every row into it; the table is dropped
afterwards; each is timed ``BENCH_CEILING_REPEATS`` times (default 2) and the fastest
counts. Rates are compared with the first line, a bare table of four text columns (the
import bench's goal is a quarter of that rate).

A GIN index with a pending list large enough never to fill leaves its work to the next
``VACUUM`` (and every search in the meantime scans the whole list), so those lines also time
``gin_clean_pending_list`` right after the COPY, which is the cost the import would pay to be
searchable at once.

Run: ``uv run python -m bench.contacts_ceiling`` (``DATABASE_URL`` names the database).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.contacts_import import ROWS, generate

# Each variant is timed this many times and the fastest counts: the machine may be shared.
REPEATS = int(os.environ.get("BENCH_CEILING_REPEATS", "2"))
TABLE = f"bench_ceiling_{os.getpid()}"
WORKSPACES = f"bench_ceiling_ws_{os.getpid()}"
COLUMNS = ("id", "workspace_id", "email", "first_name", "last_name", "status", "attributes",
           "tags", "consent_source", "consent_at", "consent_text", "created_at",
           "updated_at")  # fmt: skip

# contact's columns, without the generated search column or any constraint.
_BASE = f"""
CREATE TABLE {TABLE} (
    id uuid NOT NULL, email varchar(320) NOT NULL, first_name varchar(200) NOT NULL,
    last_name varchar(200) NOT NULL, status varchar(20) NOT NULL, attributes jsonb NOT NULL,
    tags text[] NOT NULL, consent_source varchar(60) NOT NULL, consent_at timestamptz,
    consent_ip varchar(64), consent_text text, created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL, workspace_id uuid NOT NULL
)"""

# What migrations/models/6_*.py computes.
SEARCH_DOCUMENT = (
    "contact_search_document(email::text, first_name::text, last_name::text, attributes)"
)
# Nearly the same words without a regular expression or a JSON path: the attribute values by
# jsonb_each_text, common punctuation turned into spaces by translate() (not every character
# the migrated function splits at). Measures what the regexp and the path query cost.
_CHEAPER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_doc(
    email text, first_name text, last_name text, attributes jsonb
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT to_tsvector('simple'::regconfig, translate(
    email || ' ' || first_name || ' ' || last_name || ' '
        || (SELECT coalesce(string_agg(value, ' '), '') FROM jsonb_each_text(attributes)),
    '@.-_+''"', '        '))
$$"""
# Only the unavoidable part: to_tsvector of the plain concatenation, no word splitting.
_PLAIN_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TABLE}_plain(
    email text, first_name text, last_name text, attributes jsonb
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT to_tsvector('simple'::regconfig,
    email || ' ' || first_name || ' ' || last_name || ' ' || attributes::text)
$$"""


def _search(expression: str = SEARCH_DOCUMENT) -> str:
    return (
        f"ALTER TABLE {TABLE} ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )


_PK = f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id)"
_FK = (
    f"ALTER TABLE {TABLE} ADD FOREIGN KEY (workspace_id) REFERENCES {WORKSPACES} (id) "
    "ON DELETE CASCADE"
)
_UNIQUE = f"ALTER TABLE {TABLE} ADD UNIQUE (workspace_id, email)"
_PREFIX = f"CREATE INDEX ON {TABLE} (workspace_id, email text_pattern_ops)"
_TAGS = f"CREATE INDEX ON {TABLE} USING gin (tags)"
_CREATED = f"CREATE INDEX ON {TABLE} (workspace_id, created_at, id)"
_STATUS = f"CREATE INDEX ON {TABLE} (workspace_id, status)"
_SEARCH_GIN = f"CREATE INDEX {TABLE}_search ON {TABLE} USING gin (search_document)"
# 1 GB of pending list (the value is in kB): never fills during the COPY.
_BIG_PENDING = " WITH (fastupdate = on, gin_pending_list_limit = 1048576)"
_NO_PENDING = " WITH (fastupdate = off)"
_ALL_BUT_SEARCH = [_PK, _FK, _UNIQUE, _PREFIX, _TAGS, _CREATED, _STATUS]


@dataclass
class Variant:
    label: str
    ddl: list[str] = field(default_factory=list)
    # Whether to time gin_clean_pending_list on the search index after the COPY.
    flush: bool = False
    bare: bool = False
    # Time-ordered ids (UUIDv7 layout) instead of random ones.
    ordered: bool = False
    # Through a staging table and INSERT ... SELECT ... ON CONFLICT DO NOTHING, as the import
    # merges, instead of a COPY straight into the table (the staging COPY is timed too).
    staged: bool = False


VARIANTS = [
    Variant("bare table, four text columns", bare=True),
    Variant("contact's columns, no index, no key"),
    Variant("+ primary key (random uuid)", [_PK]),
    Variant("+ primary key (time-ordered uuid)", [_PK], ordered=True),
    Variant("+ primary key + workspace foreign key", [_PK, _FK]),
    Variant("+ primary key + unique (workspace, email)", [_PK, _UNIQUE]),
    Variant("+ primary key + email text_pattern_ops", [_PK, _PREFIX]),
    Variant("+ primary key + (workspace, created_at, id)", [_PK, _CREATED]),
    Variant("+ primary key + (workspace, status)", [_PK, _STATUS]),
    Variant("+ primary key + tags GIN", [_PK, _TAGS]),
    Variant("+ primary key + search column, no index", [_PK, _search()]),
    Variant("+ pk + search column + GIN (as migrated)", [_PK, _search(), _SEARCH_GIN]),
    Variant("+ pk + search + GIN fastupdate=off", [_PK, _search(), _SEARCH_GIN + _NO_PENDING]),
    Variant(
        "+ pk + search + GIN 1 GB pending, flushed",
        [_PK, _search(), _SEARCH_GIN + _BIG_PENDING],
        flush=True,
    ),
    Variant(
        "+ pk + translate() search column, no index",
        [_CHEAPER_FUNCTION, _PK, _search(f"{TABLE}_doc(email, first_name, last_name, attributes)")],
    ),
    Variant(
        "+ pk + plain to_tsvector column, no index",
        [_PLAIN_FUNCTION, _PK, _search(f"{TABLE}_plain(email, first_name, last_name, attributes)")],
    ),
    Variant("everything but search (as migrated)", _ALL_BUT_SEARCH),
    Variant("everything (as migrated: contact)", [*_ALL_BUT_SEARCH, _search(), _SEARCH_GIN]),
    Variant(
        "everything, search GIN 1 GB pending, flushed",
        [*_ALL_BUT_SEARCH, _search(), _SEARCH_GIN + _BIG_PENDING],
        flush=True,
    ),
    Variant(
        "everything, time-ordered ids", [*_ALL_BUT_SEARCH, _search(), _SEARCH_GIN], ordered=True
    ),
    Variant(
        "everything, staged + INSERT ON CONFLICT",
        [*_ALL_BUT_SEARCH, _search(), _SEARCH_GIN],
        staged=True,
    ),
]

EVENTS = f"{TABLE}_event"
# contact_event's shape, referring to the contact copy.
_EVENTS_DDL = f"""
CREATE TABLE {EVENTS} (
    id bigserial PRIMARY KEY, kind varchar(40) NOT NULL, data jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    contact_id uuid NOT NULL REFERENCES {TABLE} (id) ON DELETE CASCADE
);
CREATE INDEX ON {EVENTS} (contact_id, created_at)"""
_STAGE = f"""
CREATE TEMP TABLE {TABLE}_stage (
    id uuid, workspace_id uuid, email text, first_name text, last_name text, status text,
    attributes text, tags text[], consent_source text, consent_at timestamptz,
    consent_text text, created_at timestamptz, updated_at timestamptz
)"""
_MERGE = f"""
INSERT INTO {TABLE} ({", ".join(COLUMNS)})
SELECT id, workspace_id, email, first_name, last_name, status, attributes::jsonb, tags,
       consent_source, consent_at, consent_text, created_at, updated_at
FROM {TABLE}_stage
ON CONFLICT (workspace_id, email) DO NOTHING"""


def uuid7() -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds, then random bits, so ids grow with time."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10)) >> 6
    # version 7 and the RFC 4122 variant
    value = value & ~(0xF << 76) | 0x7 << 76
    value = value & ~(0x3 << 62) | 0x2 << 62
    return uuid.UUID(int=value)


def records(
    rows: list[tuple[str, str, str, str]], workspace_id: uuid.UUID
) -> list[tuple[Any, ...]]:
    now = datetime.now(UTC)
    return [
        (uuid.uuid4(), workspace_id, email, first, last, "subscribed", f'{{"city": "{city}"}}',
         [], "import", now, "bench", now, now)
        for email, first, last, city in rows
    ]  # fmt: skip


async def measure(conn: Any, variant: Variant, rows: list[Any], bare: list[Any]) -> float:
    await conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
    if variant.bare:
        await conn.execute(
            f"CREATE TABLE {TABLE} (email text, first_name text, last_name text, city text)"
        )
    else:
        await conn.execute(_BASE)
    for statement in variant.ddl:
        await conn.execute(statement)
    # Start each variant from the same place: no dirty pages left by the previous one.
    if variant.ordered:
        rows = [(uuid7(), *row[1:]) for row in rows]
    if variant.staged:
        await conn.execute(_STAGE)
    await conn.execute("CHECKPOINT")
    started = time.perf_counter()
    if variant.bare:
        await conn.copy_records_to_table(TABLE, records=bare)
    elif variant.staged:
        await conn.copy_records_to_table(f"{TABLE}_stage", records=rows, columns=COLUMNS)
        await conn.execute(_MERGE)
    else:
        await conn.copy_records_to_table(TABLE, records=rows, columns=COLUMNS)
    if variant.flush:
        await conn.execute(f"SELECT gin_clean_pending_list('{TABLE}_search'::regclass)")
    elapsed = time.perf_counter() - started
    await conn.execute(f"DROP TABLE IF EXISTS {TABLE}_stage")
    await conn.execute(f"DROP TABLE {TABLE}")
    return elapsed


async def measure_events(conn: Any, rows: list[Any]) -> float:
    """One timeline row per contact into a copy of ``contact_event`` (its index, its foreign
    key to a copy of ``contact`` that holds the rows): the import writes one per new contact."""
    await conn.execute(f"DROP TABLE IF EXISTS {EVENTS}, {TABLE}")
    await conn.execute(_BASE)
    await conn.execute(_PK)
    await conn.copy_records_to_table(TABLE, records=rows, columns=COLUMNS)
    await conn.execute(_EVENTS_DDL)
    now = datetime.now(UTC)
    data = '{"source": "import", "import_id": "00000000-0000-0000-0000-000000000000"}'
    events = [("imported", data, now, row[0]) for row in rows]
    await conn.execute("CHECKPOINT")
    started = time.perf_counter()
    await conn.copy_records_to_table(
        EVENTS, records=events, columns=("kind", "data", "created_at", "contact_id")
    )
    elapsed = time.perf_counter() - started
    await conn.execute(f"DROP TABLE {EVENTS}, {TABLE}")
    return elapsed


async def run(workdir: Path) -> None:
    import asyncpg

    from server.core.config import get_config

    csv_path = workdir / "contacts.csv"
    valid = generate(csv_path, ROWS)
    workspace_id = uuid.uuid4()
    rows = records(valid, workspace_id)
    conn = await asyncpg.connect(get_config().database_url)
    try:
        await conn.execute(f"CREATE TABLE {WORKSPACES} (id uuid PRIMARY KEY)")
        await conn.execute(f"INSERT INTO {WORKSPACES} VALUES ($1)", workspace_id)
        print(
            f"COPY of {len(rows):,} contact rows into variants of the contact table "
            f"(fastest of {REPEATS}):"
        )
        base_rate = 0.0
        for variant in VARIANTS:
            elapsed = min([await measure(conn, variant, rows, valid) for _ in range(REPEATS)])
            rate = len(rows) / elapsed
            base_rate = base_rate or rate
            print(
                f"  {variant.label:<48} {elapsed:7.2f} s {rate:>10,.0f} rows/s "
                f"{rate / base_rate:6.1%} of bare"
            )
        elapsed = min([await measure_events(conn, rows) for _ in range(REPEATS)])
        rate = len(rows) / elapsed
        print(
            f"  {'timeline: one contact_event row per contact':<48} {elapsed:7.2f} s "
            f"{rate:>10,.0f} rows/s {rate / base_rate:6.1%} of bare"
        )
    finally:
        await conn.execute(f"DROP TABLE IF EXISTS {EVENTS}, {TABLE}")
        await conn.execute(f"DROP TABLE IF EXISTS {WORKSPACES}")
        for name in ("doc", "plain"):
            await conn.execute(f"DROP FUNCTION IF EXISTS {TABLE}_{name}")
        await conn.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-ceiling-") as workdir:
        asyncio.run(run(Path(workdir)))


if __name__ == "__main__":
    main()
