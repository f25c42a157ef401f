from __future__ import annotations

from tests.bench.conftest import run_benchmark


def test_a_campaign_is_compared_with_the_raw_client(db: None) -> None:
    out = run_benchmark("campaign_send", {"BENCH_CAMPAIGN_RECIPIENTS": "300"})
    assert "sink received 300)" in out, out
    assert "recipients tried more than once: 0" in out
    assert out.count("raw aiosmtplib client, ") == 2
    for line in ("timeline from send: expanded +", "ratio ours/raw", "worker peak RSS"):
        assert line in out, out
