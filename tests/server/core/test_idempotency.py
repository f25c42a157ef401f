"""Idempotency keys: the work runs once per key, a retry gets the first answer back."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import BaseModel

from models.accounts import Workspace
from models.idempotency import IdempotencyRecord
from server.core.errors import ValidationFailed
from server.core.idempotency import (
    KEY_TTL,
    IdempotencyKeyReused,
    Outcome,
    fingerprint,
    run_once,
)

ROUTE = "POST /api/things"


class Made(BaseModel):
    id: uuid.UUID
    name: str


class Body(BaseModel):
    name: str


@pytest.fixture
async def workspace(db: None) -> Workspace:
    return await Workspace.create(id=uuid.uuid4(), name="Owner's workspace")


def maker(
    name: str, calls: list[str], *, delay: float = 0.0
) -> Callable[[], Awaitable[tuple[Made, int]]]:
    """Work that creates a real row, so a second run would show as a second row."""

    async def work() -> tuple[Made, int]:
        calls.append(name)
        if delay:
            await asyncio.sleep(delay)
        made = await Workspace.create(id=uuid.uuid4(), name=name)
        return Made(id=made.id, name=made.name), 201

    return work


async def once(
    workspace_id: uuid.UUID,
    key: str | None,
    body: Body,
    work: Callable[[], Awaitable[tuple[Made, int]]],
    *,
    route: str = ROUTE,
) -> Outcome[Made]:
    return await run_once(workspace_id, key, route=route, payload=body, model=Made, work=work)


async def made_count(name: str) -> int:
    return await Workspace.filter(name=name).count()


async def test_a_repeated_key_returns_the_first_answer_and_does_the_work_once(
    workspace: Workspace,
) -> None:
    calls: list[str] = []
    body = Body(name="Issue 1")
    first = await once(workspace.id, "k-1", body, maker("Issue 1", calls))
    again = await once(workspace.id, "k-1", body, maker("Issue 1", calls))
    assert (first.status, first.replayed, first.headers) == (201, False, {})
    assert (again.status, again.replayed) == (201, True)
    assert again.headers == {"Idempotent-Replayed": "true"}
    assert again.body == first.body
    assert calls == ["Issue 1"]
    assert await made_count("Issue 1") == 1
    record = await IdempotencyRecord.get(workspace_id=workspace.id, route=ROUTE, key="k-1")
    assert record.response == first.body.model_dump(mode="json")
    assert record.expires_at - record.created_at == pytest.approx(KEY_TTL, abs=timedelta(seconds=5))


async def test_without_a_key_every_request_does_the_work(workspace: Workspace) -> None:
    calls: list[str] = []
    for _ in range(2):
        outcome = await once(workspace.id, None, Body(name="x"), maker("No key", calls))
        assert not outcome.replayed
    assert await made_count("No key") == 2
    assert await IdempotencyRecord.filter(workspace_id=workspace.id).count() == 0


async def test_a_key_reused_with_another_body_is_refused_and_does_nothing(
    workspace: Workspace,
) -> None:
    calls: list[str] = []
    await once(workspace.id, "k-2", Body(name="A"), maker("Body A", calls))
    with pytest.raises(IdempotencyKeyReused) as refused:
        await once(workspace.id, "k-2", Body(name="B"), maker("Body B", calls))
    assert refused.value.status == 422
    assert refused.value.details == {"idempotency_key": "k-2", "route": ROUTE}
    assert calls == ["Body A"]
    assert await made_count("Body B") == 0


async def test_failed_work_stores_no_answer_so_a_fixed_retry_goes_through(
    workspace: Workspace,
) -> None:
    async def failing() -> tuple[Made, int]:
        await Workspace.create(id=uuid.uuid4(), name="Half done")
        raise ValidationFailed(details={"fields": {"name": ["bad"]}})

    with pytest.raises(ValidationFailed):
        await once(workspace.id, "k-3", Body(name="x"), failing)
    # The work's own writes rolled back with the missing answer.
    assert await made_count("Half done") == 0
    assert await IdempotencyRecord.filter(key="k-3").count() == 0
    calls: list[str] = []
    retry = await once(workspace.id, "k-3", Body(name="x"), maker("Retried", calls))
    assert not retry.replayed
    assert await made_count("Retried") == 1


async def test_concurrent_requests_with_one_key_do_the_work_once(workspace: Workspace) -> None:
    calls: list[str] = []
    outcomes = await asyncio.gather(
        *(
            once(workspace.id, "k-race", Body(name="race"), maker("Raced", calls, delay=0.2))
            for _ in range(3)
        )
    )
    assert calls == ["Raced"]
    assert await made_count("Raced") == 1
    assert sorted(o.replayed for o in outcomes) == [False, True, True]
    assert len({o.body.id for o in outcomes}) == 1


async def test_keys_belong_to_one_workspace_and_one_route(workspace: Workspace) -> None:
    other = await Workspace.create(id=uuid.uuid4(), name="Someone else's")
    calls: list[str] = []
    body = Body(name="same")
    for workspace_id, route in [
        (workspace.id, ROUTE),
        (other.id, ROUTE),
        (workspace.id, "POST /api/other-things"),
    ]:
        outcome = await once(workspace_id, "shared", body, maker("Scoped", calls), route=route)
        assert not outcome.replayed
    assert await made_count("Scoped") == 3


async def test_an_expired_key_is_forgotten(workspace: Workspace) -> None:
    calls: list[str] = []
    body = Body(name="old")
    first = await once(workspace.id, "k-old", body, maker("Aged", calls))
    await IdempotencyRecord.filter(key="k-old").update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    second = await once(workspace.id, "k-old", body, maker("Aged", calls))
    assert not second.replayed
    assert second.body.id != first.body.id
    assert await IdempotencyRecord.filter(key="k-old").count() == 1


def test_fingerprint_ignores_key_order_and_spacing_but_not_values() -> None:
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    assert fingerprint(Body(name="x")) == fingerprint({"name": "x"})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})
    assert fingerprint(None) != fingerprint({})
