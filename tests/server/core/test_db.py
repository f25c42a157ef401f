"""Transactions: one owner, and side effects only after COMMIT."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tortoise import connections

from models.accounts import Membership, User
from models.chat import ChatMessage, ChatThread, MessageRole, MessageStatus
from models.outbox import OutboxMessage
from server.core.config import Config
from server.core.db import (
    columns,
    describe_url,
    from_row,
    on_commit,
    tortoise_config,
    tortoise_url,
    transaction,
)
from tests.factories import make_user


async def _row(job_id: str) -> OutboxMessage:
    return await OutboxMessage.create(
        job_name="noop", job_id=job_id, available_at=datetime.now(UTC)
    )


async def test_hooks_run_after_commit_and_see_committed_data(db: None) -> None:
    seen: list[int] = []

    async def hook() -> None:
        seen.append(await OutboxMessage.filter(job_id="a").count())

    async with transaction():
        await _row("a")
        on_commit(hook)
        assert seen == []
    assert seen == [1]


async def test_rollback_discards_data_and_hooks(db: None) -> None:
    ran: list[str] = []

    async def hook() -> None:
        ran.append("ran")

    with pytest.raises(RuntimeError):
        async with transaction():
            await _row("b")
            on_commit(hook)
            raise RuntimeError("fail")
    assert ran == []
    assert await OutboxMessage.filter(job_id="b").count() == 0


async def test_nested_savepoint_hooks_wait_for_outer_commit(db: None) -> None:
    ran: list[str] = []

    async def inner_hook() -> None:
        ran.append("inner")

    async def doomed_hook() -> None:
        ran.append("doomed")

    async with transaction():
        async with transaction():
            await _row("c1")
            on_commit(inner_hook)
        assert ran == []
        with pytest.raises(ValueError, match="nested"):
            async with transaction():
                await _row("c2")
                on_commit(doomed_hook)
                raise ValueError("nested")
    assert ran == ["inner"]
    assert {m.job_id for m in await OutboxMessage.all()} == {"c1"}


async def test_failing_hook_does_not_undo_commit_or_stop_others(db: None) -> None:
    ran: list[str] = []

    async def broken() -> None:
        raise RuntimeError("side effect failed")

    async def fine() -> None:
        ran.append("fine")

    async with transaction():
        await _row("d")
        on_commit(broken)
        on_commit(fine)
    assert ran == ["fine"]
    assert await OutboxMessage.filter(job_id="d").exists()


def test_on_commit_outside_transaction_is_an_error() -> None:
    async def hook() -> None:
        return None

    with pytest.raises(RuntimeError, match="open transaction"):
        on_commit(hook)


def test_database_url_spellings() -> None:
    assert tortoise_url("postgresql://u:p@h:1/d") == "postgres://u:p@h:1/d"
    assert tortoise_url("postgres://u@h/d") == "postgres://u@h/d"
    with pytest.raises(ValueError, match="PostgreSQL"):
        tortoise_url("mysql://u@h/d")
    assert describe_url("postgres://u:secret@db.internal:6543/app") == "db.internal:6543/app"


def test_pool_size_comes_from_config_unless_the_url_sets_it() -> None:
    config = Config(_env_file=None, database_pool_max=42)
    url = tortoise_config(config, url="postgresql://u@h:1/d")["connections"]["default"]
    assert url == "postgres://u@h:1/d?maxsize=42"
    url = tortoise_config(config, url="postgres://u@h/d?ssl=true")["connections"]["default"]
    assert url == "postgres://u@h/d?ssl=true&maxsize=42"
    url = tortoise_config(config, url="postgres://u@h/d?maxsize=3")["connections"]["default"]
    assert url == "postgres://u@h/d?maxsize=3"


async def test_rows_read_by_hand_become_the_instances_tortoise_reads(db: None) -> None:
    """``columns`` and ``from_row`` (the hot reads written once as SQL) give the same values,
    of the same types, as Tortoise's own read: enums, JSON, dates and nulls included."""
    user = await make_user()
    membership = await Membership.get(user=user)
    thread = await ChatThread.create(
        workspace_id=membership.workspace_id,  # type: ignore[attr-defined]
        created_by=user,
        title="Spring",
        draft={"subject": "Hello", "sections": [{"heading": "A", "body": "B"}]},
    )
    message = await ChatMessage.create(
        thread=thread,
        role=MessageRole.assistant,
        content="Hi there",
        status=MessageStatus.streaming,
        seq=2,
        seq_offsets=[3, 8],
    )
    _, rows = await connections.get("default").execute_query(
        f"SELECT {columns(ChatThread, 't')}, {columns(ChatMessage, 'm')}, {columns(User, 'u')}"  # noqa: S608
        " FROM chat_message m JOIN chat_thread t ON t.id = m.thread_id"
        " JOIN app_user u ON u.id = t.created_by_id WHERE m.id = $1",
        [message.id],
    )
    for model, alias, pk in (
        (ChatThread, "t", thread.id),
        (ChatMessage, "m", message.id),
        (User, "u", user.id),
    ):
        by_hand = from_row(model, alias, rows[0])
        by_orm = await model.get(id=pk)
        names = list(model._meta.fields_db_projection)
        assert len(names) > 5
        for name in names:
            mine, theirs = getattr(by_hand, name), getattr(by_orm, name)
            assert (name, mine, type(mine)) == (name, theirs, type(theirs))
    read = from_row(ChatMessage, "m", rows[0])
    assert read.role is MessageRole.assistant
    assert read.status is MessageStatus.streaming
    assert read.seq_offsets == [3, 8]
