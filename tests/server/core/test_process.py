"""The long-running processes leave their start-up objects out of later collections."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from typing import Any

import pytest

import jobs.worker
from server.core.process import freeze_startup_objects
from tests.conftest import ROOT


class _Node:
    def __init__(self) -> None:
        self.other: Any = None


def test_startup_garbage_is_collected_before_the_rest_is_frozen() -> None:
    a, b = _Node(), _Node()
    a.other, b.other = b, a  # a cycle: only a collection frees it
    gone = weakref.ref(a)
    del a, b
    try:
        freeze_startup_objects()
        assert gone() is None
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_worker_freezes_once_its_jobs_are_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[int] = []

    class Worker:
        def __init__(self, **_: Any) -> None:
            pass

        def run(self) -> None:
            frozen.append(gc.get_freeze_count())

    monkeypatch.setattr(jobs.worker, "Worker", Worker)
    try:
        jobs.worker.run()
    finally:
        gc.unfreeze()
    assert len(frozen) == 1
    assert frozen[0] > 0


def test_each_web_process_freezes_once_the_app_is_built() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import gc, server.asgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # The app's imports alone are well over this many objects.
    assert int(done.stdout.strip().splitlines()[-1]) > 50_000, done.stdout
