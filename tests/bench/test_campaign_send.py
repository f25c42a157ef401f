from __future__ import annotations

import re

import asyncpg

from bench import browser
from bench.campaign_send import DatabaseCpu
from server.core.config import get_config
from tests.bench.conftest import run_benchmark


def test_a_campaign_is_compared_with_the_raw_client(db: None) -> None:
    out = run_benchmark(
        "campaign_send",
        {"BENCH_CAMPAIGN_RECIPIENTS": "300", "BENCH_CAMPAIGN_BROWSER_RECIPIENTS": "200"},
    )
    assert "sink received 300)" in out, out
    assert "recipients tried more than once: 0" in out
    assert out.count("raw aiosmtplib client, ") == 2
    for line in ("timeline from send: expanded +", "ratio ours/raw", "worker peak RSS"):
        assert line in out, out
    # The second campaign, watched on the /activity page in Chromium until it showed 100%.
    reason = browser.missing()
    if reason is None:
        found = re.search(r"the /activity page \(200 recipients\): (\d+) events; latency", out)
        assert found is not None, out
        assert int(found[1]) >= 1
        assert "page at 100% " in out
    else:
        assert f"progress in a browser: skipped, {reason}" in out, out


async def test_database_cpu_counts_our_databases_backends_less_the_excluded_one(db: None) -> None:
    url = get_config().database_url
    assert url is not None
    database = url.rsplit("/", 1)[1].split("?")[0]
    burn = "SELECT count(*) FROM generate_series(1, 4000000)"
    counted, excluded = await asyncpg.connect(url), await asyncpg.connect(url)
    try:
        skip = excluded.get_server_pid()
        with DatabaseCpu(database, exclude={skip}) as cpu:
            await excluded.fetchval(burn)
        alone = cpu.seconds
        with DatabaseCpu(database, exclude={skip}) as cpu:
            await counted.fetchval(burn)
    finally:
        await counted.close()
        await excluded.close()
    assert alone < cpu.seconds / 4, (alone, cpu.seconds)
    assert cpu.seconds > 0.1, cpu.seconds
