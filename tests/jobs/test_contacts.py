"""Contact jobs: an import survives its worker process being killed (SIGKILL) in the middle of a
file (a worker started afterwards finishes it, every good row imported exactly once), and an
import or a bulk job that keeps failing ends as failed instead of running forever."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from arq import Retry
from quart.datastructures import FileStorage
from quart.typing import TestClientProtocol
from tortoise import connections

from jobs import contacts as bulk_jobs
from jobs.contacts import bulk_contacts
from models.contacts import BulkJob, Contact, ContactEvent, ImportJob, ImportStatus
from models.contacts import ImportStatus as JobStatus
from server.contacts import bulk as bulk_module
from server.core.config import Config
from server.core.redis import get_redis
from tests.factories import login_as, make_user
from tests.server.contacts.test_endpoints import add

ROOT = Path(__file__).resolve().parents[2]
ROWS = 12_000
JOB_TIMEOUT = 15  # ARQ lets another worker take a dead worker's job after this + 10 s


def start_worker(log: Path) -> subprocess.Popen[bytes]:
    """``python -m server.cli worker`` as production runs it, with small batches."""
    env = {
        **os.environ,
        "IMPORT_BATCH_ROWS": "250",
        "JOB_TIMEOUT_SECONDS": str(JOB_TIMEOUT),
        "LOG_LEVEL": "INFO",
    }
    started_before = log.read_text(errors="replace").count("worker_started") if log.exists() else 0
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "worker"], cwd=ROOT, env=env, stdout=out,
            stderr=out,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while log.read_text(errors="replace").count("worker_started") <= started_before:
        assert proc.poll() is None, log.read_text(errors="replace")
        assert time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.1)
    return proc


def messy_file() -> tuple[bytes, set[str], set[int], set[int]]:
    """The CSV, the addresses it should import, and the numbers of bad and duplicate rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Email", "First name", "City"])
    good: set[str] = set()
    bad: set[int] = set()
    duplicate: set[int] = set()
    for i in range(ROWS):
        number = i + 2  # the header is row 1
        earlier = f"person{i - 50:05d}@example.com"
        if i % 97 == 5:
            writer.writerow([f"broken{i}.example.com", "X", "Nowhere"])
            bad.add(number)
        elif i % 23 == 7 and earlier in good:
            writer.writerow([earlier.replace("person", "Person"), "Again", "Berlin"])
            duplicate.add(number)
        else:
            writer.writerow([f"person{i:05d}@example.com", f"N{i}", "Lyon"])
            good.add(f"person{i:05d}@example.com")
    return out.getvalue().encode(), good, bad, duplicate


async def test_a_killed_worker_process_leaves_nothing_half_done(
    client: TestClientProtocol, config: Config, tmp_path: Path
) -> None:
    owner = await login_as(await make_user())
    data, good, bad, duplicate = messy_file()
    log = tmp_path / "worker.log"
    first = start_worker(log)
    try:
        response = await client.post(
            "/api/contacts/imports",
            files={"file": FileStorage(io.BytesIO(data), filename="people.csv")},
            headers=owner.headers(),
        )
        assert response.status_code == 202
        import_id = (await response.get_json())["id"]
        workspace_id = (await ImportJob.get(id=import_id)).workspace_id

        deadline = time.monotonic() + 120
        while True:
            job = await ImportJob.get(id=import_id)
            if job.rows_done >= 2_000:
                break
            assert job.status is not ImportStatus.completed, "finished before it was killed"
            assert time.monotonic() < deadline, f"no progress: {job.rows_done}"
            await asyncio.sleep(0.02)
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()

    killed = await ImportJob.get(id=import_id)
    assert killed.status is ImportStatus.running
    assert 2_000 <= killed.rows_done < ROWS
    assert await Contact.filter(workspace_id=workspace_id).count() < len(good)

    second = start_worker(log)
    try:
        deadline = time.monotonic() + JOB_TIMEOUT + 10 + 90
        while (job := await ImportJob.get(id=import_id)).status is not ImportStatus.completed:
            assert job.status is not ImportStatus.failed, job.error
            assert time.monotonic() < deadline, f"not resumed: {job.rows_done} rows done"
            await asyncio.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    assert (job.total_rows, job.imported, job.failed, job.skipped, job.updated) == (
        ROWS, len(good), len(bad), len(duplicate), 0
    )  # fmt: skip
    emails = await Contact.filter(workspace_id=workspace_id).values_list("email", flat=True)
    assert sorted(map(str, emails)) == sorted(
        good
    )  # every good row, once (no duplicates, no losses)
    conn = connections.get("default")
    per_contact = await conn.execute_query_dict(
        "SELECT count(*) AS n FROM contact_event e JOIN contact c ON c.id = e.contact_id "
        "WHERE c.workspace_id = $1 AND e.kind = 'imported' GROUP BY e.contact_id",
        [workspace_id],
    )
    assert len(per_contact) == len(good)
    assert {row["n"] for row in per_contact} == {1}
    assert await ContactEvent.filter(kind="imported").count() == len(good)

    report = await client.get(
        f"/api/contacts/imports/{import_id}/report.csv", headers=owner.headers()
    )
    lines = list(csv.reader(io.StringIO(await report.get_data(as_text=True))))[1:]
    assert sorted(int(line[0]) for line in lines) == sorted(bad | duplicate)
    reasons = {int(line[0]): line[1] for line in lines}
    assert all(reasons[n].startswith("invalid email") for n in bad)
    assert all(reasons[n] == "duplicate of an earlier row in the file" for n in duplicate)


