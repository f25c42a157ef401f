from __future__ import annotations

import re

from tortoise import connections

from bench.contacts_ceiling import VARIANTS
from tests.bench.conftest import run_benchmark


async def test_the_import_schema_cost_is_broken_down(db: None) -> None:
    out = run_benchmark(
        "contacts_ceiling", {"BENCH_IMPORT_ROWS": "300", "BENCH_CEILING_REPEATS": "1"}
    )
    assert re.search(r"COPY of \d+ contact rows into variants .* \(fastest of 1\):", out), out
    labels = [variant.label for variant in VARIANTS] + [
        "timeline: one contact_event row per contact"
    ]
    found = re.findall(r"^  (.+?) +[\d.]+ s +[\d,]+ rows/s +[\d.]+% of bare$", out, re.M)
    assert found == labels, out
    assert "100.0% of bare" in out.splitlines()[1], out
    # Every table and function it made is dropped again.
    _, leftovers = await connections.get("default").execute_query(
        "SELECT relname FROM pg_class WHERE relname LIKE 'bench\\_ceiling%' UNION ALL "
        "SELECT proname FROM pg_proc WHERE proname LIKE 'bench\\_ceiling%'"
    )
    assert leftovers == [], leftovers
