"""OpenAI (or any server speaking its Chat Completions API) as a ``ChatProvider``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import openai
from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam

from agents.providers.base import (
    ChatTurn,
    ProviderFailed,
    ProviderUnavailable,
    Usage,
    estimate_usage,
)
from server.core.config import Config

# Longest silence between two chunks of a reply that has started; past it the SDK raises a
# timeout and the reply ends as failed instead of hanging the job.
READ_TIMEOUT_SECONDS = 60.0


def _describe(exc: BaseException) -> str:
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}: {exc.message}"
    return str(exc) or type(exc).__name__


def _messages(turns: list[ChatTurn]) -> list[ChatCompletionMessageParam]:
    messages: list[ChatCompletionMessageParam] = []
    for turn in turns:
        if turn.role == "system":
            messages.append({"role": "system", "content": turn.content})
        elif turn.role == "user":
            messages.append({"role": "user", "content": turn.content})
        else:
            messages.append({"role": "assistant", "content": turn.content})
    return messages


def _delta(chunk: ChatCompletionChunk) -> str:
    if not chunk.choices:
        return ""
    return chunk.choices[0].delta.content or ""


def _usage(chunk: ChatCompletionChunk) -> Usage | None:
    if chunk.usage is None:
        return None
    return Usage(
        input_tokens=chunk.usage.prompt_tokens, output_tokens=chunk.usage.completion_tokens
    )


class OpenAIProvider:
    name = "openai"

    def __init__(self, config: Config) -> None:
        self.config = config
        self._client: openai.AsyncOpenAI | None = None

    def configured(self) -> bool:
        return bool(self.config.openai_api_key)

    def default_model(self, cheap: bool) -> str:
        return self.config.openai_cheap_model if cheap else self.config.openai_model

    @property
    def client(self) -> openai.AsyncOpenAI:
        if self._client is None:
            self._client = openai.AsyncOpenAI(
                api_key=self.config.openai_api_key,
                base_url=self.config.openai_base_url or None,
                # The router's fallback is the retry: a second provider now beats a
                # backed-off second attempt at the one that just failed.
                max_retries=0,
                timeout=READ_TIMEOUT_SECONDS,
            )
        return self._client

    def _unavailable(self, exc: BaseException) -> ProviderUnavailable:
        return ProviderUnavailable(self.name, _describe(exc), type(exc).__name__)

    def _failed(self, exc: BaseException) -> ProviderFailed:
        return ProviderFailed(self.name, _describe(exc), type(exc).__name__)

    async def stream(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage]:
        """Deltas, then usage from the final chunk (``stream_options.include_usage``).

        Before the first delta any SDK error is ``ProviderUnavailable``: connection refused,
        timeouts, 429 and 5xx as the contract says, and also 4xx such as a revoked key or an
        unknown model, since the next provider can still answer the user; the skip event
        carries the error class for whoever must fix the configuration.
        """
        if not self.configured():
            raise ProviderUnavailable(self.name, "OPENAI_API_KEY is not set", "NotConfigured")
        timeout = self.config.ai_first_token_timeout_seconds
        usage: Usage | None = None
        first = ""
        stream: openai.AsyncStream[ChatCompletionChunk] | None = None
        try:
            # No yield inside the timeout: a timeout scope must not span a suspension
            # where the consumer's own code runs.
            async with asyncio.timeout(timeout):
                stream = await self.client.chat.completions.create(
                    model=model,
                    messages=_messages(turns),
                    max_completion_tokens=max_tokens,
                    stream=True,
                    stream_options={"include_usage": True},
                )
                while not first:
                    chunk = await anext(stream)
                    first = _delta(chunk)
                    usage = _usage(chunk) or usage
        except StopAsyncIteration:
            # An empty answer: report it like a finished one.
            yield usage or estimate_usage(turns, "")
            return
        except TimeoutError as exc:
            await _close(stream)
            raise ProviderUnavailable(
                self.name, f"no first token within {timeout:g} seconds", "FirstTokenTimeout"
            ) from exc
        except openai.OpenAIError as exc:
            await _close(stream)
            raise self._unavailable(exc) from exc

        text = [first]
        try:
            yield first
            async for chunk in stream:
                delta = _delta(chunk)
                usage = _usage(chunk) or usage
                if delta:
                    text.append(delta)
                    yield delta
        except openai.OpenAIError as exc:
            raise self._failed(exc) from exc
        finally:
            await stream.close()
        # Servers that ignore include_usage (some OpenAI-compatible ones) get an estimate.
        yield usage or estimate_usage(turns, "".join(text))


async def _close(stream: openai.AsyncStream[ChatCompletionChunk] | None) -> None:
    if stream is not None:
        await stream.close()
