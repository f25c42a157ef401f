from __future__ import annotations

import re

from tortoise import connections

from models.accounts import Workspace
from tests.bench.conftest import run_benchmark

ROWS = 300


async def test_an_import_is_compared_with_a_bare_copy(db: None) -> None:
    env = {"BENCH_IMPORT_ROWS": str(ROWS), "BENCH_LATENCY_SAMPLES": "3"}
    out = run_benchmark("contacts_import", env)
    header = re.search(rf"Contacts import: {ROWS} rows, .* (\d+) valid distinct", out)
    assert header is not None, out
    valid = int(header.group(1))
    job = re.search(
        r"job completed: imported (\d+), skipped (\d+), failed (\d+) of (\d+)$", out, re.M
    )
    assert job is not None, out
    imported, skipped, failed, total = map(int, job.groups())
    # The generator's duplicates are skipped and its invalid addresses fail; the rest go in.
    assert (imported, total) == (valid, ROWS), out
    assert skipped > 0, out
    assert failed > 0, out
    assert imported + skipped + failed == ROWS, out
    for line in (
        "inkwell import job (file rows)",
        "bare asyncpg COPY (valid rows)",
        "COPY into contact (schema ceiling)",
        "ratio ours/COPY into contact",
    ):
        assert line in out, out
    assert re.search(r"ratio ours/COPY [\d.]+%  goal >= 25%: (met|NOT met)$", out, re.M), out
    rss = re.search(r"worker peak RSS (\d+) MB", out)
    assert rss is not None, out
    assert int(rss.group(1)) > 0, out
    assert len(re.findall(r"p50 +[\d.]+  p99 +[\d.]+  goal p99 < 50:", out)) == 4, out
    # The workspace and the COPY table are the benchmark's to remove.
    assert not await Workspace.exists(), out
    _, tables = await connections.get("default").execute_query(
        "SELECT tablename FROM pg_tables WHERE tablename LIKE 'bench\\_%'"
    )
    assert tables == [], tables
