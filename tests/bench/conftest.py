"""Benchmarks run as CI never runs them (``make bench`` is slow and its figures need a quiet
machine), at a small N, so a change that breaks one is caught here."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def run_benchmark(module: str, recipients: int) -> str:
    """Run ``bench.<module>`` against the session's database and Redis; its output."""
    env = {**os.environ, "BENCH_CAMPAIGN_RECIPIENTS": str(recipients), "LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-c", f"from bench import {module}; {module}.main()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
