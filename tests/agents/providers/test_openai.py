"""The OpenAI provider through the real ``openai`` SDK against the fake OpenAI server."""

from __future__ import annotations

import pytest

from agents.providers.base import (
    ChatTurn,
    ProviderFailed,
    ProviderResult,
    ProviderUnavailable,
    Usage,
)
from agents.providers.openai import OpenAIProvider
from server.core.config import Config
from tests.agents.conftest import closed_port_url, make_config
from tests.fakes.openai_server import API_KEY, FakeOpenAI

TURNS = [
    ChatTurn(role="system", content="You write newsletters."),
    ChatTurn(role="user", content="A newsletter about our spring sale."),
]


async def collect(
    provider: OpenAIProvider, model: str = "gpt-4o-mini"
) -> list[str | Usage | ProviderResult]:
    return [item async for item in provider.stream(TURNS, model=model, max_tokens=300)]


async def test_streams_deltas_then_reported_usage(
    fake_openai: FakeOpenAI, openai_config: Config
) -> None:
    fake_openai.reply = "Spring sale starts Monday."
    items = await collect(OpenAIProvider(openai_config))

    assert items[:-1] == ["Spring ", "sale ", "starts ", "Monday."]
    assert items[-1] == Usage(input_tokens=42, output_tokens=4)
    request = fake_openai.requests[-1]
    assert request["stream"] is True
    assert request["stream_options"] == {"include_usage": True}
    assert request["max_completion_tokens"] == 300
    assert request["model"] == "gpt-4o-mini"
    assert [m["role"] for m in request["messages"]] == ["system", "user"]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
async def test_lines_cut_across_reads_and_crlf_endings_give_the_same_deltas(
    fake_openai: FakeOpenAI, openai_config: Config, line_end: str
) -> None:
    fake_openai.reply = "Spring sale starts Monday."
    fake_openai.line_end = line_end
    # 7 bytes at a time: "data:", the JSON and the line ends all arrive in pieces.
    fake_openai.write_size = 7
    items = await collect(OpenAIProvider(openai_config))

    assert items == [
        "Spring ",
        "sale ",
        "starts ",
        "Monday.",
        Usage(input_tokens=42, output_tokens=4),
    ]


async def test_estimates_usage_when_the_server_reports_none(
    fake_openai: FakeOpenAI, openai_config: Config
) -> None:
    fake_openai.report_usage = False
    fake_openai.reply = "x" * 40
    items = await collect(OpenAIProvider(openai_config))

    usage = items[-1]
    assert isinstance(usage, Usage)
    assert usage.estimated
    assert usage.output_tokens == 10


def test_configuration_and_models() -> None:
    assert not OpenAIProvider(make_config()).configured()
    provider = OpenAIProvider(make_config(openai_api_key="sk-x"))
    assert provider.configured()
    assert provider.default_model(cheap=False) == "gpt-4o-mini"
    assert provider.default_model(cheap=True) == "gpt-4.1-nano"


async def test_unconfigured_is_unavailable() -> None:
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OpenAIProvider(make_config()))
    assert caught.value.error_class == "NotConfigured"


async def test_refused_connection_is_unavailable() -> None:
    config = make_config(openai_api_key=API_KEY, openai_base_url=closed_port_url() + "/v1")
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OpenAIProvider(config))
    assert caught.value.provider == "openai"
    assert caught.value.error_class == "APIConnectionError"


@pytest.mark.parametrize(
    ("status", "error_class"), [(500, "InternalServerError"), (429, "RateLimitError")]
)
async def test_server_errors_and_rate_limits_are_unavailable(
    fake_openai: FakeOpenAI, openai_config: Config, status: int, error_class: str
) -> None:
    fake_openai.status = status
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OpenAIProvider(openai_config))
    assert caught.value.error_class == error_class
    assert f"HTTP {status}" in caught.value.reason
    # max_retries=0: the router's fallback replaces the SDK's retries.
    assert len(fake_openai.requests) == 1


async def test_bad_key_is_unavailable_so_the_next_provider_answers(
    fake_openai: FakeOpenAI,
) -> None:
    config = make_config(openai_api_key="sk-wrong", openai_base_url=fake_openai.api_base)
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OpenAIProvider(config))
    assert caught.value.error_class == "AuthenticationError"


async def test_no_first_token_in_time_is_unavailable(fake_openai: FakeOpenAI) -> None:
    fake_openai.first_token_delay = 1.0
    config = make_config(
        openai_api_key=API_KEY,
        openai_base_url=fake_openai.api_base,
        ai_first_token_timeout_seconds=0.2,
    )
    with pytest.raises(ProviderUnavailable) as caught:
        await collect(OpenAIProvider(config))
    assert caught.value.error_class == "FirstTokenTimeout"
    assert "0.2 seconds" in caught.value.reason


async def test_dropped_connection_after_tokens_fails_keeping_the_deltas(
    fake_openai: FakeOpenAI, openai_config: Config
) -> None:
    fake_openai.reply = "one two three four five six"
    fake_openai.drop_after = 3
    received: list[str] = []
    with pytest.raises(ProviderFailed) as caught:
        async for item in OpenAIProvider(openai_config).stream(
            TURNS, model="gpt-4o-mini", max_tokens=100
        ):
            assert isinstance(item, str)
            received.append(item)
    assert "".join(received) == "one two three "
    assert caught.value.provider == "openai"
    assert caught.value.error_class == "APIConnectionError"


# --- stored responses (OPENAI_STORE_RESPONSES) -----------------------------------------------


def stored_provider(fake: FakeOpenAI) -> OpenAIProvider:
    return OpenAIProvider(
        make_config(
            openai_api_key=API_KEY, openai_base_url=fake.api_base, openai_store_responses=True
        )
    )


async def test_stored_responses_stream_deltas_then_the_response_id_and_usage(
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.reply = "Spring sale starts Monday."
    provider = stored_provider(fake_openai)
    items = await collect(provider)

    assert items[:4] == ["Spring ", "sale ", "starts ", "Monday."]
    (response_id,) = fake_openai.responses
    assert items[4] == ProviderResult(response_id=response_id)
    assert items[5] == Usage(input_tokens=42, output_tokens=4)
    sent = fake_openai.requests[-1]
    assert sent["store"] is True
    assert sent["instructions"] == "You write newsletters."
    assert sent["input"] == [{"role": "user", "content": "A newsletter about our spring sale."}]

    provider.previous_response_id = response_id
    await collect(provider)
    assert fake_openai.requests[-1]["previous_response_id"] == response_id


async def test_stored_responses_error_before_the_first_delta_is_unavailable(
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.status = 429
    with pytest.raises(ProviderUnavailable):
        await collect(stored_provider(fake_openai))


async def test_stored_responses_drop_after_deltas_is_failed(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply = "one two three four five six"
    fake_openai.drop_after = 2
    with pytest.raises(ProviderFailed):
        await collect(stored_provider(fake_openai))
    assert fake_openai.responses == {}
