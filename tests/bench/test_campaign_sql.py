from __future__ import annotations

import re

from tests.bench.conftest import run_benchmark


def test_the_database_share_of_a_campaign_is_measured(db: None) -> None:
    out = run_benchmark("campaign_sql", {"BENCH_CAMPAIGN_RECIPIENTS": "1200"})
    # Expanded in the job's chunks (1,000 then the rest), claimed and marked, all of them.
    found = re.search(r"^([\d,]+) claimed and marked in .* (\d[\d,]*) statements", out, re.M)
    assert found is not None, out
    assert found.group(1) == "1,200"
    assert "finish: UPDATE 1" in out
