"""Benchmarks run as CI never runs them (``make bench`` is slow and its figures need a quiet
machine), at a small N, so a change that breaks one is caught here."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping

import psutil  # type: ignore[import-untyped]
import pytest

from tests.conftest import ROOT

# Each runs in well under half of this here; the margin is for a slower CI machine, and it
# stays below pytest-timeout's, so a stuck benchmark's processes are still stopped.
TIMEOUT = 90


def _stop_group(pgid: int) -> list[str]:
    """Kill whatever is left of the benchmark's process group; the command lines of those
    still running.

    A child that exits after its parent (the multiprocessing resource tracker Hypercorn's
    parent process starts) lingers as a zombie until init reaps it: it has exited, so it is
    not counted.
    """
    running = []
    for proc in psutil.process_iter(["status", "cmdline"]):
        with contextlib.suppress(psutil.Error, OSError):
            if os.getpgid(proc.pid) == pgid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                running.append(" ".join(proc.info["cmdline"] or [str(proc.pid)]))
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    return running


def run_benchmark(module: str, env: Mapping[str, str]) -> str:
    """Run ``python -m bench <module>`` with these environment overrides against the session's
    database and Redis; its output.

    The benchmark and the servers and workers it starts share a process group of their own,
    so all of them are stopped whatever happens, and one left running fails the test.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench", module],
        cwd=ROOT,
        env={**os.environ, "LOG_LEVEL": "WARNING", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        # Either the benchmark is stuck, or it ended and what it left running holds its output.
        ended = proc.poll() is not None
        left_running = _stop_group(proc.pid)
        out, err = proc.communicate()
        if not ended:
            pytest.fail(f"bench.{module} did not finish in {TIMEOUT} s\n{out}{err}")
    except BaseException:
        _stop_group(proc.pid)
        raise
    else:
        left_running = _stop_group(proc.pid)
    assert proc.returncode == 0, out + err
    assert not left_running, f"bench.{module} left {left_running} running\n{out}{err}"
    return out
