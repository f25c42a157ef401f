"""A campaign through our whole pipeline against a raw aiosmtplib client, same run, same sink.

N = ``BENCH_CAMPAIGN_RECIPIENTS`` (default 100,000). One SMTP server (aiosmtpd, counting and
discarding, in its own process) receives:

* raw: aiosmtplib with as many connections as our senders keep open
  (``CAMPAIGN_SENDERS`` x ``CAMPAIGN_CONCURRENCY``), each sending its share of N messages of
  the same size as a campaign message, over one session per connection; run once before
  ours and once after (with our processes stopped), and ours is compared with the mean of the
  two, as the machine's speed drifts over minutes;
* ours: N contacts on a list, a campaign created and sent through the service (what the API
  calls), a ``python -m server.cli worker`` subprocess doing the expansion, claims, rendering
  (merge tags, tracked links, pixel), sending and marking; timed from "send" to ``sent``,
  with the worker's RSS (children included) sampled every 100 ms;
* progress latency: a Socket.IO client connected to a ``python -m server.cli web`` subprocess
  watches the campaign; for each ``campaign:progress`` it records now - ``updated_at`` (the
  moment the worker read the counts), i.e. worker → Redis → web → socket;
* progress in a browser: afterwards, a second campaign to the first
  ``BENCH_CAMPAIGN_BROWSER_RECIPIENTS`` of the contacts (default 20,000, at most N) is watched
  on the real /activity page in Chromium (Playwright, as the browser tests launch it). The
  page records when each ``campaign:progress`` frame arrived over its WebSocket, before the
  app handles it, and the run waits until the page's progress bar shows 100%. Kept apart from
  the timed campaign, so the browser's CPU does not count against the pipeline; skipped, and
  said so, where Chromium or the built client is missing.

CPU time per message is reported beside the rates, as the machine may be shared: the raw
client's process, the sink, our worker (children included) and the PostgreSQL processes
serving this database (backends and autovacuum, sampled from /proc every 250 ms).

The workspace and its contacts are deleted afterwards; every subprocess is stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosmtplib
import asyncpg
import psutil  # type: ignore[import-untyped]
import socketio

from bench import browser
from bench.chat_streaming import _stop, pct
from bench.contacts_import import PeakRss, make_owner, start_web_and_worker
from bench.http_overhead import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
N = int(os.environ.get("BENCH_CAMPAIGN_RECIPIENTS", "100000"))
SENDERS = int(os.environ.get("CAMPAIGN_SENDERS", "2"))
CONCURRENCY = int(os.environ.get("CAMPAIGN_CONCURRENCY", "8"))
GOAL_RATIO = 0.8
GOAL_RSS_MB = 250
GOAL_P99_MS = 100.0
BROWSER_N = min(N, int(os.environ.get("BENCH_CAMPAIGN_BROWSER_RECIPIENTS", "20000")))

# Runs in the page before the app: wraps the WebSocket constructor so that every
# ``campaign:progress`` frame (a Socket.IO event packet, ``42["campaign:progress",{...}]``) is
# timed as it arrives, ahead of Socket.IO's own handler. The time is the page's clock
# (``performance.timeOrigin + performance.now()``, ms since the epoch).
RECORD_PROGRESS_JS = """
(() => {
  const arrivals = [];
  window.__inkwellProgressArrivals = arrivals;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const at = performance.timeOrigin + performance.now();
        if (typeof event.data === "string" && event.data.startsWith('42["campaign:progress"')) {
          arrivals.push([at, JSON.parse(event.data.slice(2))[1].updated_at]);
        }
      });
    }
  };
})();
"""


def cpu_seconds(process: psutil.Process, *, children: bool = False) -> float:
    procs = [process, *(process.children(recursive=True) if children else [])]
    total = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


class DatabaseCpu:
    """CPU seconds of the PostgreSQL processes serving one database, from start to stop.

    Only processes whose title names the database count (other databases on the same server,
    such as test suites' throwaway ones, do not), less ``exclude``: the benchmark's own
    connection that watches for the end. Sampled every 250 ms: a process first seen after the
    start counts from zero, so short lived ones (autovacuum workers) count up to their last
    sample. New processes are looked for once a second (reading every process's command line
    every 250 ms took 2% of a core from the processes being measured), the ones found are read
    every time."""

    def __init__(self, database: str, exclude: set[int] | None = None) -> None:
        self.marker = f" {database} "
        self.exclude = exclude or set()
        self.procs: dict[int, psutil.Process] = {}
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _find(self) -> None:
        for proc in psutil.process_iter(["cmdline"]):
            with contextlib.suppress(psutil.Error):
                title = " ".join(proc.info["cmdline"] or []) + " "
                ours = title.startswith("postgres:") and self.marker in title
                if ours and proc.pid not in self.exclude and proc.pid not in self.procs:
                    self.procs[proc.pid] = proc

    def _sample(self, *, baseline: bool, find: bool = True) -> None:
        if find:
            self._find()
        for pid, proc in list(self.procs.items()):
            try:
                times = proc.cpu_times()
            except psutil.Error:
                del self.procs[pid]  # ended: its last sample stands
                continue
            used = times.user + times.system
            self.first.setdefault(pid, used if baseline else 0.0)
            self.last[pid] = used

    def _run(self) -> None:
        for sample in itertools.count(1):
            if self._stop.wait(0.25):
                return
            self._sample(baseline=False, find=sample % 4 == 0)

    @property
    def seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)

    def __enter__(self) -> DatabaseCpu:
        self._sample(baseline=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample(baseline=False)


STATUS_SQL = "SELECT status FROM campaign WHERE id = $1"

# Autovacuum gets to the rows just written (the audience, the campaign's updates) soon after:
# no raw run beside that.
AUTOVACUUM_SQL = """
SELECT count(*) FROM pg_stat_activity
WHERE backend_type = 'autovacuum worker' AND datname = current_database()
"""


async def database_quiet(url: str) -> None:
    """Waits until no autovacuum worker is busy in the database: at most a second per 1,000
    messages (autovacuum's work grows with N), and 5 to 120 seconds."""
    seconds = max(5.0, min(120.0, N / 1000))
    conn = await asyncpg.connect(url)
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not await conn.fetchval(AUTOVACUUM_SQL):
                return
            await asyncio.sleep(0.5)
    finally:
        await conn.close()


def read_count(path: Path) -> int:
    with contextlib.suppress(FileNotFoundError, ValueError):
        return int(path.read_text() or 0)
    return 0


async def wait_count(path: Path, target: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while read_count(path) < target:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the sink got {read_count(path)} of {target}")
        await asyncio.sleep(0.05)


def start_counter(port: int, count_file: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "bench.smtp_counter", str(port), str(count_file)]
    return subprocess.Popen(argv, cwd=ROOT, env=env)


async def make_thread(user: Any, workspace_id: uuid.UUID) -> uuid.UUID:
    """A chat thread holding a finished draft: a greeting with a merge tag and a link."""
    from models.chat import ChatThread

    thread = await ChatThread.create(
        id=uuid.uuid4(),
        workspace_id=workspace_id,
        created_by=user,
        title="Bench",
        state="reviewing",
        draft={
            "subject": "News for {{ first_name }}",
            "preheader": "This month",
            "sections": [
                {
                    "heading": "Hello {{ first_name }}",
                    "body": "This month we planted 40 trees. [Read the story]"
                    "(https://example.com/story) and tell us what you think.",
                    "html": "",
                }
            ],
        },
    )
    return thread.id


async def sample_message(campaign: Any) -> bytes:
    """A campaign message exactly as the sender builds it, for the raw client to repeat."""
    from server.campaigns import rendering
    from server.campaigns.sending import build_message
    from server.mail.message import render_mime

    prepared = rendering.prepare(campaign.content, title=campaign.subject)
    ctx = rendering.RecipientContext(recipient_id=123456, email="reader@example.org",
                                     first_name="Ada", last_name="Okafor")  # fmt: skip
    message = build_message(campaign, prepared, ctx, message_id="<bench@inkwell.localhost>")
    return render_mime(message.resolved())


async def raw_send(port: int, data: bytes, count_file: Path) -> float:
    connections = SENDERS * CONCURRENCY
    base = read_count(count_file)

    async def one(share: int) -> None:
        client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=30)
        await client.connect()
        try:
            for _ in range(share):
                await client.sendmail("bench@inkwell.localhost", ["reader@example.org"], data)
        finally:
            await client.quit()

    shares = [N // connections + (1 if i < N % connections else 0) for i in range(connections)]
    started = time.perf_counter()
    await asyncio.gather(*(one(s) for s in shares))
    elapsed = time.perf_counter() - started
    await wait_count(count_file, base + N, 30)
    return elapsed


async def make_audience(workspace_id: uuid.UUID) -> uuid.UUID:
    from models.contacts import ContactList
    from server.core.config import get_config

    contact_list = await ContactList.create(id=uuid.uuid4(), workspace_id=workspace_id, name="All")
    now = datetime.now(UTC)
    ids = [uuid.uuid4() for _ in range(N)]
    conn = await asyncpg.connect(get_config().database_url)
    try:
        await conn.copy_records_to_table(
            "contact",
            columns=["id", "workspace_id", "email", "first_name", "last_name", "status",
                     "attributes", "tags", "consent_source", "created_at", "updated_at"],
            records=[(cid, workspace_id, f"reader{i:07d}@example.org", "Reader", f"N{i}",
                      "subscribed", "{}", [], "bench", now, now) for i, cid in enumerate(ids)],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "list_membership",
            columns=["contact_list_id", "contact_id", "created_at"],
            records=[(contact_list.id, cid, now) for cid in ids],
        )
    finally:
        await conn.close()
    return contact_list.id


async def make_smaller_list(workspace_id: uuid.UUID, size: int) -> uuid.UUID:
    """A list of the workspace's first ``size`` contacts."""
    from tortoise import connections

    from models.contacts import ContactList

    contact_list = await ContactList.create(
        id=uuid.uuid4(), workspace_id=workspace_id, name=f"First {size}"
    )
    await connections.get("default").execute_query(
        "INSERT INTO list_membership (contact_list_id, contact_id, created_at) "
        "SELECT $1, id, now() FROM contact WHERE workspace_id = $2 "
        "ORDER BY created_at, id LIMIT $3",
        [contact_list.id, workspace_id, size],
    )
    return contact_list.id


async def watch(base_url: str, cookie: str, campaign_id: uuid.UUID) -> tuple[Any, list[float]]:
    latencies: list[float] = []
    sio = socketio.AsyncClient(reconnection=False)

    def on_progress(data: dict[str, Any]) -> None:
        sent_at = datetime.fromisoformat(data["updated_at"])
        latencies.append((datetime.now(UTC) - sent_at).total_seconds())

    sio.on("campaign:progress", on_progress)
    await sio.connect(base_url, socketio_path="socket.io", transports=["polling", "websocket"],
                      headers={"Cookie": cookie})  # fmt: skip
    answer = await sio.call("campaign:watch", {"campaign_id": str(campaign_id)}, timeout=10)
    if not answer.get("ok"):
        raise RuntimeError(f"campaign:watch refused: {answer}")
    return sio, latencies


async def progress_in_browser(
    env: dict[str, str], workdir: Path, actor: Any, cookie: str, campaign_id: uuid.UUID
) -> None:
    """Send ``campaign_id`` while the /activity page watches it in Chromium; print when the
    progress events reached the page and when the page showed 100%."""
    from playwright.async_api import async_playwright, expect

    from server.campaigns import service

    reason = browser.missing()
    if reason is not None:
        print(f"  progress in a browser: skipped, {reason}")
        return
    web, base_url, worker = start_web_and_worker(env, workdir / "worker-browser.log")
    procs = [web, worker]
    try:
        async with async_playwright() as playwright:
            chromium = await playwright.chromium.launch(
                executable_path=browser.CHROMIUM, args=browser.FLAGS
            )
            try:
                context = await chromium.new_context(base_url=base_url)
                name, _, value = cookie.partition("=")
                await context.add_cookies([{"name": name, "value": value, "url": base_url}])
                await context.add_init_script(RECORD_PROGRESS_JS)
                page = await context.new_page()
                await page.goto(f"/activity?campaign={campaign_id}")
                live = page.get_by_role("status", name=re.compile("Realtime connection"))
                await expect(live).to_contain_text("Live", timeout=30_000)
                started = time.perf_counter()
                await service.send_now(actor, campaign_id)
                # The campaign appears in the page's list with its first event (it was a
                # draft when the page loaded), beside its detail's bar: the list's is first.
                bar = page.get_by_role("progressbar", name="Bench in a browser progress").first
                timeout = max(600.0, BROWSER_N / 100)
                await expect(bar).to_have_attribute("value", "100", timeout=timeout * 1000)
                shown = time.perf_counter() - started
                arrivals = await page.evaluate("window.__inkwellProgressArrivals")
            finally:
                await chromium.close()
    finally:
        for proc in reversed(procs):
            _stop(proc)
    latencies = [
        at / 1000 - datetime.fromisoformat(updated_at).timestamp() for at, updated_at in arrivals
    ]
    if not latencies:
        raise RuntimeError("the page received no campaign:progress over its WebSocket")
    p50, p99 = pct(latencies, 0.5), pct(latencies, 0.99)
    goal = "met" if p99 < GOAL_P99_MS else "NOT met"
    print(f"  progress in Chromium, the /activity page ({BROWSER_N:,} recipients): "
          f"{len(latencies)} events; latency p50 {p50:.1f} ms p99 {p99:.1f} ms  "
          f"goal p99 < 100 ms: {goal}; page at 100% {shown:.1f} s after the send")  # fmt: skip


PHASES_SQL = """
SELECT (SELECT min(created_at) FROM campaign_event WHERE campaign_id = $1 AND kind = 'expanded')
           AS expanded,
       min(sent_at) AS first_sent, max(sent_at) AS last_sent,
       (SELECT finished_at FROM campaign WHERE id = $1) AS finished
FROM campaign_recipient WHERE campaign_id = $1
"""

RATE_SQL = """
SELECT date_trunc('second', sent_at) AS second, count(*) AS n FROM campaign_recipient
WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1
"""


async def print_phases(campaign_id: uuid.UUID, started_at: datetime) -> None:
    """Where the wall time went: the audience snapshot, the first message, the last, the end."""
    from tortoise import connections

    _, rows = await connections.get("default").execute_query(PHASES_SQL, [campaign_id])
    row = rows[0]
    marks = [("expanded", row["expanded"]), ("first sent", row["first_sent"]),
             ("last sent", row["last_sent"]), ("finished", row["finished"])]  # fmt: skip
    print("  timeline from send: " + ", ".join(
        f"{label} +{(at - started_at).total_seconds():.2f} s" for label, at in marks if at
    ))  # fmt: skip
    # Messages marked per whole second, the first and last (partial) seconds left out.
    _, rows = await connections.get("default").execute_query(RATE_SQL, [campaign_id])
    rates = sorted(int(r["n"]) for r in rows[1:-1])
    if rates:
        print(f"  marked per second: min {rates[0]:,} median {rates[len(rates) // 2]:,} "
              f"max {rates[-1]:,}; per second in order: "
              f"{' '.join(str(int(r['n'])) for r in rows)}")  # fmt: skip


async def run(env: dict[str, str], workdir: Path) -> None:
    from models.accounts import Workspace
    from models.campaigns import CampaignRecipient, CampaignStatus
    from realtime.emit import set_emitter
    from realtime.server import redis_manager
    from server.campaigns import service
    from server.campaigns.schemas import Audience, CampaignCreate
    from server.core.auth import ROLE_CAPABILITIES
    from server.core.config import get_config
    from server.core.db import close_db, init_db
    from server.core.redis import close_redis, connect_redis

    port = free_port()
    count_file = workdir / "count"
    sink = start_counter(port, count_file, env)
    procs: list[subprocess.Popen[bytes]] = [sink]
    env = {**env, "SMTP_URL": f"smtp://127.0.0.1:{port}"}
    await init_db()
    await connect_redis()
    # This process calls the campaign and chat services as the web process does: it publishes
    # their events (the first progress, the thread's state) as the web process would.
    set_emitter(redis_manager(get_config(), write_only=True))
    workspace = None
    try:
        wait_for(port, sink)
        actor, workspace, cookie = await make_owner()
        # Campaigns refuse to send without the sender's postal address.
        workspace.postal_address = "1 Bench Street\nTestville"
        await workspace.save(update_fields=["postal_address"])
        actor.capabilities = ROLE_CAPABILITIES[actor.role]
        started = time.perf_counter()
        list_id = await make_audience(workspace.id)
        print(f"Campaign send: {N:,} recipients, {SENDERS} senders x {CONCURRENCY} connections "
              f"(audience made in {time.perf_counter() - started:.1f} s)")  # fmt: skip

        thread_id = await make_thread(actor.user, workspace.id)
        create = CampaignCreate(
            name="Bench", thread_id=thread_id, audience=Audience(list_ids=[list_id])
        )
        campaign = await service.create_campaign(actor, create)
        data = await sample_message(campaign)
        sink_process = psutil.Process(sink.pid)

        async def measure_raw() -> tuple[float, dict[str, float]]:
            sink_cpu = cpu_seconds(sink_process)
            client_cpu = time.process_time()
            raw_s = await raw_send(port, data, count_file)
            return raw_s, {
                "client": time.process_time() - client_cpu,
                "sink": cpu_seconds(sink_process) - sink_cpu,
            }

        await database_quiet(env["DATABASE_URL"])
        raws = [await measure_raw()]
        print(f"  message size {len(data):,} bytes")

        web, base_url, worker = start_web_and_worker(env, workdir / "worker.log")
        procs += [web, worker]
        sio, latencies = await watch(base_url, cookie, campaign.id)
        base = read_count(count_file)
        worker_process = psutil.Process(worker.pid)
        sink_cpu = cpu_seconds(sink_process)
        worker_cpu = cpu_seconds(worker_process, children=True)
        database = env["DATABASE_URL"].rpartition("/")[2].partition("?")[0]
        # The end is watched on a connection of its own, left out of the database's CPU: the
        # benchmark's polling is not the pipeline's work.
        poll = await asyncpg.connect(env["DATABASE_URL"])
        try:
            poll_pid = await poll.fetchval("SELECT pg_backend_pid()")
            with (
                PeakRss(worker.pid) as rss,
                DatabaseCpu(database, exclude={poll_pid}) as database_cpu,
            ):
                started = time.perf_counter()
                started_at = datetime.now(UTC)
                await service.send_now(actor, campaign.id)
                answered = time.perf_counter() - started
                deadline = time.monotonic() + max(600.0, N / 100)
                while await poll.fetchval(STATUS_SQL, campaign.id) != CampaignStatus.sent.value:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the campaign did not finish in time")
                    await asyncio.sleep(0.05)
                ours_s = time.perf_counter() - started
        finally:
            await poll.close()
        ours_cpu = {
            "worker": cpu_seconds(worker_process, children=True) - worker_cpu,
            "postgres": database_cpu.seconds,
            "sink": cpu_seconds(sink_process) - sink_cpu,
        }
        await asyncio.sleep(0.5)
        await sio.disconnect()
        received = read_count(count_file) - base
        # The raw client again, with our processes stopped as before: the machine's speed drifts
        # by several per cent over minutes, so ours is compared with the mean of a raw run on
        # either side of it.
        _stop(worker)
        _stop(web)
        await database_quiet(env["DATABASE_URL"])
        raws.append(await measure_raw())

        attempts = await CampaignRecipient.filter(campaign_id=campaign.id).values_list(
            "attempts", "last_error"
        )
        print(f"  send answered in {answered:.2f} s")
        await print_phases(campaign.id, started_at)
        retried = sum(1 for a, _ in attempts if a > 1)
        errors = {str(e)[:80] for _, e in attempts if e}
        print(f"  recipients tried more than once: {retried:,}" + (f" {errors}" if errors else ""))
        ours_rate = N / ours_s
        raw_rate = sum(N / raw_s for raw_s, _ in raws) / len(raws)
        raw_cpu = {k: sum(cpu[k] for _, cpu in raws) / len(raws) for k in raws[0][1]}
        ratio = ours_rate / raw_rate
        for label, (raw_s, _) in zip(("before", "after"), raws, strict=True):
            print(f"  {'raw aiosmtplib client, ' + label:<34} {raw_s:8.2f} s "
                  f"{N / raw_s:>9,.0f} msg/s")  # fmt: skip
        print(f"  {'inkwell pipeline (send → sent)':<34} {ours_s:8.2f} s {ours_rate:>9,.0f} msg/s"
              f"  (sink received {received:,})")  # fmt: skip
        goal = "met" if ratio >= GOAL_RATIO else "NOT met"
        print(f"  ratio ours/raw (mean of before and after) {ratio:.1%}  "
              f"goal >= {GOAL_RATIO:.0%}: {goal}")  # fmt: skip
        for label, cpu in (("raw", raw_cpu), ("ours", ours_cpu)):
            parts = ", ".join(f"{k} {v / N * 1000:.3f}" for k, v in cpu.items())
            print(f"  CPU ms per message, {label}: {sum(cpu.values()) / N * 1000:.3f} ({parts})")
        # Beside the rate: the CPU each side spent per message drifts less with the machine's
        # speed than messages per second, and shows how much of a shortfall is our work rather
        # than waiting.
        print(f"  CPU per message, raw/ours: {sum(raw_cpu.values()) / sum(ours_cpu.values()):.1%}")
        rss_mb = rss.peak / 1024 / 1024
        goal = "met" if rss_mb < GOAL_RSS_MB else "NOT met"
        # The goal holds "whatever N is" only if memory does not grow with the messages sent:
        # the two halves' peaks side by side show a plateau or a climb.
        first, second = (b / 1024 / 1024 for b in rss.halves())
        print(f"  worker peak RSS {rss_mb:.0f} MB (first half of the send {first:.0f} MB, "
              f"second half {second:.0f} MB)  goal < {GOAL_RSS_MB} MB: {goal}")  # fmt: skip
        p50, p99 = pct(latencies, 0.5), pct(latencies, 0.99)
        goal = "met" if p99 < GOAL_P99_MS else "NOT met"
        print(f"  progress events {len(latencies)} ({len(latencies) / ours_s:.1f}/s); "
              f"latency p50 {p50:.1f} ms p99 {p99:.1f} ms  goal p99 < 100 ms: {goal}")  # fmt: skip

        create = CampaignCreate(
            name="Bench in a browser",
            thread_id=thread_id,
            audience=Audience(list_ids=[await make_smaller_list(workspace.id, BROWSER_N)]),
        )
        watched = await service.create_campaign(actor, create)
        await progress_in_browser(env, workdir, actor, cookie, watched.id)
    finally:
        for proc in reversed(procs):
            _stop(proc)
        if workspace is not None:
            with contextlib.suppress(Exception):
                await Workspace.filter(id=workspace.id).delete()
        set_emitter(None)
        await close_redis()
        await close_db()


def main() -> None:
    env = {
        **os.environ,
        "LOG_LEVEL": "WARNING",
        "CAMPAIGN_RATE_PER_SECOND": "0",
        # Our own queue, so no other worker on this Redis takes the benchmark's jobs.
        "QUEUE_NAME": f"inkwell:bench:{os.getpid()}",
    }
    os.environ.update({k: env[k] for k in ("QUEUE_NAME", "CAMPAIGN_RATE_PER_SECOND")})
    subprocess.run([sys.executable, "-m", "server.cli", "migrate"], cwd=ROOT, env=env, check=True)
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-campaign-") as workdir:
        asyncio.run(run(env, Path(workdir)))


if __name__ == "__main__":
    main()
