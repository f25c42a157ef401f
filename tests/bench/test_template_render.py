from __future__ import annotations

import re
from pathlib import Path

from tests.bench.conftest import run_benchmark


def test_the_prepared_template_is_compared_with_the_whole_pipeline(test_env: Path) -> None:
    env = {"BENCH_RENDER_RECIPIENTS": "500", "BENCH_RENDER_FULL_ROUNDS": "10"}
    out = run_benchmark("template_render", env)
    for line in ("prepare once:", "prepared, fill one recipient:", "whole pipeline per recipient:"):
        assert line in out, out
    found = re.search(r"ratio whole / prepared: +([\d.]+)x \(identical output: (\w+)\)", out)
    assert found is not None, out
    assert found.group(2) == "True", out
    # About 100x here; the prepared way losing would mean preparing saves nothing.
    assert float(found.group(1)) > 1, out
    assert re.search(r"100,000 recipients: prepared [\d.]+ s CPU, whole pipeline \d+ s CPU", out)