async def test_a_bulk_job_that_keeps_failing_retries_then_ends_failed(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = await login_as(await make_user())
    monkeypatch.setattr(config, "bulk_sync_limit", 2)
    monkeypatch.setattr(bulk_module, "CHUNK", 2)
    for i in range(5):
        await add(client, owner, email=f"p{i}@example.com")
    started = await client.post(
        "/api/contacts/bulk",
        json={"action": "tag", "filter": {}, "tag": "vip"},
        headers=owner.headers(),
    )
    assert started.status_code == 202
    job_id = (await started.get_json())["id"]

    real_apply = bulk_module.apply
    calls = 0

    async def fail_after_the_first_chunk(*args: Any, **kwargs: Any) -> int:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise RuntimeError("database went away")
        return await real_apply(*args, **kwargs)

    monkeypatch.setattr(bulk_module, "apply", fail_after_the_first_chunk)
    ctx = {"redis": get_redis(), "job_try": 1}
    with pytest.raises(Retry):
        await bulk_contacts(ctx, job_id)
    assert (await BulkJob.get(id=job_id)).status is JobStatus.running

    ctx["job_try"] = bulk_jobs.BULK_TRIES
    with pytest.raises(RuntimeError):
        await bulk_contacts(ctx, job_id)
    job = await BulkJob.get(id=job_id)
    assert (job.status, job.done) == (JobStatus.failed, 2)
    assert job.error is not None
    assert "after 2 contacts" in job.error
    assert await Contact.filter(tags__contains=["vip"]).count() == 2
    read = await client.get(f"/api/contacts/bulk/{job_id}", headers=owner.headers())
    assert (await read.get_json())["status"] == "failed"


async def test_an_import_that_keeps_failing_ends_as_failed_keeping_what_it_committed(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    from server.contacts import imports as imports_module
    from tests.server.contacts.test_imports import upload

    owner = await login_as(await make_user())
    monkeypatch.setattr(config, "import_batch_rows", 2)
    monkeypatch.setattr(imports_module, "IN_FLIGHT", 1)  # each batch commits before the next
    data = "email\n" + "".join(f"r{i}@example.com\n" for i in range(5))
    job_id = (await upload(client, owner, data.encode()))["id"]

    real_batch = imports_module._import_batch
    calls = 0

    async def fail_after_the_first_batch(*args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise RuntimeError("database went away")
        await real_batch(*args, **kwargs)

    monkeypatch.setattr(imports_module, "_import_batch", fail_after_the_first_batch)
    ctx = {"redis": get_redis(), "job_try": 1}
    with pytest.raises(Retry):
        await bulk_jobs.import_contacts(ctx, job_id)
    assert (await ImportJob.get(id=job_id)).status is ImportStatus.running

    ctx["job_try"] = bulk_jobs.IMPORT_TRIES
    with pytest.raises(RuntimeError):
        await bulk_jobs.import_contacts(ctx, job_id)
    job = await ImportJob.get(id=job_id)
    assert (job.status, job.imported, job.total_rows) == (ImportStatus.failed, 2, 5)
    assert job.error is not None
    assert job.error.startswith("The import stopped on an unexpected error after 2 of 5 rows")
    assert await Contact.filter(email__startswith="r").count() == 2
    read = await client.get(f"/api/contacts/imports/{job_id}", headers=owner.headers())
    assert (await read.get_json())["status"] == "failed"
