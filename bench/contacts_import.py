"""CSV import throughput against a bare ``COPY`` of the same rows, same run; then list latency.

Generates a CSV of ``BENCH_IMPORT_ROWS`` rows (default 1,000,000; columns email, first_name,
last_name, city) with ~1% invalid addresses and ~5% rows repeating an earlier address, then:

* ours: the file goes through ``imports.start_import`` (what ``POST /api/contacts/imports``
  calls) and a ``python -m server.cli worker`` subprocess runs the job; timed from the upload
  to ``completed``, with the worker's RSS (children included) sampled every 100 ms;
* bare: asyncpg ``copy_records_to_table`` of the valid, distinct rows (the rows we end up
  writing) into a fresh table of four text columns, dropped afterwards;
* schema ceiling: the same rows COPYed straight into ``contact`` (all its indexes, the
  generated search column, the foreign key) for a second workspace, deleted afterwards: what
  any import into this schema costs before parsing, validation, duplicates, timeline or report;
* with the contacts in place, p50/p99 of ``GET /api/contacts`` (first page, a deep page by
  cursor, and searches) through a ``python -m server.cli web`` subprocess.

Everything runs on loopback; every subprocess is stopped and the bench workspace deleted.
``python -m bench.contacts_ceiling`` breaks the schema ceiling down (each index, the search
column, the keys, the timeline rows) on the same rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import psutil  # type: ignore[import-untyped]

from bench.chat_streaming import _stop, pct
from bench.http_overhead import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "1000000"))
GOAL_RATIO = 0.25
GOAL_RSS_MB = 300
GOAL_P99_MS = 50.0
SAMPLES = int(os.environ.get("BENCH_LATENCY_SAMPLES", "100"))
FIRST = ["Ada", "Bea", "Carl", "Dana", "Emil", "Fatou", "Goran", "Hana", "Ivo", "Jun"]
LAST = ["Okafor", "Müller", "Smith", "Novak", "Rossi", "Tanaka", "Silva", "Kowalski"]
CITIES = ["Berlin", "Lagos", "Lyon", "Porto", "Osaka", "Leeds", "Kraków", "Quito"]


def generate(path: Path, rows: int) -> list[tuple[str, str, str, str]]:
    """Write the CSV; return the valid, distinct rows (normalised as the import stores them)."""
    rng = random.Random(42)
    valid: list[tuple[str, str, str, str]] = []
    emails: list[str] = []
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["email", "first_name", "last_name", "city"])
        for i in range(rows):
            first, last, city = rng.choice(FIRST), rng.choice(LAST), rng.choice(CITIES)
            roll = rng.random()
            if roll < 0.01:
                email = f"user{i:07d}.example.com"  # no @: invalid
            elif roll < 0.06 and emails:
                email = rng.choice(emails).upper()  # a duplicate, differently cased
            else:
                email = f"user{i:07d}@example.com"
                emails.append(email)
                valid.append((email, first, last, city))
            writer.writerow([email, first, last, city])
    return valid


class PeakRss:
    """Samples a process's RSS (children included) every 100 ms in a thread.

    The children are looked up once a second: finding them reads every process's entry in
    /proc, which every 100 ms took 2% of a core from the processes being measured."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        # (monotonic time, RSS) of every sample, to tell growth with the work from a plateau.
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        procs: list[psutil.Process] = [self.process]
        for sample in itertools.count():
            if self._stop.is_set():
                return
            with contextlib.suppress(psutil.Error):
                if sample % 10 == 0:
                    procs = [self.process, *self.process.children(recursive=True)]
                rss = 0
                for proc in procs:
                    with contextlib.suppress(psutil.Error):  # a child that has just ended
                        rss += proc.memory_info().rss
                self.peak = max(self.peak, rss)
                self.samples.append((time.monotonic(), rss))
            self._stop.wait(0.1)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def halves(self) -> tuple[int, int]:
        """The peak RSS over the first and the second half of the sampled time: a process
        whose memory grows with the work it has done peaks later and higher."""
        if not self.samples:
            return 0, 0
        middle = (self.samples[0][0] + self.samples[-1][0]) / 2
        first = max((rss for at, rss in self.samples if at <= middle), default=0)
        second = max((rss for at, rss in self.samples if at > middle), default=0)
        return first, second


def _spawn_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        argv = [sys.executable, "-m", "server.cli", "worker"]
        return subprocess.Popen(argv, cwd=ROOT, env={**env, "LOG_LEVEL": "INFO"}, stdout=out,
                                stderr=out)  # fmt: skip


