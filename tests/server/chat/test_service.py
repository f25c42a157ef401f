"""The month's AI usage per workspace: the running counter agrees with the telemetry rows
across replies, months, rows written before the counter existed and concurrent writers."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from models.accounts import Workspace
from models.chat import AIRequest, AIUsageMonth
from server.chat.service import month_start, month_usage, next_month_start, store_ai_request


async def _workspace() -> Workspace:
    return await Workspace.create(id=uuid.uuid4(), name="Usage workspace")


async def _store(workspace: Workspace, tokens_in: int, tokens_out: int, usd: str) -> AIRequest:
    return await store_ai_request(
        workspace_id=workspace.id,
        provider="openai",
        model="gpt-4o-mini",
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        cost_usd=Decimal(usd),
        outcome="ok",
    )


async def _moved_to(record: AIRequest, when: datetime) -> None:
    await AIRequest.filter(id=record.id).update(created_at=when)


def test_month_bounds_roll_over_the_year() -> None:
    december = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
    assert month_start(december) == datetime(2026, 12, 1, tzinfo=UTC)
    assert next_month_start(december) == datetime(2027, 1, 1, tzinfo=UTC)
    assert next_month_start(datetime(2026, 3, 1, tzinfo=UTC)) == datetime(2026, 4, 1, tzinfo=UTC)


async def test_the_counter_adds_up_every_reply(db: None) -> None:
    workspace = await _workspace()
    assert await month_usage(workspace.id) == (0, 0, 0, 0.0)
    await _store(workspace, 100, 20, "0.000027")
    await _store(workspace, 50, 10, "0.000013")
    assert await month_usage(workspace.id) == (2, 150, 30, 0.00004)
    counter = await AIUsageMonth.get(workspace_id=workspace.id)
    assert counter.month == month_start().date()
    # Another workspace's requests are its own.
    other = await _workspace()
    await _store(other, 7, 7, "0.000001")
    assert await month_usage(workspace.id) == (2, 150, 30, 0.00004)
    assert await month_usage(other.id) == (1, 7, 7, 0.000001)


async def test_rows_from_before_the_counter_are_counted_once(db: None) -> None:
    workspace = await _workspace()
    # Telemetry written before the counter existed: no counter row, so the rows are summed.
    await AIRequest.create(
        workspace_id=workspace.id, provider="openai", model="gpt-4o-mini",
        input_tokens=1000, output_tokens=200, cost_usd=Decimal("0.00027"), outcome="ok",
    )  # fmt: skip
    assert await month_usage(workspace.id) == (1, 1000, 200, 0.00027)
    assert not await AIUsageMonth.filter(workspace_id=workspace.id).exists()
    # The month's first counted request starts the counter from those rows.
    await _store(workspace, 10, 5, "0.00001")
    assert await month_usage(workspace.id) == (2, 1010, 205, 0.00028)
    await _store(workspace, 10, 5, "0.00001")
    assert await month_usage(workspace.id) == (3, 1020, 210, 0.00029)


async def test_each_month_has_its_own_counter(db: None) -> None:
    workspace = await _workspace()
    now = datetime.now(UTC)
    last_month = month_start(month_start(now) - timedelta(days=1))
    old = await _store(workspace, 500, 500, "0.5")
    await _moved_to(old, last_month.replace(day=15))
    await AIUsageMonth.filter(workspace_id=workspace.id).update(month=last_month.date())
    # This month starts from zero; last month keeps what it had.
    assert await month_usage(workspace.id) == (0, 0, 0, 0.0)
    await _store(workspace, 3, 4, "0.000005")
    assert await month_usage(workspace.id) == (1, 3, 4, 0.000005)
    assert await month_usage(workspace.id, now=last_month.replace(day=20)) == (1, 500, 500, 0.5)
    months = await AIUsageMonth.filter(workspace_id=workspace.id).order_by("month")
    assert [m.month for m in months] == [last_month.date(), month_start(now).date()]
    assert isinstance(months[0].month, date)


async def test_concurrent_first_requests_are_all_counted(db: None) -> None:
    workspace = await _workspace()
    await asyncio.gather(*(_store(workspace, 10, 1, "0.000002") for _ in range(12)))
    assert await month_usage(workspace.id) == (12, 120, 12, 0.000024)
    assert await AIUsageMonth.filter(workspace_id=workspace.id).count() == 1
