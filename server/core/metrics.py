"""Prometheus metrics.

Request metrics live in each web process. Job outcomes happen in worker processes, so workers
count them in a Redis hash and the web process exposes that hash (and the queue depth) when
scraped: one scrape of any web process shows the whole fleet's jobs.
"""

from __future__ import annotations

from collections.abc import Iterable

import structlog
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from redis.asyncio import Redis

log = structlog.get_logger(__name__)

JOB_OUTCOMES_KEY = "inkwell:metrics:job_outcomes"
AI_REQUESTS_KEY = "inkwell:metrics:ai_requests"

REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "inkwell_http_requests_total",
    "HTTP requests by route, method and status.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "inkwell_http_request_duration_seconds",
    "HTTP request latency by route and method.",
    ["route", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)


async def record_job_outcome(redis: Redis, function: str, outcome: str) -> None:
    await redis.hincrby(JOB_OUTCOMES_KEY, f"{function}|{outcome}", 1)  # type: ignore[misc]


async def record_ai_request(
    redis: Redis, provider: str, model: str, outcome: str, tokens_in: int, tokens_out: int
) -> None:
    async with redis.pipeline(transaction=False) as pipe:
        pipe.hincrby(AI_REQUESTS_KEY, f"requests|{provider}|{model}|{outcome}", 1)
        pipe.hincrby(AI_REQUESTS_KEY, f"tokens|{provider}|{model}|in", tokens_in)
        pipe.hincrby(AI_REQUESTS_KEY, f"tokens|{provider}|{model}|out", tokens_out)
        await pipe.execute()


class QueueCollector(Collector):
    """Fed by :func:`refresh` just before each scrape; collect() itself must be synchronous."""

    def __init__(self) -> None:
        self.depth: float | None = None
        self.outcomes: dict[tuple[str, str], float] = {}
        self.ai: dict[tuple[str, ...], float] = {}

    async def refresh(self, redis: Redis, queue_name: str) -> None:
        try:
            self.depth = float(await redis.zcard(queue_name))
            raw = await redis.hgetall(JOB_OUTCOMES_KEY)  # type: ignore[misc]
            ai_raw = await redis.hgetall(AI_REQUESTS_KEY)  # type: ignore[misc]
        except Exception as exc:
            log.warning("metrics_redis_unavailable", error=str(exc))
            self.depth = None
            return
        outcomes: dict[tuple[str, str], float] = {}
        for key, value in raw.items():
            name = key.decode() if isinstance(key, bytes) else str(key)
            function, _, outcome = name.partition("|")
            outcomes[(function, outcome)] = float(value)
        self.outcomes = outcomes
        self.ai = {
            tuple((k.decode() if isinstance(k, bytes) else str(k)).split("|")): float(v)
            for k, v in ai_raw.items()
        }

    def collect(self) -> Iterable[Metric]:
        if self.depth is not None:
            depth = GaugeMetricFamily("inkwell_queue_depth", "Jobs waiting in the ARQ queue.")
            depth.add_metric([], self.depth)
            yield depth
        jobs = CounterMetricFamily(
            "inkwell_jobs", "Finished jobs by function and outcome.", labels=["function", "outcome"]
        )
        for (function, outcome), count in sorted(self.outcomes.items()):
            jobs.add_metric([function, outcome], count)
        yield jobs
        requests = CounterMetricFamily(
            "inkwell_ai_requests",
            "AI requests by provider, model and outcome.",
            labels=["provider", "model", "outcome"],
        )
        tokens = CounterMetricFamily(
            "inkwell_ai_tokens",
            "AI tokens by provider, model and direction.",
            labels=["provider", "model", "direction"],
        )
        for key, count in sorted(self.ai.items()):
            if key[0] == "requests" and len(key) == 4:
                requests.add_metric(list(key[1:]), count)
            elif key[0] == "tokens" and len(key) == 4:
                tokens.add_metric(list(key[1:]), count)
        yield requests
        yield tokens


QUEUE = QueueCollector()
REGISTRY.register(QUEUE)
