"""``make seed``: idempotent loaders for the data every installation ships with.

Each seeder upserts by a natural key, so running it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from server.core.config import Config
from server.core.db import close_db, init_db
from server.message_templates.catalog import seed_catalog

Seeder = Callable[[], Awaitable[str]]

# A domain that ships data (the template catalog, plans) registers its seeder here.
SEEDERS: list[Seeder] = [seed_catalog]


async def run_seeders(config: Config) -> list[str]:
    if not SEEDERS:
        return ["seed: no seed data is defined"]
    await init_db(config)
    try:
        return [await seeder() for seeder in SEEDERS]
    finally:
        await close_db()
