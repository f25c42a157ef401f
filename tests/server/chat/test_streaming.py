"""A reply's Redis Stream: writes under a lease land only while the lease is the writer's."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from arq.connections import ArqRedis
from redis.asyncio.client import PubSub

from server.chat import lease, streaming
from server.chat.lease import LeaseLost, lease_key
from server.chat.streaming import End, Token, stream_key
from server.core.config import Config

CHANNEL = "inkwell-test-stream-channel"


@pytest.fixture
async def channel(redis: ArqRedis) -> AsyncIterator[PubSub]:
    pubsub = redis.pubsub()
    await pubsub.subscribe(CHANNEL)
    # The subscription's confirmation: publications after this reach it.
    assert await pubsub.get_message(timeout=2) is not None
    yield pubsub
    await pubsub.reset()  # unsubscribes and gives the connection back


@pytest.fixture
async def held(redis: ArqRedis) -> tuple[uuid.UUID, str]:
    """A reply to be and this writer's lease on it."""
    reply_id = uuid.uuid4()
    holder = await lease.take(reply_id, 5)
    assert holder is not None
    return reply_id, holder


async def heard(pubsub: PubSub) -> list[bytes]:
    """What the channel carried, read until it stays quiet for a moment."""
    messages: list[bytes] = []
    while True:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
        if message is None:
            return messages
        messages.append(message["data"])


async def test_a_writer_holding_the_lease_writes_publishes_and_keeps_the_expiry(
    redis: ArqRedis, channel: PubSub, config: Config, held: tuple[uuid.UUID, str]
) -> None:
    reply_id, holder = held
    first = [Token(1, "Hello "), Token(2, "world")]
    await streaming.append(redis, reply_id, first, publish=(CHANNEL, "batch"), holder=holder)
    assert await streaming.read_after(redis, reply_id, 0) == first
    assert 0 < await redis.ttl(stream_key(reply_id)) <= config.chat_stream_ttl_seconds
    assert await heard(channel) == [b"batch"]

    # A later batch leaves the expiry as it is.
    await redis.expire(stream_key(reply_id), 100)
    await streaming.append(redis, reply_id, [Token(3, "!")], expire=False, holder=holder)
    assert 90 < await redis.ttl(stream_key(reply_id)) <= 100

    ends = [(CHANNEL, "done"), (CHANNEL, "state")]
    await streaming.finish(
        redis, reply_id, "done", {"content": "Hello world!"}, publish=ends, holder=holder
    )
    items = await streaming.read_after(redis, reply_id, 2)
    assert items == [Token(3, "!"), End("done", {"content": "Hello world!"})]
    assert await redis.ttl(stream_key(reply_id)) > 100
    assert await heard(channel) == [b"done", b"state"]


@pytest.mark.parametrize("lease_now", ["expired", "taken"])
async def test_a_writer_whose_lease_is_gone_writes_and_publishes_nothing(
    redis: ArqRedis, channel: PubSub, held: tuple[uuid.UUID, str], lease_now: str
) -> None:
    reply_id, holder = held
    if lease_now == "expired":
        await redis.delete(lease_key(reply_id))
    else:
        await redis.set(lease_key(reply_id), "another-process", px=5000)

    with pytest.raises(LeaseLost):
        await streaming.append(
            redis, reply_id, [Token(1, "Hello")], publish=(CHANNEL, "batch"), holder=holder
        )
    with pytest.raises(LeaseLost):
        await streaming.finish(
            redis, reply_id, "done", {}, publish=[(CHANNEL, "done")], holder=holder
        )
    assert not await redis.exists(stream_key(reply_id))
    assert await heard(channel) == []
