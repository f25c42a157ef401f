"""A local or self-hosted Ollama server as a ``ChatProvider``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import ollama

from agents.providers.base import (
    ChatTurn,
    ProviderFailed,
    ProviderUnavailable,
    Usage,
    estimate_usage,
)
from server.core.config import Config

# Longest silence between two chunks once a reply has started (see openai.py).
READ_TIMEOUT_SECONDS = 60.0
# What can go wrong talking to Ollama: its own error type (HTTP status or an "error" line
# in the stream), httpx transport errors (the streaming path does not wrap connection
# errors), ConnectionError from its non-streaming path, and a line cut mid-JSON.
_ERRORS = (ollama.ResponseError, httpx.HTTPError, ConnectionError, json.JSONDecodeError)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ollama.ResponseError):
        return f"HTTP {exc.status_code}: {exc.error}" if exc.status_code > 0 else exc.error
    return str(exc) or type(exc).__name__


class OllamaProvider:
    name = "ollama"

    def __init__(self, config: Config) -> None:
        self.config = config
        self._client: ollama.AsyncClient | None = None

    def configured(self) -> bool:
        return bool(self.config.ollama_host)

    def default_model(self, cheap: bool) -> str:
        return self.config.ollama_cheap_model if cheap else self.config.ollama_model

    @property
    def client(self) -> ollama.AsyncClient:
        if self._client is None:
            self._client = ollama.AsyncClient(
                host=self.config.ollama_host, timeout=READ_TIMEOUT_SECONDS
            )
        return self._client

    async def stream(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage]:
        """Deltas, then usage from the final chunk's ``prompt_eval_count``/``eval_count``.

        Error mapping as for OpenAI: anything before the first delta (refused connection,
        first-token timeout, any HTTP error such as a model not pulled) is
        ``ProviderUnavailable``; anything after is ``ProviderFailed``.
        """
        if not self.configured():
            raise ProviderUnavailable(self.name, "OLLAMA_HOST is not set", "NotConfigured")
        timeout = self.config.ai_first_token_timeout_seconds
        messages = [{"role": turn.role, "content": turn.content} for turn in turns]
        first = ""
        usage: Usage | None = None
        chunks: AsyncIterator[ollama.ChatResponse] | None = None
        try:
            # No yield inside the timeout scope (see openai.py).
            async with asyncio.timeout(timeout):
                chunks = await self.client.chat(
                    model=model,
                    messages=messages,
                    stream=True,
                    options={"num_predict": max_tokens},
                )
                while not first and usage is None:
                    chunk = await anext(chunks)
                    first = chunk.message.content or ""
                    usage = self._usage(chunk)
        except StopAsyncIteration:
            pass
        except TimeoutError as exc:
            await _close(chunks)
            raise ProviderUnavailable(
                self.name, f"no first token within {timeout:g} seconds", "FirstTokenTimeout"
            ) from exc
        except _ERRORS as exc:
            await _close(chunks)
            raise ProviderUnavailable(self.name, _describe(exc), type(exc).__name__) from exc

        text = [first]
        try:
            if first:
                yield first
            if usage is None and chunks is not None:
                async for chunk in chunks:
                    delta = chunk.message.content or ""
                    if delta:
                        text.append(delta)
                        yield delta
                    usage = self._usage(chunk) or usage
        except _ERRORS as exc:
            raise ProviderFailed(self.name, _describe(exc), type(exc).__name__) from exc
        finally:
            await _close(chunks)
        # A stream cut before its final "done" line carries no counts: estimate them.
        yield usage or estimate_usage(turns, "".join(text))

    @staticmethod
    def _usage(chunk: ollama.ChatResponse) -> Usage | None:
        if not chunk.done:
            return None
        return Usage(input_tokens=chunk.prompt_eval_count or 0, output_tokens=chunk.eval_count or 0)


async def _close(chunks: AsyncIterator[ollama.ChatResponse] | None) -> None:
    # The SDK's stream is an async generator holding the HTTP response open.
    aclose = getattr(chunks, "aclose", None)
    if aclose is not None:
        await aclose()
