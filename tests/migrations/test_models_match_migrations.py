"""The aerich migrations build exactly the schema the models describe.

A database built by the migrations is compared with one built straight from the models; a
model change without a migration (or a hand-edited migration) fails here.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from tortoise.context import TortoiseContext

from server.core.config import Config
from server.core.db import tortoise_config

COLUMNS = """
SELECT table_name, column_name, data_type, is_nullable, character_maximum_length
FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'aerich'
"""
# Index definitions without their names, which the two paths choose differently.
INDEXES = """
SELECT tablename, regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') AS definition
FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'aerich'
"""
# What only a hand-written migration creates (SQL Tortoise models cannot express): contact
# search's generated tsvector column, its GIN index and the email prefix index. Named one by
# one, so anything else a migration adds without a model still fails the comparison.
MIGRATION_ONLY: dict[str, set[tuple[Any, ...]]] = {
    "columns": {("contact", "search_document", "tsvector", "YES", None)},
    "indexes": {
        ("contact", "CREATE INDEX ON public.contact USING gin (search_document)"),
        (
            "contact",
            "CREATE INDEX ON public.contact USING btree (workspace_id, email text_pattern_ops)",
        ),
        # Partial indexes on columns that claims and marks never change, so those stay HOT
        # updates (migrations 14 and 15); Tortoise cannot declare a partial index.
        (
            "campaign_recipient",
            "CREATE INDEX ON public.campaign_recipient USING btree (campaign_id, next_attempt_at)"
            " WHERE (next_attempt_at IS NOT NULL)",
        ),
        (
            "campaign_recipient",
            "CREATE INDEX ON public.campaign_recipient USING btree (campaign_id, id)"
            " WHERE (failed_at IS NOT NULL)",
        ),
        (
            "campaign_recipient",
            "CREATE INDEX ON public.campaign_recipient USING btree (campaign_id, id)"
            " WHERE (bounced_at IS NOT NULL)",
        ),
    },
    "constraints": set(),
}
CONSTRAINTS = """
SELECT tc.table_name, tc.constraint_type, pg_get_constraintdef(c.oid) AS definition
FROM information_schema.table_constraints tc
JOIN pg_constraint c ON c.conname = tc.constraint_name
WHERE tc.table_schema = 'public' AND tc.table_name <> 'aerich'
  AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK')
"""


def _pg(url: str, database: str | None = None) -> str:
    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    path = f"/{database}" if database else parts.path
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


async def _schema(url: str) -> dict[str, set[tuple[Any, ...]]]:
    conn = await asyncpg.connect(url)
    try:
        return {
            name: {tuple(row.values()) for row in await conn.fetch(query)}
            for name, query in (
                ("columns", COLUMNS),
                ("indexes", INDEXES),
                ("constraints", CONSTRAINTS),
            )
        }
    finally:
        await conn.close()


async def _build_from_models(config: Config, url: str) -> None:
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(config, url=url))
        await ctx.generate_schemas(safe=False)


async def test_migrations_match_models(migrated: None, config: Config) -> None:
    assert config.database_url
    name = f"inkwell_models_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(_pg(config.database_url, "postgres"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        models_url = urlunsplit(urlsplit(config.database_url)._replace(path=f"/{name}"))
        # Its own task, so the second ORM context never touches the suite's.
        await asyncio.create_task(_build_from_models(config, models_url))
        from_models = await _schema(_pg(models_url))
        from_migrations = await _schema(_pg(config.database_url))
        for part in ("columns", "indexes", "constraints"):
            assert MIGRATION_ONLY[part] <= from_migrations[part], (
                f"the migrations no longer create {sorted(MIGRATION_ONLY[part] - from_migrations[part])}"
            )
            from_migrations[part] -= MIGRATION_ONLY[part]
            missing = from_models[part] - from_migrations[part]
            extra = from_migrations[part] - from_models[part]
            assert not missing and not extra, (
                f"{part} differ: run `uv run aerich migrate` and commit the migration.\n"
                f"in models only: {sorted(missing)}\nin migrations only: {sorted(extra)}"
            )
        assert from_models["columns"], "the comparison saw no tables at all"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
