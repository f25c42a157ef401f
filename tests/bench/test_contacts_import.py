from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import psutil  # type: ignore[import-untyped]
from tortoise import connections

from bench.contacts_import import PeakRss
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


def test_peak_rss_counts_a_child_started_after_the_sampling() -> None:
    # The child writes 80 MB (so the pages are resident) and waits to be stopped.
    child_code = (
        "import sys; data = b'x' * (80 << 20); print('ready', flush=True); sys.stdin.read()"
    )
    with PeakRss(os.getpid()) as rss:
        own = psutil.Process().memory_info().rss
        child = subprocess.Popen(
            [sys.executable, "-c", child_code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"ready\n"
            time.sleep(2.5)  # past the next look for children (once a second)
        finally:
            child.communicate(b"")
    assert rss.peak >= own + (75 << 20), (rss.peak, own)


def test_peak_rss_halves_tell_a_climb_from_a_plateau() -> None:
    rss = PeakRss(os.getpid())
    assert rss.halves() == (0, 0)
    rss.samples = [(10.0, 100), (10.5, 120), (11.0, 110), (11.5, 300), (12.0, 250)]
    assert rss.halves() == (120, 300)
    rss.samples = [(0.0, 100), (1.0, 130), (2.0, 128), (3.0, 125)]
    assert rss.halves() == (130, 128)
