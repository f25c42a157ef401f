"""Chat streaming overhead: our stack against reading the fake provider directly, same run.

A fake OpenAI-compatible provider (its own process) streams every reply with a fixed delay
before the first token and a fixed delay between tokens, and records when it wrote each token.
For N concurrent streams (``BENCH_STREAMS``, default ``1,200``) this measures:

* baseline: N clients reading the fake directly with the ``openai`` SDK (``stream=True``);
* inkwell: N users, each with a Socket.IO client joined to its thread, POST a message
  (REST, session cookie + CSRF) and time the ``chat:token`` events that the worker fans out.

Both sides run the same load in two shapes: all N requests sent at once (a burst, repeated in
rounds), and for N > 1 a steady load where stream i starts i/N of a reply's duration in and
sends messages back to back, so about N replies are in flight whenever one starts.

Per stream it records the time to first token (TTFT), every gap between arrivals, and the
delivery lag of every provider token (arrival at the client minus the moment the fake wrote
it). Our tokens are coalesced batches (``FLUSH_SECONDS`` / ``FLUSH_CHARS`` in
``server.chat.generation``), so one ``chat:token`` can hold several provider tokens: gaps
between arrivals are not per provider token, and the per-token delivery lag is the
like-for-like comparison. The web process, ARQ workers (enough that ``max_jobs`` does not
queue the N generations) and the fake run as subprocesses on loopback; all are stopped at
the end. Every block reports the CPU time our web and worker processes spent per reply and
the machine's load average, since on a small shared machine CPU, not waiting, sets the
figures at high N.

Knobs: ``BENCH_STREAMS`` (the Ns, comma-separated), ``BENCH_FIRST_TOKEN_MS`` and
``BENCH_TOKEN_MS`` (the fake's timing, default 50 and 20), ``BENCH_STREAM_SAMPLES`` (the TTFT
samples small N is repeated in rounds to reach, default 20).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bench.http_overhead import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
API_KEY = "sk-bench-fake-key"
FIRST_TOKEN_DELAY = float(os.environ.get("BENCH_FIRST_TOKEN_MS", "50")) / 1000
TOKEN_INTERVAL = float(os.environ.get("BENCH_TOKEN_MS", "20")) / 1000
GOAL_P50_MS = 5.0
GOAL_P99_MS = 25.0
# A single stream gives one TTFT; small N is repeated in rounds to get this many samples.
MIN_SAMPLES = int(os.environ.get("BENCH_STREAM_SAMPLES", "20"))
CONNECT_BATCH = 20
ROUND_TIMEOUT = 30.0
SETTLE_TIMEOUT = 300.0
MARKER = re.compile(r"bench-stream-[0-9a-f]{32}")

# A valid newsletter draft, so the worker's parse step needs no repair round-trip.
REPLY = json.dumps(
    {
        "subject": "Spring rides are back",
        "preheader": "Routes, new kit and the AGM date",
        "sections": [
            {
                "heading": "Spring rides",
                "body": "Saturday rides start again on the first of April at nine from the "
                "clock tower, with a slower group and a faster group, both with coffee at the "
                "halfway point and a sweeper at the back.",
            }
        ],
    }
)
TOKENS: list[str] = re.findall(r"\S+\s*|\s+", REPLY)


# --- the fake provider (runs in its own process) --------------------------------------------


def serve_fake(port: int) -> None:
    """OpenAI's streaming chat completions and moderations, with fixed per-token timing.

    ``GET /bench/sent`` returns, per stream marker, when each content token was written
    (``time.perf_counter()``, CLOCK_MONOTONIC, comparable across processes on Linux).
    """
    sent: dict[str, list[float]] = {}

    def authorised(request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {API_KEY}"

    async def chat(request: web.Request) -> web.StreamResponse:
        started = time.perf_counter()
        if not authorised(request):
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        body = await request.json()
        text = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
        markers = MARKER.findall(text)
        times = sent.setdefault(markers[-1], []) if markers else []
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)

        def chunk(choices: list[dict[str, Any]], usage: dict[str, int] | None = None) -> bytes:
            data: dict[str, Any] = {
                "id": "chatcmpl-bench",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": body.get("model", "gpt-4o-mini"),
                "choices": choices,
            }
            if include_usage:
                data["usage"] = usage
            return f"data: {json.dumps(data)}\n\n".encode()

        role = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
        await response.write(chunk([role]))
        for number, piece in enumerate(TOKENS):
            # Absolute schedule, so a late wake-up does not push every later token back.
            due = started + FIRST_TOKEN_DELAY + number * TOKEN_INTERVAL
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            delta = {"index": 0, "delta": {"content": piece}, "finish_reason": None}
            await response.write(chunk([delta]))
            times.append(time.perf_counter())
        await response.write(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
        if include_usage:
            usage = {"prompt_tokens": 42, "completion_tokens": len(TOKENS)}
            usage["total_tokens"] = 42 + len(TOKENS)
            await response.write(chunk([], usage))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    async def moderations(request: web.Request) -> web.Response:
        if not authorised(request):
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        body = await request.json()
        inputs = body.get("input")
        count = len(inputs) if isinstance(inputs, list) else 1
        result = {"flagged": False, "categories": {}, "category_scores": {}}
        return web.json_response(
            {"id": "modr-bench", "model": "omni-moderation-latest", "results": [result] * count}
        )

    async def report(request: web.Request) -> web.Response:
        data = dict(sent)
        sent.clear()
        return web.json_response(data)

    app = web.Application()
    app.router.add_post("/v1/chat/completions", chat)
    app.router.add_post("/v1/moderations", moderations)
    app.router.add_get("/bench/sent", report)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


# --- measurements ---------------------------------------------------------------------------


@dataclass
class Stream:
    marker: str
    started: float = 0.0
    # (arrival time, characters delivered so far) for each arrival carrying text.
    arrivals: list[tuple[float, int]] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    error: str | None = None


@dataclass
class Sample:
    ttft: list[float] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    tokens_per_arrival: list[int] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    # CPU time our web and worker processes spent per measured reply (ours only).
    server_cpu_ms: float = math.nan
    # The web process's share of it (the first of the server pids).
    web_cpu_ms: float = math.nan
    # PostgreSQL's backends serving this database (the benchmark's own few queries included)
    # and the Redis server (shared with anything else using it) per measured reply.
    pg_cpu_ms: float = math.nan
    redis_cpu_ms: float = math.nan

    def add(self, stream: Stream, sent: list[float]) -> None:
        if stream.error or not stream.arrivals:
            self.errors += 1
            self.first_error = self.first_error or stream.error or "no tokens arrived"
            return
        times = [t for t, _ in stream.arrivals]
        self.ttft.append(times[0] - stream.started)
        self.gaps.extend(b - a for a, b in itertools.pairwise(times))
        ends = list(_token_ends())
        token = 0
        for arrived, chars in stream.arrivals:
            before = token
            while token < len(ends) and ends[token] <= chars:
                if token < len(sent):
                    self.lags.append(arrived - sent[token])
                token += 1
            self.tokens_per_arrival.append(token - before)


def _token_ends() -> Iterator[int]:
    total = 0
    for piece in TOKENS:
        total += len(piece)
        yield total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


class ServiceCpu:
    """CPU time of the PostgreSQL backends serving this database and of the Redis server,
    read from /proc and ``INFO cpu`` (both on this machine in the benchmark's set-up)."""

    def __init__(self) -> None:
        self.pg: dict[int, float] = {}
        self.redis = 0.0

    @staticmethod
    async def _pg() -> dict[int, float]:
        from tortoise import Tortoise

        rows = await Tortoise.get_connection("default").execute_query_dict(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        )
        spent: dict[int, float] = {}
        for row in rows:
            with contextlib.suppress(OSError, ValueError, IndexError):
                spent[row["pid"]] = cpu_seconds([row["pid"]])
        return spent

    @staticmethod
    async def _redis() -> float:
        from redis.asyncio import Redis

        from server.core.config import get_config

        client = Redis.from_url(get_config().redis_url or "")
        try:
            info = await client.info("cpu")
        finally:
            await client.aclose()
        return float(info["used_cpu_sys"]) + float(info["used_cpu_user"])

    async def start(self) -> None:
        self.pg, self.redis = await self._pg(), await self._redis()

    async def spent(self) -> tuple[float, float]:
        """Seconds of PostgreSQL and Redis CPU since ``start`` (backends opened meanwhile
        count from zero; any that closed meanwhile are missed)."""
        pg = await self._pg()
        pg_spent = sum(now - self.pg.get(pid, 0.0) for pid, now in pg.items())
        return pg_spent, await self._redis() - self.redis


def pct(values: list[float], p: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


async def fetch_sent(fake: str) -> dict[str, list[float]]:
    async with aiohttp.ClientSession() as session, session.get(f"{fake}/bench/sent") as resp:
        data: dict[str, list[float]] = await resp.json()
        return data


# Messages each stream sends under steady load (at least; more for small N, for samples).
SPREAD_REPEATS = 3


def repeats(n: int) -> int:
    return max(SPREAD_REPEATS, math.ceil(MIN_SAMPLES / n) + 1)


def reply_seconds() -> float:
    return FIRST_TOKEN_DELAY + len(TOKENS) * TOKEN_INTERVAL


async def spread(n: int, run: Callable[[int, Stream], Awaitable[None]]) -> list[tuple[int, Stream]]:
    """Steady load: stream i starts i/n of a reply's duration in, then sends ``repeats(n)``
    messages back to back, so about n replies are in flight at any time once all started.
    Returns (repeat number, stream); repeat 0 is the ramp-up."""
    finished: list[tuple[int, Stream]] = []

    async def user(i: int) -> None:
        await asyncio.sleep(i * reply_seconds() / n)
        for repeat in range(repeats(n)):
            stream = Stream(f"bench-stream-{uuid.uuid4().hex}")
            await run(i, stream)
            finished.append((repeat, stream))

    await asyncio.gather(*(user(i) for i in range(n)))
    return finished


async def measured(fake: str, finished: list[tuple[int, Stream]]) -> Sample:
    sample = Sample()
    sent = await fetch_sent(fake)
    for repeat, stream in finished:
        if repeat > 0:
            sample.add(stream, sent.get(stream.marker, []))
    return sample


async def baseline(fake: str, n: int, rounds: int, *, steady: bool = False) -> Sample:
    import openai

    # Built as the app's provider builds its client (agents/providers/openai.py).
    client = openai.AsyncOpenAI(api_key=API_KEY, base_url=f"{fake}/v1", max_retries=0, timeout=60)
    sample = Sample()

    async def one(stream: Stream) -> None:
        stream.started = time.perf_counter()
        chars = 0
        try:
            response = await client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": f"Write it. {stream.marker}"}],
                stream=True,
                stream_options={"include_usage": True},
            )
            async for chunk in response:
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if delta:
                    chars += len(delta)
                    stream.arrivals.append((time.perf_counter(), chars))
        except openai.OpenAIError as exc:
            stream.error = f"{type(exc).__name__}: {exc}"

    try:
        if steady:

            async def run(i: int, stream: Stream) -> None:
                await asyncio.wait_for(one(stream), ROUND_TIMEOUT)

            return await measured(fake, await spread(n, run))
        for number in range(rounds + 1):
            streams = [Stream(f"bench-stream-{uuid.uuid4().hex}") for _ in range(n)]
            await asyncio.wait_for(asyncio.gather(*(one(s) for s in streams)), ROUND_TIMEOUT)
            sent = await fetch_sent(fake)
            if number == 0:
                continue  # unmeasured, as for ours: opening connections is not streaming
            for stream in streams:
                sample.add(stream, sent.get(stream.marker, []))
    finally:
        await client.close()
    return sample


@dataclass
class BenchUser:
    cookie: str
    csrf: str
    thread_id: str


async def make_users(n: int) -> list[BenchUser]:
    """Users, workspaces, sessions and threads made through the models, as the app does."""
    from models.accounts import Membership, Role, User, Workspace
    from models.chat import ChatThread
    from server.auth.sessions import create_session
    from server.core.auth import csrf_token_for
    from server.core.config import get_config

    cookie_name = get_config().session_cookie

    async def one() -> BenchUser:
        user = await User.create(
            id=uuid.uuid4(),
            email=f"bench-{uuid.uuid4().hex[:12]}@example.com",
            name="Bench User",
            password_hash=None,
            email_verified_at=datetime.now(UTC),
        )
        workspace = await Workspace.create(id=uuid.uuid4(), name="Bench workspace")
        await Membership.create(user=user, workspace=workspace, role=Role.owner)
        token, session = await create_session(user, workspace, ip="127.0.0.1", user_agent="bench")
        thread = await ChatThread.create(
            id=uuid.uuid4(),
            workspace_id=workspace.id,
            created_by_id=user.id,
            title="Bench thread",
            state="briefing",
        )
        csrf = csrf_token_for(session)
        return BenchUser(f"{cookie_name}={token}; csrf_token={csrf}", csrf, str(thread.id))

    users: list[BenchUser] = []
    for start in range(0, n, CONNECT_BATCH):
        batch = min(CONNECT_BATCH, n - start)
        users.extend(await asyncio.gather(*(one() for _ in range(batch))))
    return users


class Listener:
    """One user's Socket.IO connection, joined to its thread, timing ``chat:token``."""

    def __init__(self, user: BenchUser) -> None:
        import socketio

        self.user = user
        self.stream = Stream("")
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("chat:token", self._token)
        self.client.on("chat:done", self._done)
        self.client.on("chat:error", self._error)

    async def _token(self, data: dict[str, Any]) -> None:
        now = time.perf_counter()
        chars = (self.stream.arrivals[-1][1] if self.stream.arrivals else 0) + len(data["delta"])
        self.stream.arrivals.append((now, chars))

    async def _done(self, data: dict[str, Any]) -> None:
        self.stream.done.set()

    async def _error(self, data: dict[str, Any]) -> None:
        self.stream.error = str(data.get("code"))
        self.stream.done.set()

    async def connect(self, base_url: str) -> None:
        await self.client.connect(
            base_url, socketio_path="socket.io", transports=["polling", "websocket"],
            headers={"Cookie": self.user.cookie}, wait_timeout=20,
        )  # fmt: skip
        joined = await self.client.call("chat:join", {"thread_id": self.user.thread_id}, timeout=20)
        if not (isinstance(joined, dict) and joined.get("ok")):
            raise RuntimeError(f"chat:join refused: {joined}")


async def settled(thread_ids: list[str]) -> None:
    """Wait until no reply in these threads is pending or streaming."""
    from models.chat import ChatMessage, MessageStatus

    active = (MessageStatus.pending, MessageStatus.streaming)
    async with asyncio.timeout(SETTLE_TIMEOUT):
        while True:
            if not await ChatMessage.filter(thread_id__in=thread_ids, status__in=active).exists():
                return
            await asyncio.sleep(0.2)


async def ours(
    base_url: str,
    fake: str,
    users: list[BenchUser],
    rounds: int,
    server_pids: list[int],
    *,
    steady: bool = False,
) -> Sample:
    """``rounds`` measured rounds after one unmeasured one (first use of pools and clients
    in every worker is not streaming)."""
    listeners = [Listener(u) for u in users]
    sample = Sample()
    connector = aiohttp.TCPConnector(limit=len(users) + 10)
    try:
        for start in range(0, len(listeners), CONNECT_BATCH):
            await asyncio.gather(*(x.connect(base_url) for x in listeners[start:][:CONNECT_BATCH]))
        async with aiohttp.ClientSession(connector=connector) as http:

            async def send(listener: Listener) -> None:
                stream = listener.stream
                url = f"{base_url}/api/chat/threads/{listener.user.thread_id}/messages"
                headers = {"Cookie": listener.user.cookie, "X-CSRF-Token": listener.user.csrf}
                stream.started = time.perf_counter()
                body = {"content": f"A newsletter about spring rides. {stream.marker}"}
                async with http.post(url, json=body, headers=headers) as response:
                    if response.status != 202:
                        stream.error = f"HTTP {response.status}: {await response.text()}"
                        stream.done.set()
                        return
                await asyncio.wait_for(stream.done.wait(), ROUND_TIMEOUT)

            if steady:

                async def run(i: int, stream: Stream) -> None:
                    listeners[i].stream = stream
                    try:
                        await send(listeners[i])
                    except Exception as exc:
                        stream.error = f"{type(exc).__name__}: {exc}"

                services = ServiceCpu()
                await services.start()
                cpu_before = cpu_seconds(server_pids)
                web_before = cpu_seconds(server_pids[:1])
                sample = await measured(fake, await spread(len(listeners), run))
                spent = cpu_seconds(server_pids) - cpu_before
                replies = repeats(len(listeners)) * len(listeners)
                sample.server_cpu_ms = spent * 1000 / replies
                sample.web_cpu_ms = (cpu_seconds(server_pids[:1]) - web_before) * 1000 / replies
                pg_spent, redis_spent = await services.spent()
                sample.pg_cpu_ms = pg_spent * 1000 / replies
                sample.redis_cpu_ms = redis_spent * 1000 / replies
                await settled([x.user.thread_id for x in listeners])
                return sample
            cpu_before = web_before = 0.0
            services = ServiceCpu()
            for number in range(rounds + 1):
                if number == 1:
                    await services.start()
                    cpu_before = cpu_seconds(server_pids)
                    web_before = cpu_seconds(server_pids[:1])
                for listener in listeners:
                    listener.stream = Stream(f"bench-stream-{uuid.uuid4().hex}")
                results = await asyncio.gather(
                    *(send(x) for x in listeners), return_exceptions=True
                )
                for listener, result in zip(listeners, results, strict=True):
                    if isinstance(result, BaseException):
                        listener.stream.error = f"{type(result).__name__}: {result}"
                # A reply still being written would refuse the next round's message (409).
                await settled([x.user.thread_id for x in listeners])
                sent = await fetch_sent(fake)
                if number == 0:
                    failed = [x.stream.error or "no tokens" for x in listeners if x.stream.error
                              or not x.stream.arrivals]  # fmt: skip
                    if failed:
                        print(f"  warm-up round: {len(failed)} failed, first: {failed[0]}")
                    continue
                for listener in listeners:
                    sample.add(listener.stream, sent.get(listener.stream.marker, []))
            spent = cpu_seconds(server_pids) - cpu_before
            sample.server_cpu_ms = spent * 1000 / (rounds * len(listeners))
            web_spent = cpu_seconds(server_pids[:1]) - web_before
            sample.web_cpu_ms = web_spent * 1000 / (rounds * len(listeners))
            pg_spent, redis_spent = await services.spent()
            sample.pg_cpu_ms = pg_spent * 1000 / (rounds * len(listeners))
            sample.redis_cpu_ms = redis_spent * 1000 / (rounds * len(listeners))
    finally:
        for listener in listeners:
            with contextlib.suppress(Exception):
                await listener.client.disconnect()
    return sample


# --- processes ------------------------------------------------------------------------------


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@contextlib.contextmanager
def workers(count: int, env: dict[str, str], logdir: Path) -> Iterator[list[int]]:
    """``count`` ARQ workers; ready once each has logged ``worker_started``."""
    procs: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    try:
        for number in range(count):
            log = logdir / f"worker-{count}-{number}.log"
            logs.append(log)
            with log.open("wb") as out:
                argv = [sys.executable, "-m", "server.cli", "worker"]
                worker_env = {**env, "LOG_LEVEL": "INFO"}
                procs.append(
                    subprocess.Popen(argv, cwd=ROOT, env=worker_env, stdout=out, stderr=out)
                )
        deadline = time.monotonic() + 60
        while not all("worker_started" in p.read_text(errors="replace") for p in logs):
            if any(p.poll() is not None for p in procs) or time.monotonic() > deadline:
                raise RuntimeError(f"a worker did not start; see {logdir}")
            time.sleep(0.2)
        yield [p.pid for p in procs]
    finally:
        for proc in procs:
            _stop(proc)


def row(name: str, sample: Sample) -> str:
    return (
        f"  {name:<30} {pct(sample.ttft, 0.5):7.1f} {pct(sample.ttft, 0.99):7.1f}"
        f"   {pct(sample.gaps, 0.5):7.1f} {pct(sample.gaps, 0.99):7.1f}"
        f"   {pct(sample.lags, 0.5):7.1f} {pct(sample.lags, 0.99):7.1f}"
        f"   {len(sample.ttft):4d} {sample.errors:3d}"
    )


def verdict(label: str, base: list[float], mine: list[float]) -> tuple[str, bool]:
    p50 = pct(mine, 0.5) - pct(base, 0.5)
    p99 = pct(mine, 0.99) - pct(base, 0.99)
    met = p50 <= GOAL_P50_MS and p99 <= GOAL_P99_MS
    text = f"{label} +{p50:.1f} ms p50, +{p99:.1f} ms p99"
    return text, met


def report(base: Sample, mine: Sample, load_before: float, load_after: float) -> None:
    print(
        f"  {'ms':<30} {'TTFT p50':>7} {'p99':>7}   {'gap p50':>7} {'p99':>7}"
        f"   {'lag p50':>7} {'p99':>7}   {'ok':>4} {'err':>3}"
    )
    print(row("baseline: openai SDK direct", base))
    print(row("inkwell: REST + Socket.IO", mine))
    for name, sample in (("baseline", base), ("inkwell", mine)):
        if sample.first_error:
            print(f"  {name}: {sample.errors} failed, first: {sample.first_error}")
    per = mine.tokens_per_arrival
    print(
        f"  our chat:token batches held {sum(per) / max(1, len(per)):.2f} provider "
        f"tokens on average (max {max(per, default=0)}), so 'gap' compares batch "
        "arrivals with token arrivals; 'lag' is per provider token."
    )
    print(
        f"  our web + worker processes spent {mine.server_cpu_ms:.1f} ms of CPU per "
        f"reply (web {mine.web_cpu_ms:.1f} ms); load average {load_before:.2f} before, "
        f"{load_after:.2f} after ({os.cpu_count()} CPUs)"
    )
    print(
        f"  PostgreSQL (this database's backends) spent {mine.pg_cpu_ms:.1f} ms per reply, "
        f"the Redis server {mine.redis_cpu_ms:.1f} ms (shared: anything else using it counts)"
    )
    parts = [
        verdict("TTFT", base.ttft, mine.ttft),
        verdict("inter-arrival gap", base.gaps, mine.gaps),
        verdict("per-token lag", base.lags, mine.lags),
    ]
    for text, met in parts:
        goal = "met" if met else "NOT met"
        print(f"  added: {text}  goal <= {GOAL_P50_MS:g}/{GOAL_P99_MS:g} ms: {goal}")


async def run_all(
    counts: list[int], fake: str, base_url: str, env: dict[str, str], web_pid: int
) -> None:
    from jobs.worker import WorkerSettings
    from server.core.db import close_db, init_db

    await init_db()
    try:
        with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as logdir:
            for n in counts:
                rounds = max(1, math.ceil(MIN_SAMPLES / n))
                count = max(1, math.ceil(n / WorkerSettings.max_jobs))
                users = await make_users(n)
                for steady in (False, True) if n > 1 else (False,):
                    base = await baseline(fake, n, rounds, steady=steady)
                    load_before = os.getloadavg()[0]
                    with workers(count, env, Path(logdir)) as worker_pids:
                        server_pids = [web_pid, *worker_pids]
                        mine = await ours(base_url, fake, users, rounds, server_pids, steady=steady)
                    load_after = os.getloadavg()[0]
                    if steady:
                        title = (
                            f"N={n} concurrent streams, steady: stream i starts i/{n} of a reply's "
                            f"{reply_seconds():.2f} s in and sends {repeats(n)} messages back "
                            "to back (the first unmeasured)"
                        )
                    else:
                        title = f"N={n} concurrent streams, all sent at once, x {rounds} round(s)"
                    print(f"\n{title}; {count} worker(s), max_jobs={WorkerSettings.max_jobs} each")
                    report(base, mine, load_before, load_after)
    finally:
        await close_db()


def main() -> None:
    counts = [int(n) for n in os.environ.get("BENCH_STREAMS", "1,200").split(",") if n.strip()]
    python = sys.executable
    fake_port, web_port = free_port(), free_port()
    fake = f"http://127.0.0.1:{fake_port}"
    base_url = f"http://127.0.0.1:{web_port}"
    env = {
        **os.environ,
        "OPENAI_API_KEY": API_KEY,
        "OPENAI_BASE_URL": f"{fake}/v1",
        "AI_PROVIDER_ORDER": "openai",
        "RATE_LIMITS": "{}",
        "AI_BUDGET_TOKENS": '{"free": 1000000000, "pro": 1000000000}',
        "AI_BUDGET_USD": '{"free": 1000000, "pro": 1000000}',
        "PORT": str(web_port),
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        # Our own queue, so no other worker on this Redis takes the benchmark's jobs.
        "QUEUE_NAME": f"inkwell:bench:{os.getpid()}",
    }
    os.environ.update({k: env[k] for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "QUEUE_NAME")})
    subprocess.run([python, "-m", "server.cli", "migrate"], cwd=ROOT, env=env, check=True)
    print(
        f"Chat streaming overhead: fake provider sends the first token after "
        f"{FIRST_TOKEN_DELAY * 1000:.0f} ms, then one every {TOKEN_INTERVAL * 1000:.0f} ms, "
        f"{len(TOKENS)} tokens per reply. TTFT: request to first text; gap: between text "
        "arrivals; lag: provider wrote a token -> client has it. All in ms."
    )
    procs: list[subprocess.Popen[bytes]] = []
    try:
        fake_code = f"from bench.chat_streaming import serve_fake; serve_fake({fake_port})"
        fake_argv = [python, "-c", fake_code]
        procs.append(subprocess.Popen(fake_argv, cwd=ROOT, env=env))
        wait_for(fake_port, procs[-1])
        web_argv = [python, "-m", "server.cli", "web"]
        procs.append(subprocess.Popen(web_argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL))
        wait_for(web_port, procs[-1])
        asyncio.run(run_all(counts, fake, base_url, env, procs[-1].pid))
    finally:
        for proc in reversed(procs):
            _stop(proc)


if __name__ == "__main__":
    main()
