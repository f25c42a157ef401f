"""Live replies in Redis Streams: one short-lived stream per reply, one entry per token batch.

Entries carry ``seq`` (1, 2, ... without gaps) and ``delta``; a last entry carries ``event``
(``done`` or ``error``). Any process can replay a reply from any point (a reconnecting socket,
an SSE client, a reload), and the stream expires a while after the reply ends.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis

from server.chat.lease import LeaseLost, lease_key
from server.core.config import get_config


def stream_key(message_id: object) -> str:
    return f"inkwell:chat:stream:{message_id}"


@dataclass(frozen=True)
class Token:
    seq: int
    delta: str


@dataclass(frozen=True)
class End:
    event: str  # "done" or "error"
    data: dict[str, Any]


StreamItem = Token | End

# A writer under a lease writes only while the lease is still its own (checked by Redis in
# the same step as the writes): a process that stalled past its lease, whose reply a worker
# has since ended or taken over, cannot add a word to it.
# KEYS: stream, lease. ARGV: holder, expiry in seconds (0: leave it), channel ('': none),
# message, then seq and delta of each token.
_FENCED_APPEND = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
    return 0
end
for i = 5, #ARGV, 2 do
    redis.call('XADD', KEYS[1], '*', 'seq', ARGV[i], 'delta', ARGV[i + 1])
end
if ARGV[2] ~= '0' then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
end
if ARGV[3] ~= '' then
    redis.call('PUBLISH', ARGV[3], ARGV[4])
end
return 1
"""
# KEYS: stream, lease. ARGV: holder, event, data, expiry in seconds, then channel and
# message of each publication.
_FENCED_FINISH = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then
    return 0
end
redis.call('XADD', KEYS[1], '*', 'event', ARGV[2], 'data', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
for i = 5, #ARGV, 2 do
    redis.call('PUBLISH', ARGV[i], ARGV[i + 1])
end
return 1
"""


def _decode(fields: dict[Any, Any]) -> StreamItem:
    values = {
        (k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
        for k, v in fields.items()
    }
    if "event" in values:
        return End(values["event"], json.loads(values.get("data", "{}")))
    return Token(int(values["seq"]), values["delta"])


async def append(
    redis: Redis,
    message_id: object,
    tokens: list[Token],
    *,
    publish: tuple[str, str] | None = None,
    expire: bool = True,
    holder: str | None = None,
) -> None:
    """Add ``tokens`` to the reply's stream; ``publish`` (channel, message) goes out in the
    same round trip, after them, so a reader that hears of a token can already replay it.

    ``expire``: (re)set the stream's expiry. A writer sets it with its first batch, so a
    reply abandoned by a crashed writer still expires; XADD keeps the expiry, and
    :func:`finish` sets it again, so the batches in between need not repeat it.

    ``holder``: the writer's lease on the reply; nothing is written, and ``LeaseLost`` is
    raised, unless the lease is still its own.
    """
    if not tokens:
        return
    if holder is not None:
        ttl = get_config().chat_stream_ttl_seconds if expire else 0
        channel, message = publish if publish is not None else ("", "")
        args: list[str | int] = [holder, ttl, channel, message]
        for token in tokens:
            args += [token.seq, token.delta]
        script = redis.register_script(_FENCED_APPEND)
        if not await script(keys=[stream_key(message_id), lease_key(message_id)], args=args):
            raise LeaseLost(message_id)
        return
    async with redis.pipeline(transaction=False) as pipe:
        for token in tokens:
            pipe.xadd(stream_key(message_id), {"seq": token.seq, "delta": token.delta})
        if expire:
            pipe.expire(stream_key(message_id), get_config().chat_stream_ttl_seconds)
        if publish is not None:
            pipe.publish(*publish)
        await pipe.execute()


async def finish(
    redis: Redis,
    message_id: object,
    event: str,
    data: dict[str, Any],
    *,
    publish: list[tuple[str, str]] | None = None,
    holder: str | None = None,
) -> None:
    """End the reply's stream with ``event``; ``publish`` (channel, message pairs) goes out
    in the same round trip, after the end marker. ``holder``: as for :func:`append`."""
    key = stream_key(message_id)
    if holder is not None:
        args: list[str | int] = [
            holder,
            event,
            json.dumps(data),
            get_config().chat_stream_ttl_seconds,
        ]
        for channel, message in publish or ():
            args += [channel, message]
        script = redis.register_script(_FENCED_FINISH)
        if not await script(keys=[key, lease_key(message_id)], args=args):
            raise LeaseLost(message_id)
        return
    async with redis.pipeline(transaction=False) as pipe:
        pipe.xadd(key, {"event": event, "data": json.dumps(data)})
        pipe.expire(key, get_config().chat_stream_ttl_seconds)
        for channel, message in publish or ():
            pipe.publish(channel, message)
        await pipe.execute()


async def read_after(redis: Redis, message_id: object, after_seq: int) -> list[StreamItem]:
    """Everything after ``after_seq``, the end marker included when the reply has ended."""
    entries = await redis.xrange(stream_key(message_id))
    items = [_decode(fields) for _, fields in entries]
    return [i for i in items if isinstance(i, End) or i.seq > after_seq]


class Heartbeat:
    """Nothing arrived for a while; an SSE endpoint sends a comment to keep the line open."""


HEARTBEAT = Heartbeat()


async def follow(
    redis: Redis, message_id: object, after_seq: int, *, block_ms: int = 15000
) -> AsyncIterator[StreamItem | Heartbeat]:
    """Replay from ``after_seq``, then wait for new entries until the end marker.

    XREAD from id 0 returns what is there at once and otherwise blocks, also for a stream
    that does not exist yet, so one loop covers a finished reply, a live one and one that has
    not started.
    """
    key = stream_key(message_id)
    last_id: bytes | str = "0-0"
    while True:
        result = await redis.xread({key: last_id}, block=block_ms, count=200)
        if not result:
            yield HEARTBEAT
            continue
        for _, entries in result:
            for entry_id, fields in entries:
                last_id = entry_id
                item = _decode(fields)
                if isinstance(item, End):
                    yield item
                    return
                if item.seq > after_seq:
                    yield item


def stored_tokens(content: str, offsets: list[int], after_seq: int) -> list[Token]:
    """The tokens after ``after_seq`` rebuilt from the saved text and token boundaries."""
    tokens = []
    start = offsets[after_seq - 1] if 0 < after_seq <= len(offsets) else 0
    for seq in range(after_seq + 1, len(offsets) + 1):
        end = offsets[seq - 1]
        tokens.append(Token(seq, content[start:end]))
        start = end
    return tokens
