"""The real offline drafter, slowed word by word and held at chosen words until a test lets
it go on: what a reader sees mid-reply is checked while the reply is surely mid-way, however
slow the machine."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest

from agents.providers.offline import OfflineDrafter


class HeldDrafter:
    """Stops before the words numbered in ``holds`` until :meth:`release`; :meth:`reached`
    waits until it stands at one."""

    def __init__(self, holds: Iterable[int]) -> None:
        self.words = 0
        self._go = {n: asyncio.Event() for n in holds}
        self._there = {n: asyncio.Event() for n in holds}

    async def reached(self, word: int) -> None:
        await asyncio.wait_for(self._there[word].wait(), timeout=30)

    def release(self, word: int) -> None:
        self._go[word].set()

    def release_all(self) -> None:
        for go in self._go.values():
            go.set()

    async def hold(self) -> None:
        if self.words in self._go:
            self._there[self.words].set()
            await self._go[self.words].wait()
        self.words += 1


def hold_offline_drafter(
    monkeypatch: pytest.MonkeyPatch, holds: Iterable[int], word_delay: float = 0.0
) -> HeldDrafter:
    """Makes the offline drafter pause ``word_delay`` seconds between words, like a model,
    and hold at ``holds``; the caller releases every hold when done (even when failing)."""
    held = HeldDrafter(holds)
    original = OfflineDrafter.stream

    async def stream(self: OfflineDrafter, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        async for item in original(self, *args, **kwargs):
            await asyncio.sleep(word_delay)
            await held.hold()
            yield item

    monkeypatch.setattr(OfflineDrafter, "stream", stream)
    return held
