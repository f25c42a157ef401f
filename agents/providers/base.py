"""The seam between Inkwell and a chat model: turns in, text deltas and usage out.

A provider's ``stream`` is an async generator that yields ``str`` deltas and then, as its
last item, one ``Usage``. Failures are split by *when* they happen, because the caller
treats them differently:

- ``ProviderUnavailable`` before the first delta: nothing reached the user yet, so the
  router quietly moves on to the next provider.
A provider that keeps the conversation itself (OpenAI with stored responses) also yields one
``ProviderResult`` just before its ``Usage``: the id under which it holds the reply.

- ``ProviderFailed`` after at least one delta: the user already saw part of a reply, so
  switching models mid-sentence would splice two different answers; the caller ends the
  reply as failed and keeps the partial text.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Literal, Protocol

from pydantic import BaseModel


class ChatTurn(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str


class Usage(BaseModel):
    input_tokens: int
    output_tokens: int
    # True when the provider did not report usage and the counts are a len/4 estimate.
    estimated: bool = False


class ProviderResult(BaseModel):
    """The provider's id of the reply it keeps; the next turn continues from it."""

    response_id: str


class ProviderError(Exception):
    """Common shape of the two provider failures; catch the subclasses, not this."""

    def __init__(self, provider: str, reason: str, error_class: str) -> None:
        super().__init__(f"{provider}: {reason} ({error_class})")
        self.provider = provider
        self.reason = reason
        self.error_class = error_class


class ProviderUnavailable(ProviderError):
    """Raised before any delta was produced; the next provider may be tried."""


class ProviderFailed(ProviderError):
    """Raised after deltas were produced; the reply ends as failed, partial text kept."""


class ChatProvider(Protocol):
    name: str

    def configured(self) -> bool: ...

    def default_model(self, cheap: bool) -> str: ...

    def stream(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage | ProviderResult]: ...


def estimate_tokens(text: str) -> int:
    """About four characters per token for English text, the usual rule of thumb.

    Only used when a provider reports no usage, so budgets still move instead of staying at
    zero; ``Usage.estimated`` marks such numbers.
    """
    return (len(text) + 3) // 4


def estimate_usage(turns: list[ChatTurn], output: str) -> Usage:
    return Usage(
        input_tokens=sum(estimate_tokens(turn.content) for turn in turns),
        output_tokens=estimate_tokens(output),
        estimated=True,
    )
