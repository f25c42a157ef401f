"""Provider order, fallback with skip events, and failure after tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from agents.guardrails import parse_draft
from agents.providers.base import (
    ChatProvider,
    ChatTurn,
    ProviderFailed,
    ProviderUnavailable,
    Usage,
)
from agents.providers.offline import OfflineDrafter
from agents.providers.ollama import OllamaProvider
from agents.providers.openai import OpenAIProvider
from agents.router import (
    Delta,
    Finished,
    NoProviderAvailable,
    ReplyEvent,
    Skipped,
    Started,
    build_providers,
    stream_reply,
)
from server.core.config import Config
from tests.agents.conftest import closed_port_url, make_config
from tests.fakes.ollama_server import FakeOllama
from tests.fakes.openai_server import API_KEY, FakeOpenAI

TURNS = [ChatTurn(role="user", content="A newsletter about our autumn book club picks.")]


def standard(provider: ChatProvider) -> str:
    return provider.default_model(cheap=False)


async def run(providers: list[ChatProvider]) -> list[ReplyEvent]:
    return [
        event
        async for event in stream_reply(
            TURNS, providers=providers, model_for=standard, max_tokens=500
        )
    ]


def both(openai_url: str, ollama_url: str, **overrides: float) -> Config:
    return make_config(
        openai_api_key=API_KEY, openai_base_url=openai_url, ollama_host=ollama_url, **overrides
    )


async def test_first_provider_answers(fake_openai: FakeOpenAI, fake_ollama: FakeOllama) -> None:
    fake_openai.reply = "Our picks."
    config = both(fake_openai.api_base, fake_ollama.base_url)
    events = await run(build_providers(config))

    assert events == [
        Started(provider="openai", model="gpt-4o-mini"),
        Delta(text="Our "),
        Delta(text="picks."),
        Finished(
            usage=Usage(input_tokens=42, output_tokens=2), provider="openai", model="gpt-4o-mini"
        ),
    ]
    assert fake_ollama.requests == []


async def test_refused_connection_falls_back_with_a_skip_event(fake_ollama: FakeOllama) -> None:
    config = both(closed_port_url() + "/v1", fake_ollama.base_url)
    events = await run(build_providers(config))

    skipped = events[0]
    assert isinstance(skipped, Skipped)
    assert (skipped.provider, skipped.error_class) == ("openai", "APIConnectionError")
    assert events[1] == Started(provider="ollama", model="llama3.2")
    assert "".join(e.text for e in events if isinstance(e, Delta)) == fake_ollama.reply
    assert isinstance(events[-1], Finished)
    assert events[-1].provider == "ollama"


@pytest.mark.parametrize("status", [500, 429])
async def test_error_status_falls_back(
    fake_openai: FakeOpenAI, fake_ollama: FakeOllama, status: int
) -> None:
    fake_openai.status = status
    events = await run(build_providers(both(fake_openai.api_base, fake_ollama.base_url)))

    assert isinstance(events[0], Skipped)
    assert f"HTTP {status}" in events[0].reason
    assert events[1] == Started(provider="ollama", model="llama3.2")


async def test_first_token_timeout_falls_back(
    fake_openai: FakeOpenAI, fake_ollama: FakeOllama
) -> None:
    # Far past the timeout, which itself leaves Ollama room on a busy machine.
    fake_openai.first_token_delay = 5.0
    config = both(fake_openai.api_base, fake_ollama.base_url, ai_first_token_timeout_seconds=1.0)
    events = await run(build_providers(config))

    assert isinstance(events[0], Skipped)
    assert events[0].error_class == "FirstTokenTimeout"
    assert events[1] == Started(provider="ollama", model="llama3.2")


async def test_unconfigured_providers_are_skipped_and_offline_answers() -> None:
    events = await run(build_providers(make_config()))

    assert [e.provider for e in events if isinstance(e, Skipped)] == ["openai", "ollama"]
    assert all(e.reason == "not configured" for e in events if isinstance(e, Skipped))
    assert events[2] == Started(provider="offline", model="offline")
    text = "".join(e.text for e in events if isinstance(e, Delta))
    draft = parse_draft(text)
    assert draft is not None
    assert "book club" in draft.subject.lower()


async def test_everything_down_falls_back_to_offline(fake_openai: FakeOpenAI) -> None:
    fake_openai.status = 503
    config = both(fake_openai.api_base, closed_port_url())
    events = await run(build_providers(config))

    assert [(e.provider, e.error_class) for e in events if isinstance(e, Skipped)] == [
        ("openai", "InternalServerError"),
        ("ollama", "ConnectError"),
    ]
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.provider == "offline"


async def test_failure_after_tokens_propagates_after_the_deltas(
    fake_openai: FakeOpenAI, fake_ollama: FakeOllama
) -> None:
    fake_openai.reply = "alpha beta gamma delta epsilon"
    fake_openai.drop_after = 2
    received: list[ReplyEvent] = []
    with pytest.raises(ProviderFailed) as caught:
        async for event in stream_reply(
            TURNS,
            providers=build_providers(both(fake_openai.api_base, fake_ollama.base_url)),
            model_for=standard,
            max_tokens=500,
        ):
            received.append(event)
    # The caller keeps what it already streamed; nothing was restarted elsewhere.
    assert received == [
        Started(provider="openai", model="gpt-4o-mini"),
        Delta(text="alpha "),
        Delta(text="beta "),
    ]
    assert caught.value.provider == "openai"
    assert fake_ollama.requests == []


async def test_no_provider_available_names_every_reason(fake_openai: FakeOpenAI) -> None:
    fake_openai.status = 500
    providers: list[ChatProvider] = [
        OpenAIProvider(make_config(openai_api_key=API_KEY, openai_base_url=fake_openai.api_base)),
        OllamaProvider(make_config()),
    ]
    with pytest.raises(NoProviderAvailable) as caught:
        await run(providers)
    assert [s.provider for s in caught.value.skipped] == ["openai", "ollama"]
    assert "HTTP 500" in caught.value.reason
    assert "not configured" in caught.value.reason


def test_build_providers_follows_the_order_and_keeps_offline_last() -> None:
    names = [p.name for p in build_providers(make_config(ai_provider_order=["ollama", "openai"]))]
    assert names == ["ollama", "openai", "offline"]
    names = [
        p.name
        for p in build_providers(
            make_config(ai_provider_order=["offline", "nonsense", "openai", "openai"])
        )
    ]
    assert names == ["openai", "offline"]
    only = build_providers(make_config(ai_provider_order=["offline"]))
    assert len(only) == 1
    assert isinstance(only[0], OfflineDrafter)


class Scripted:
    """An in-process provider for contract edge cases the real servers cannot produce."""

    name = "scripted"

    def __init__(self, items: list[str | Usage], *, then: Exception | None = None) -> None:
        self.items = items
        self.then = then

    def configured(self) -> bool:
        return True

    def default_model(self, cheap: bool) -> str:
        return "scripted-1"

    async def stream(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage]:
        for item in self.items:
            yield item
        if self.then is not None:
            raise self.then


async def test_unavailable_after_deltas_becomes_failed() -> None:
    late = ProviderUnavailable("scripted", "went away", "Late")
    received: list[ReplyEvent] = []
    with pytest.raises(ProviderFailed) as caught:
        async for event in stream_reply(
            TURNS,
            providers=[Scripted(["a"], then=late), OfflineDrafter()],
            model_for=standard,
            max_tokens=10,
        ):
            received.append(event)
    assert received[-1] == Delta(text="a")
    assert caught.value.error_class == "Late"


async def test_missing_usage_is_estimated() -> None:
    events = await run([Scripted(["abcd" * 10])])
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.usage.estimated
    assert finished.usage.output_tokens == 10
