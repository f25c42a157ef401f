"""``Idempotency-Key`` for creates: a retried request gets the first answer, not a second copy.

A client that may send a create twice (a double click, a retry after a timeout) sends the same
``Idempotency-Key`` header each time. The first request does the work and stores its answer
(status and body) in the same transaction as the work, keyed by workspace, route and key; a
later request with that key gets the stored answer back with ``Idempotent-Replayed: true``.
Concurrent requests with one key queue on a transaction-scoped advisory lock, so the second
sees the first one's committed answer instead of racing it.

Only answers of work that committed are stored: a request that failed (validation, a plan
limit) stored nothing, so the client may fix it and retry with the same key. A key reused
with a different body is refused (422 ``idempotency_key_reused``) rather than answered with
the first, unrelated result. Keys are kept for :data:`KEY_TTL`.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from models.idempotency import IdempotencyRecord
from server.core.db import transaction
from server.core.errors import AppError

KEY_TTL = timedelta(hours=24)
REPLAYED_HEADER = "Idempotent-Replayed"

M = TypeVar("M", bound=BaseModel)


class IdempotencyHeaders(BaseModel):
    """An optional ``Idempotency-Key``: repeating it returns the first answer."""

    idempotency_key: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Any unique string (a UUID); a retry with the same key returns the first "
        "answer instead of creating again.",
    )


class IdempotencyKeyReused(AppError):
    code = "idempotency_key_reused"
    status = 422
    message = "This Idempotency-Key was already used for a different request; use a new key."


@dataclass(frozen=True)
class Outcome(Generic[M]):
    body: M
    status: int
    replayed: bool

    @property
    def headers(self) -> dict[str, str]:
        return {REPLAYED_HEADER: "true"} if self.replayed else {}


def fingerprint(payload: BaseModel | Mapping[str, Any] | None) -> str:
    """SHA-256 of the request body in canonical form (so key order and spacing don't count)."""
    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def run_once(
    workspace_id: uuid.UUID,
    key: str | None,
    *,
    route: str,
    payload: BaseModel | Mapping[str, Any] | None,
    model: type[M],
    work: Callable[[], Awaitable[tuple[M, int]]],
) -> Outcome[M]:
    """``work()`` once per (workspace, route, key); without a key, every time.

    ``route`` names the operation (``"POST /api/templates"``); ``payload`` is what makes two
    requests "the same" (the validated body, plus any path parameters).
    """
    if key is None:
        body, status = await work()
        return Outcome(body, status, replayed=False)
    request_hash = fingerprint(payload)
    async with transaction() as conn:
        # Serialises requests with this key until the first one commits or rolls back.
        await conn.execute_query(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [f"idempotency:{workspace_id}:{route}:{key}"],
        )
        now = datetime.now(UTC)
        found = await IdempotencyRecord.get_or_none(workspace_id=workspace_id, route=route, key=key)
        if found is not None and found.expires_at > now:
            if found.request_hash != request_hash:
                raise IdempotencyKeyReused(details={"idempotency_key": key, "route": route})
            return Outcome(model.model_validate(found.response), found.status_code, replayed=True)
        # Expired keys are swept here, a workspace at a time, so the table stays small.
        await IdempotencyRecord.filter(workspace_id=workspace_id, expires_at__lte=now).delete()
        body, status = await work()
        await IdempotencyRecord.create(
            workspace_id=workspace_id,
            route=route,
            key=key,
            request_hash=request_hash,
            status_code=status,
            response=body.model_dump(mode="json"),
            expires_at=now + KEY_TTL,
        )
    return Outcome(body, status, replayed=False)
