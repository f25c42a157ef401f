"""HTTP overhead: our stack against a bare ASGI hello-world, served the same way.

Starts each server as its own process (Uvicorn, one worker, same flags), drives it with
50 concurrent keep-alive connections from this process, and prints requests per second and
p50/p99 latency for the baseline, ``/healthz`` and the database-backed ``/readyz``, with ratios.
Hypercorn serving ``/healthz`` is measured too, since the choice of server rests on it.
Every row counts the responses by status code; ``/readyz`` is measured once it answers 200.

Knobs: ``BENCH_SECONDS`` (measured seconds per run, default 5), ``BENCH_WARMUP_SECONDS``
(unmeasured load before each run, default 1).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

from bench.load import LoadResult, run_load

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = 50
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WARMUP = float(os.environ.get("BENCH_WARMUP_SECONDS", "1"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port}")


@contextmanager
def serve(argv: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[None]:
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**os.environ, "LOG_LEVEL": "WARNING", **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, proc)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


async def until_ready(url: str, seconds: float = 30) -> None:
    """Wait until ``/readyz`` answers 200: until the worker's first heartbeat it answers 503."""
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(url) as response:
                if response.status == 200:
                    return
                body = await response.text()
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} not ready after {seconds:.0f} s: {body}")
            await asyncio.sleep(0.2)


def uvicorn(app: str, port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
            "--no-access-log", "--log-level", "warning"]  # fmt: skip


def main() -> None:
    python = sys.executable
    subprocess.run([python, "-m", "server.cli", "migrate"], cwd=ROOT, check=True)
    results: dict[str, LoadResult] = {}

    def measure(name: str, url: str) -> None:
        load = run_load(name, url, connections=CONNECTIONS, seconds=SECONDS, warmup=WARMUP)
        results[name] = asyncio.run(load)
        print(results[name].row(), flush=True)

    print(f"HTTP overhead: {CONNECTIONS} connections, {SECONDS:g} s per run, one process each")
    port = free_port()
    with serve(uvicorn("bench.hello_asgi:app", port), port):
        measure("bare ASGI hello (uvicorn)", f"http://127.0.0.1:{port}/")

    # A worker keeps /readyz at 200, so the database-backed path is the one measured.
    worker = subprocess.Popen(
        [python, "-m", "server.cli", "worker"], cwd=ROOT,
        env={**os.environ, "LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        port = free_port()
        with serve(uvicorn("server.asgi:app", port), port):
            measure("inkwell /healthz (uvicorn)", f"http://127.0.0.1:{port}/healthz")
            asyncio.run(until_ready(f"http://127.0.0.1:{port}/readyz"))
            measure("inkwell /readyz db+redis (uvicorn)", f"http://127.0.0.1:{port}/readyz")
        port = free_port()
        hypercorn = [python, "-m", "hypercorn", "server.asgi:app", "--bind",
                     f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip
        with serve(hypercorn, port):
            measure("inkwell /healthz (hypercorn)", f"http://127.0.0.1:{port}/healthz")
    finally:
        worker.terminate()
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)

    base = results["bare ASGI hello (uvicorn)"]
    print("\nratios (higher req/s ratio is better; 1.00 = as fast as the bare app)")
    for name, result in results.items():
        if result is base:
            continue
        print(
            f"  {name:<34} req/s {result.rps / base.rps:5.2f}x of bare   "
            f"p50 +{result.percentile(0.5) - base.percentile(0.5):6.2f} ms   "
            f"p99 +{result.percentile(0.99) - base.percentile(0.99):6.2f} ms"
        )
    uv, hc = results["inkwell /healthz (uvicorn)"], results["inkwell /healthz (hypercorn)"]
    print(f"  uvicorn vs hypercorn on /healthz: {uv.rps / hc.rps:.2f}x req/s")


if __name__ == "__main__":
    main()
