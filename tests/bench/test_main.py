from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_an_unknown_benchmark_name_is_refused_with_the_choices() -> None:
    # Refused before anything runs: a typo must not start the whole, slow, set instead.
    done = subprocess.run(
        [sys.executable, "-m", "bench", "template_render", "campaign_sendd"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "unknown benchmark: campaign_sendd" in done.stderr
    assert "campaign_send" in done.stderr.split("choose from", 1)[1]
