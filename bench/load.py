"""A small closed-loop HTTP load generator: N connections, each sending back to back."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

import aiohttp


@dataclass
class LoadResult:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    # Responses by status code: a fast 503 is not the path a benchmark means to measure.
    statuses: Counter[int] = field(default_factory=Counter)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

    def row(self) -> str:
        return (
            f"{self.name:<34} {self.rps:>9.0f} req/s  p50 {self.percentile(0.5):>7.2f} ms"
            f"  p99 {self.percentile(0.99):>7.2f} ms  errors {self.errors}"
            f"  HTTP {', '.join(f'{code} x{n}' for code, n in sorted(self.statuses.items()))}"
        )


async def run_load(
    name: str, url: str, *, connections: int, seconds: float, warmup: float = 1.0
) -> LoadResult:
    connector = aiohttp.TCPConnector(limit=connections, force_close=False)
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors = 0
    async with aiohttp.ClientSession(connector=connector) as session:
        measuring = False
        stop_at = time.perf_counter() + warmup + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                status = None
                try:
                    async with session.get(url) as response:
                        await response.read()
                        status = response.status
                        ok = status < 500 or status == 503
                except aiohttp.ClientError:
                    ok = False
                if measuring:
                    latencies.append(time.perf_counter() - started)
                    errors += 0 if ok else 1
                    if status is not None:
                        statuses[status] += 1

        tasks = [asyncio.create_task(worker()) for _ in range(connections)]
        await asyncio.sleep(warmup)
        measuring = True
        began = time.perf_counter()
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - began
    return LoadResult(name, len(latencies), errors, elapsed, latencies, statuses)


def median_of(results: list[LoadResult]) -> float:
    return statistics.median(r.rps for r in results)
