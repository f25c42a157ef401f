"""Health, readiness and metrics for load balancers and Prometheus."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from quart import Blueprint, Response
from quart_schema import tag, validate_response

from server.core.config import get_config
from server.core.metrics import QUEUE, REGISTRY
from server.core.openapi import responds
from server.core.redis import get_redis
from server.ops import service
from server.ops.schemas import Health, Readiness

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@tag(["ops"])
@validate_response(Health)
async def healthz() -> Health:
    """Liveness: answers while the process lives."""
    return Health(status="ok")


@bp.get("/readyz")
@tag(["ops"])
@validate_response(Readiness, 200)
@validate_response(Readiness, 503)
async def readyz() -> tuple[Readiness, int]:
    """Readiness: database, Redis, worker heartbeat and migrations; 503 names what fails."""
    checks = await service.readiness(get_config())
    ready = all(value == "ok" for value in checks.values())
    return Readiness(status="ok" if ready else "failing", checks=checks), 200 if ready else 503


@bp.get("/metrics")
@responds(200, "Prometheus text format.", "text/plain")
@tag(["ops"])
async def metrics() -> Response:
    """Prometheus metrics: requests, latency, queue depth and job outcomes."""
    config = get_config()
    try:
        redis = get_redis()
    except RuntimeError:
        redis = None
    if redis is not None:
        await QUEUE.refresh(redis, config.queue_name)
    return Response(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