def _wait_worker(proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while "worker_started" not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            raise RuntimeError(f"the worker did not start; see {log}")
        time.sleep(0.2)


def _spawn_web(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    web_env = {**env, "PORT": str(port), "HOST": "127.0.0.1"}
    argv = [sys.executable, "-m", "server.cli", "web"]
    return subprocess.Popen(argv, cwd=ROOT, env=web_env, stdout=subprocess.DEVNULL), port


def _wait_web(proc: subprocess.Popen[bytes], port: int) -> str:
    try:
        wait_for(port, proc)
    except BaseException:
        _stop(proc)
        raise
    return f"http://127.0.0.1:{port}"


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    proc = _spawn_worker(env, log)
    _wait_worker(proc, log)
    return proc


def start_web(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    proc, port = _spawn_web(env)
    return proc, _wait_web(proc, port)


def start_web_and_worker(
    env: dict[str, str], log: Path
) -> tuple[subprocess.Popen[bytes], str, subprocess.Popen[bytes]]:
    """Both at once: each spends seconds importing the app, and there are two cores."""
    web, port = _spawn_web(env)
    worker = _spawn_worker(env, log)
    try:
        base_url = _wait_web(web, port)
        _wait_worker(worker, log)
    except BaseException:
        _stop(web)
        _stop(worker)
        raise
    return web, base_url, worker


async def make_owner() -> tuple[Any, Any, str]:
    """A user, a workspace and a session cookie, made through the models as the app does."""
    from models.accounts import Membership, Role, User, Workspace
    from server.auth.sessions import create_session
    from server.core.auth import Actor
    from server.core.config import get_config

    user = await User.create(
        id=uuid.uuid4(),
        email=f"bench-{uuid.uuid4().hex[:12]}@example.com",
        name="Bench User",
        password_hash=None,
        email_verified_at=datetime.now(UTC),
    )
    workspace = await Workspace.create(id=uuid.uuid4(), name="Bench import workspace")
    await Membership.create(user=user, workspace=workspace, role=Role.owner)
    token, _ = await create_session(user, workspace, ip="127.0.0.1", user_agent="bench")
    actor = Actor(user=user, workspace=workspace, role=Role.owner, capabilities=frozenset())
    return actor, workspace, f"{get_config().session_cookie}={token}"


async def import_ours(actor: Any, path: Path, worker_pid: int) -> tuple[float, int, Any]:
    from quart.datastructures import FileStorage

    from models.contacts import DuplicatePolicy, ImportJob, ImportStatus
    from server.contacts import imports

    deadline = time.monotonic() + max(300.0, ROWS / 1000)
    with PeakRss(worker_pid) as rss:
        started = time.perf_counter()
        with path.open("rb") as stream:
            upload = FileStorage(stream, filename=path.name, content_type="text/csv")
            job = await imports.start_import(
                actor, upload, list_id=None, duplicate_policy=DuplicatePolicy.skip, mapping={}
            )
        while True:
            job = await ImportJob.get(id=job.id)
            if job.status in (ImportStatus.completed, ImportStatus.failed):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"import not done in time: {imports.progress(job)}")
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - started
    return elapsed, rss.peak, job


async def bare_copy(rows: list[tuple[str, str, str, str]]) -> float:
    import asyncpg

    from server.core.config import get_config

    table = f"bench_copy_{os.getpid()}"
    conn = await asyncpg.connect(get_config().database_url)
    try:
        await conn.execute(
            f"CREATE TABLE {table} (email text, first_name text, last_name text, city text)"
        )
        started = time.perf_counter()
        await conn.copy_records_to_table(table, records=rows)
        return time.perf_counter() - started
    finally:
        await conn.execute(f"DROP TABLE IF EXISTS {table}")
        await conn.close()


async def contact_copy(rows: list[tuple[str, str, str, str]]) -> float:
    import asyncpg

    from models.accounts import Workspace
    from server.core.config import get_config

    workspace = await Workspace.create(id=uuid.uuid4(), name="Bench COPY ceiling")
    now = datetime.now(UTC)
    records: list[tuple[Any, ...]] = [
        (uuid.uuid4(), workspace.id, email, first, last, "subscribed", f'{{"city": "{city}"}}',
         [], "import", now, "bench", now, now)
        for email, first, last, city in rows
    ]  # fmt: skip
    columns = ("id", "workspace_id", "email", "first_name", "last_name", "status", "attributes",
               "tags", "consent_source", "consent_at", "consent_text", "created_at",
               "updated_at")  # fmt: skip
    conn = await asyncpg.connect(get_config().database_url)
    try:
        started = time.perf_counter()
        await conn.copy_records_to_table("contact", records=records, columns=columns)
        return time.perf_counter() - started
    finally:
        await conn.close()
        await Workspace.filter(id=workspace.id).delete()


async def latency(base_url: str, cookie: str, path: str, n: int) -> list[float]:
    times: list[float] = []
    async with aiohttp.ClientSession(headers={"Cookie": cookie}) as http:
        for number in range(n + 5):
            started = time.perf_counter()
            async with http.get(f"{base_url}{path}") as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"GET {path}: HTTP {response.status}")
            if number >= 5:  # warm-up
                times.append(time.perf_counter() - started)
    return times


async def deep_cursor(workspace_id: uuid.UUID, depth: int) -> str:
    from models.contacts import Contact
    from server.contacts.service import _encode_cursor

    contact = await (
        Contact.filter(workspace_id=workspace_id)
        .order_by("-created_at", "-id")
        .offset(depth)
        .first()
    )
    if contact is None:
        raise RuntimeError("no contact at that depth")
    return _encode_cursor(contact)


async def run(env: dict[str, str], workdir: Path) -> None:
    from models.accounts import Workspace
    from server.core.db import close_db, init_db
    from server.core.redis import close_redis, connect_redis

    csv_path = workdir / "contacts.csv"
    started = time.perf_counter()
    valid = generate(csv_path, ROWS)
    size_mb = csv_path.stat().st_size / 1e6
    print(
        f"Contacts import: {ROWS:,} rows, {size_mb:.1f} MB, {len(valid):,} valid distinct "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    await init_db()
    await connect_redis()  # so the upload's outbox message is relayed at once, as in the app
    procs: list[subprocess.Popen[bytes]] = []
    workspace = None
    try:
        actor, workspace, cookie = await make_owner()
        procs.append(start_worker(env, workdir / "worker.log"))
        ours_s, peak, job = await import_ours(actor, csv_path, procs[-1].pid)
        _stop(procs.pop())
        copy_s = await bare_copy(valid)
        ceiling_s = await contact_copy(valid)

        ours_rate, copy_rate = ROWS / ours_s, len(valid) / copy_s
        ratio = ours_rate / copy_rate
        print(
            f"  job {job.status.value}: imported {job.imported:,}, skipped {job.skipped:,}, "
            f"failed {job.failed:,} of {job.total_rows:,}"
            + (f" error: {job.error}" if job.error else "")
        )
        print(
            f"  {'inkwell import job (file rows)':<36} {ours_s:8.2f} s {ours_rate:>10,.0f} rows/s"
        )
        print(
            f"  {'bare asyncpg COPY (valid rows)':<36} {copy_s:8.2f} s {copy_rate:>10,.0f} rows/s"
        )
        ceiling_rate = len(valid) / ceiling_s
        print(
            f"  {'COPY into contact (schema ceiling)':<36} {ceiling_s:8.2f} s "
            f"{ceiling_rate:>10,.0f} rows/s"
        )
        goal = "met" if ratio >= GOAL_RATIO else "NOT met"
        print(f"  ratio ours/COPY {ratio:.1%}  goal >= {GOAL_RATIO:.0%}: {goal}")
        print(f"  ratio ours/COPY into contact {ours_rate / ceiling_rate:.1%}")
        rss_mb = peak / 1024 / 1024
        goal = "met" if rss_mb < GOAL_RSS_MB else "NOT met"
        print(f"  worker peak RSS {rss_mb:.0f} MB  goal < {GOAL_RSS_MB} MB: {goal}")

        web, base_url = start_web(env)
        procs.append(web)
        cursor = await deep_cursor(workspace.id, job.imported // 2)
        rare = valid[len(valid) // 3][0].split("@")[0]
        cases = [
            ("first page, limit=50", "/api/contacts?limit=50"),
            (f"deep page (~{job.imported // 2:,})", f"/api/contacts?limit=50&cursor={cursor}"),
            ("q=Berlin (common)", "/api/contacts?limit=50&q=Berlin"),
            (f"q={rare} (one match)", f"/api/contacts?limit=50&q={rare}"),
        ]
        print(f"  GET latency, {SAMPLES} sequential requests each (ms):")
        for label, path in cases:
            times = await latency(base_url, cookie, path, SAMPLES)
            p50, p99 = pct(times, 0.5), pct(times, 0.99)
            goal = "met" if p99 < GOAL_P99_MS else f"NOT met (+{p99 - GOAL_P99_MS:.0f} ms)"
            print(f"    {label:<36} p50 {p50:7.1f}  p99 {p99:7.1f}  goal p99 < 50: {goal}")
    finally:
        for proc in reversed(procs):
            _stop(proc)
        if workspace is not None:
            with contextlib.suppress(Exception):
                await Workspace.filter(id=workspace.id).delete()
        await close_redis()
        await close_db()


def main() -> None:
    env = {
        **os.environ,
        "RATE_LIMITS": "{}",
        "LOG_LEVEL": "WARNING",
        # Our own queue, so no other worker on this Redis takes the benchmark's job.
        "QUEUE_NAME": f"inkwell:bench:{os.getpid()}",
    }
    os.environ["QUEUE_NAME"] = env["QUEUE_NAME"]
    subprocess.run([sys.executable, "-m", "server.cli", "migrate"], cwd=ROOT, env=env, check=True)
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-import-") as workdir:
        asyncio.run(run(env, Path(workdir)))


if __name__ == "__main__":
    main()
