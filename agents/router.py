"""Which provider answers: the configured order, falling through the unavailable ones.

The router only moves on while nothing has reached the user. Once a provider produced its
first delta it owns the reply; a later failure ends the reply (``ProviderFailed``) instead
of restarting it elsewhere, because the user already saw part of it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable

import structlog
from pydantic import BaseModel, ConfigDict

from agents.providers.base import (
    ChatProvider,
    ChatTurn,
    ProviderFailed,
    ProviderResult,
    ProviderUnavailable,
    Usage,
    estimate_usage,
)
from server.core.config import Config

log = structlog.get_logger(__name__)


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)


class Skipped(_Event):
    """A provider passed over before it produced anything; for logs and telemetry."""

    provider: str
    reason: str
    error_class: str


class Started(_Event):
    """The provider that answers, announced with its first delta."""

    provider: str
    model: str


class Delta(_Event):
    text: str


class Finished(_Event):
    usage: Usage
    provider: str
    model: str
    # Set when the provider keeps the conversation: its id for this reply.
    response_id: str | None = None


ReplyEvent = Skipped | Started | Delta | Finished


class NoProviderAvailable(ProviderUnavailable):
    """Every provider was unconfigured or unavailable; ``skipped`` says why, one by one."""

    def __init__(self, skipped: list[Skipped]) -> None:
        reasons = "; ".join(f"{s.provider}: {s.reason}" for s in skipped) or "none configured"
        super().__init__("none", f"no AI provider could answer ({reasons})", "NoProviderAvailable")
        self.skipped = skipped


async def close_stream(iterator: AsyncIterator[str | Usage | ProviderResult]) -> None:
    # Closing runs the provider's cleanup (HTTP response closed) when the consumer stops
    # early or the provider failed; a plain iterator has nothing to close.
    if isinstance(iterator, AsyncGenerator):
        await iterator.aclose()


async def stream_reply(
    turns: list[ChatTurn],
    *,
    providers: list[ChatProvider],
    model_for: Callable[[ChatProvider], str],
    max_tokens: int,
    turns_for: Callable[[ChatProvider], Awaitable[list[ChatTurn]]] | None = None,
) -> AsyncGenerator[ReplyEvent, None]:
    """Events of one reply: ``Skipped``*, then ``Started``, ``Delta``+, ``Finished``.

    ``turns_for``, when given, supplies each configured provider's own turns (called only
    when that provider is tried): a provider that keeps the conversation needs only the new
    turns, the others the whole history. Whatever it raises ends the reply.

    Raises ``NoProviderAvailable`` when no provider could start, and ``ProviderFailed``
    (after ``Delta`` events) when the answering provider broke mid-reply.
    """
    skipped: list[Skipped] = []
    for provider in providers:
        if not provider.configured():
            event = Skipped(
                provider=provider.name, reason="not configured", error_class="NotConfigured"
            )
            skipped.append(event)
            yield event
            continue
        model = model_for(provider)
        sent = await turns_for(provider) if turns_for is not None else turns
        iterator = provider.stream(sent, model=model, max_tokens=max_tokens)
        try:
            try:
                first = await anext(iterator)
            except StopAsyncIteration:
                first = Usage(input_tokens=0, output_tokens=0)
            except ProviderUnavailable as exc:
                event = Skipped(
                    provider=exc.provider, reason=exc.reason, error_class=exc.error_class
                )
                skipped.append(event)
                yield event
                continue
            yield Started(provider=provider.name, model=model)
            text: list[str] = []
            response_id: str | None = None
            item: str | Usage | ProviderResult = first
            while True:
                if isinstance(item, Usage):
                    yield Finished(
                        usage=item, provider=provider.name, model=model, response_id=response_id
                    )
                    return
                if isinstance(item, ProviderResult):
                    response_id = item.response_id
                else:
                    text.append(item)
                    yield Delta(text=item)
                try:
                    item = await anext(iterator)
                except StopAsyncIteration:
                    # The provider ended without reporting usage.
                    usage = estimate_usage(sent, "".join(text))
                    yield Finished(
                        usage=usage, provider=provider.name, model=model, response_id=response_id
                    )
                    return
                except ProviderUnavailable as exc:
                    # Too late to fall back: the user saw the deltas already.
                    raise ProviderFailed(exc.provider, exc.reason, exc.error_class) from exc
        finally:
            await close_stream(iterator)
    raise NoProviderAvailable(skipped)


def build_providers(config: Config) -> list[ChatProvider]:
    """The providers in ``config.ai_provider_order``, the offline drafter always last.

    Unknown names are skipped with a warning rather than refusing to boot, so a typo in
    AI_PROVIDER_ORDER degrades to the other providers instead of taking the app down. The
    offline drafter is always configured, so anything after it could never answer: it is
    moved (or added) to the end, which also guarantees the chat always answers.
    """
    from agents.providers.lazy import openai_provider
    from agents.providers.offline import OfflineDrafter
    from agents.providers.ollama import OllamaProvider

    factories: dict[str, Callable[[], ChatProvider]] = {
        "openai": lambda: openai_provider(config),
        "ollama": lambda: OllamaProvider(config),
    }
    providers: list[ChatProvider] = []
    seen: set[str] = set()
    for raw in config.ai_provider_order:
        name = raw.strip().lower()
        if name in seen or name == "offline":
            continue
        factory = factories.get(name)
        if factory is None:
            log.warning("ai.unknown_provider", provider=raw, known=[*factories, "offline"])
            continue
        seen.add(name)
        providers.append(factory())
    if config.ai_provider_order and config.ai_provider_order[-1].strip().lower() != "offline":
        log.info("ai.offline_drafter_last", order=config.ai_provider_order)
    providers.append(OfflineDrafter())
    return providers
