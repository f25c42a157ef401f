"""The Ollama provider through the real ``ollama`` SDK against the fake Ollama server."""

from __future__ import annotations

import pytest

from agents.providers.base import ChatTurn, ProviderFailed, ProviderUnavailable, Usage
from agents.providers.ollama import OllamaProvider
from server.core.config import Config
from tests.agents.conftest import closed_port_url, make_config
from tests.fakes.ollama_server import FakeOllama

TURNS = [
    ChatTurn(role="system", content="You write newsletters."),
    ChatTurn(role="user", content="A newsletter about our bakery."),
]


async def collect(provider: OllamaProvider, model: str = "llama3.2") -> list[str | Usage]:
    return [item async for item in provider.stream(TURNS, model=model, max_tokens=200)]


async def test_streams_deltas_then_usage_from_the_final_line(
    fake_ollama: FakeOllama, ollama_config: Config
) -> None:
    fake_ollama.reply = "Fresh bread daily."
    items = await collect(OllamaProvider(ollama_config))

    assert items == ["Fresh ", "bread ", "daily.", Usage(input_tokens=26, output_tokens=3)]
    request = fake_ollama.requests[-1]
    assert request["stream"] is True
    assert request["options"]["num_predict"] == 200
    assert request["messages"][1] == {"role": "user", "content": "A newsletter about our bakery."}


def test_configuration_and_models() -> None:
    assert not OllamaProvider(make_config()).configured()
    provider = OllamaProvider(make_config(ollama_host="http://127.0.0.1:11434"))
    assert provider.configured()
    assert provider.default_model(cheap=False) == "llama3.2"
    assert provider.default_model(cheap=True) == "llama3.2:1b"


async def test_refused_connection_is_unavailable() -> None:
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OllamaProvider(make_config(ollama_host=closed_port_url())))
    assert caught.value.provider == "ollama"
    assert caught.value.error_class == "ConnectError"


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_error_statuses_are_unavailable(
    fake_ollama: FakeOllama, ollama_config: Config, status: int
) -> None:
    fake_ollama.status = status
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OllamaProvider(ollama_config))
    assert caught.value.error_class == "ResponseError"
    assert f"HTTP {status}" in caught.value.reason


async def test_model_not_pulled_is_unavailable(ollama_config: Config) -> None:
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OllamaProvider(ollama_config), model="mistral")
    assert "not found" in caught.value.reason


async def test_no_first_token_in_time_is_unavailable(fake_ollama: FakeOllama) -> None:
    fake_ollama.first_token_delay = 1.0
    config = make_config(ollama_host=fake_ollama.base_url, ai_first_token_timeout_seconds=0.2)
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OllamaProvider(config))
    assert caught.value.error_class == "FirstTokenTimeout"


async def test_dropped_connection_after_tokens_fails_keeping_the_deltas(
    fake_ollama: FakeOllama, ollama_config: Config
) -> None:
    fake_ollama.reply = "one two three four five"
    fake_ollama.drop_after = 2
    received: list[str] = []
    with pytest.raises(ProviderFailed) as caught:
        async for item in OllamaProvider(ollama_config).stream(
            TURNS, model="llama3.2", max_tokens=100
        ):
            assert isinstance(item, str)
            received.append(item)
    assert "".join(received) == "one two "
    assert caught.value.provider == "ollama"


async def test_error_line_mid_stream_fails(fake_ollama: FakeOllama, ollama_config: Config) -> None:
    fake_ollama.reply = "one two three"
    fake_ollama.error_after = 1
    received: list[str] = []
    with pytest.raises(ProviderFailed) as caught:
        async for item in OllamaProvider(ollama_config).stream(
            TURNS, model="llama3.2", max_tokens=100
        ):
            assert isinstance(item, str)
            received.append(item)
    assert received == ["one "]
    assert "model runner crashed" in caught.value.reason
