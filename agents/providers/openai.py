"""OpenAI (or any server speaking its Chat Completions API) as a ``ChatProvider``.

With ``OPENAI_STORE_RESPONSES`` on, replies go through the Responses API with ``store=True``
instead: OpenAI keeps the conversation, each turn sends only what OpenAI does not hold yet and
continues from the previous response id, and the text is read back with ``stored_text``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, Literal

import anyio
import httpx2
import openai
from openai import AsyncAPIResponse
from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam
from openai.types.responses import (
    EasyInputMessageParam,
    Response,
    ResponseStreamEvent,
)

from agents.providers.base import (
    ChatTurn,
    ProviderFailed,
    ProviderResult,
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


def _delta(chunk: dict[str, Any]) -> str:
    choices = chunk.get("choices")
    if not choices or not isinstance(choices[0], dict):
        return ""
    content = (choices[0].get("delta") or {}).get("content")
    return content if isinstance(content, str) else ""


def _usage(chunk: dict[str, Any]) -> Usage | None:
    usage = chunk.get("usage")
    if not isinstance(usage, dict):
        return None
    return Usage(
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
    )


def _sse_data(line: bytes) -> bytes | None:
    """The payload of an SSE ``data:`` line; ``None`` for any other line."""
    if not line.startswith(b"data:"):
        return None
    return line[5:].strip()


async def _lines(received: AsyncIterator[bytes]) -> AsyncGenerator[bytes, None]:
    """The body's lines, ends kept, as the reads bring them in."""
    partial = b""
    async for part in received:
        lines = (partial + part).splitlines(keepends=True)
        if not lines:
            continue
        # The last line may still be arriving; a lone "\r" at the end may be the first half
        # of "\r\n", which only costs an empty line.
        partial = b"" if lines[-1].endswith((b"\n", b"\r")) else lines.pop()
        for line in lines:
            yield line
    if partial:
        yield partial


async def _chunks(response: AsyncAPIResponse[Any]) -> AsyncGenerator[dict[str, Any], None]:
    """A Chat Completions stream's chunks as plain dicts, read line by line.

    The SDK's own stream builds a typed model of every chunk; for a reply's few fields that
    was most of a worker's CPU per token. Lines are split from the body's bytes here rather
    than by httpx's text and line decoders, two layers per network read that a reply's
    every token went through. Errors are the SDK's: an ``error`` chunk raises ``APIError``,
    a dropped or timed-out connection ``APIConnectionError`` or ``APITimeoutError``. After
    ``[DONE]`` the rest of the body is read, so the connection goes back to the pool instead
    of being closed.
    """
    request = response.http_request
    done = False
    try:
        async for line in _lines(response.http_response.aiter_bytes()):
            data = None if done else _sse_data(line)
            if data is None:
                continue
            if data.startswith(b"[DONE]"):
                done = True
                continue
            chunk = _parsed(data, request)
            if chunk is not None:
                yield chunk
    except httpx2.TimeoutException as exc:
        raise openai.APITimeoutError(request=request) from exc
    except (httpx2.RequestError, anyio.EndOfStream) as exc:
        raise openai.APIConnectionError(request=request) from exc


def _parsed(data: bytes, request: httpx2.Request) -> dict[str, Any] | None:
    """One chunk's JSON; raises the SDK's ``APIError`` for an ``error`` chunk."""
    chunk = json.loads(data)
    if not isinstance(chunk, dict):
        return None
    if chunk.get("error"):
        error = chunk["error"]
        message = error.get("message") if isinstance(error, dict) else None
        raise openai.APIError(
            message if isinstance(message, str) and message else "An error occurred",
            request,
            body=error,
        )
    return chunk


def _input(turns: list[ChatTurn]) -> list[EasyInputMessageParam]:
    return [
        {"role": "user" if turn.role == "user" else "assistant", "content": turn.content}
        for turn in turns
        if turn.role != "system"
    ]


def _input_text(content: object) -> str:
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    return "".join(
        str(getattr(part, "text", "") or "")
        for part in content
        if getattr(part, "type", None) == "input_text"
    )


def _response_usage(response: Response) -> Usage | None:
    if response.usage is None:
        return None
    return Usage(
        input_tokens=response.usage.input_tokens, output_tokens=response.usage.output_tokens
    )


class _ResponseError(Exception):
    """A streamed ``error`` or ``response.failed`` event: the model could not answer."""


def _event_error(event: ResponseStreamEvent) -> _ResponseError | None:
    if event.type == "error":
        return _ResponseError(event.message or "error event")
    if event.type == "response.failed":
        error = event.response.error
        return _ResponseError(error.message if error else "response failed")
    return None


@functools.lru_cache(maxsize=8)
def shared_client(
    api_key: str | None, base_url: str | None, *, max_retries: int, timeout: float
) -> openai.AsyncOpenAI:
    """One client (and connection pool) per process and settings.

    Building a client costs ~20 ms (an SSL context and a connection pool); a reply used to
    pay that up to three times before its first token. Clients are safe to share between
    concurrent requests.
    """
    return openai.AsyncOpenAI(
        api_key=api_key, base_url=base_url or None, max_retries=max_retries, timeout=timeout
    )


class OpenAIProvider:
    name = "openai"

    def __init__(self, config: Config) -> None:
        self.config = config
        self._client: openai.AsyncOpenAI | None = None
        # Responses API with store=True (OpenAI keeps the conversation) instead of Chat
        # Completions; the reply job may turn it off for calls outside the conversation.
        self.store_responses = config.openai_store_responses
        # The stored response this reply continues from, set by the reply job.
        self.previous_response_id: str | None = None

    def configured(self) -> bool:
        return bool(self.config.openai_api_key)

    def default_model(self, cheap: bool) -> str:
        return self.config.openai_cheap_model if cheap else self.config.openai_model

    @property
    def client(self) -> openai.AsyncOpenAI:
        if self._client is None:
            self._client = shared_client(
                self.config.openai_api_key,
                self.config.openai_base_url,
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
    ) -> AsyncIterator[str | Usage | ProviderResult]:
        """Deltas, then usage from the final chunk (``stream_options.include_usage``).

        Before the first delta any SDK error is ``ProviderUnavailable``: connection refused,
        timeouts, 429 and 5xx as the contract says, and also 4xx such as a revoked key or an
        unknown model, since the next provider can still answer the user; the skip event
        carries the error class for whoever must fix the configuration.
        """
        if not self.configured():
            raise ProviderUnavailable(self.name, "OPENAI_API_KEY is not set", "NotConfigured")
        if self.store_responses:
            async for item in self._stream_stored(turns, model=model, max_tokens=max_tokens):
                yield item
            return
        timeout = self.config.ai_first_token_timeout_seconds
        usage: Usage | None = None
        first = ""
        # Holds the HTTP response (and the chunk reader) open until the reply is read.
        opened = contextlib.AsyncExitStack()
        try:
            # No yield inside the timeout: a timeout scope must not span a suspension
            # where the consumer's own code runs.
            async with asyncio.timeout(timeout):
                response = await opened.enter_async_context(
                    self.client.chat.completions.with_streaming_response.create(
                        model=model,
                        # The turns travel in ``extra_body`` (which takes precedence) as they
                        # are: plain role and content strings need none of the SDK's per-field
                        # transform of its arguments, which walks every message of the
                        # history, about 0.2 ms each (5 ms for a long thread), before the
                        # request can leave.
                        messages=[],
                        extra_body={"messages": _messages(turns)},
                        max_completion_tokens=max_tokens,
                        stream=True,
                        stream_options={"include_usage": True},
                    )
                )
                chunks = _chunks(response)
                opened.push_async_callback(chunks.aclose)
                while not first:
                    chunk = await anext(chunks)
                    first = _delta(chunk)
                    usage = _usage(chunk) or usage
        except StopAsyncIteration:
            await opened.aclose()
            # An empty answer: report it like a finished one.
            yield usage or estimate_usage(turns, "")
            return
        except TimeoutError as exc:
            await opened.aclose()
            raise ProviderUnavailable(
                self.name, f"no first token within {timeout:g} seconds", "FirstTokenTimeout"
            ) from exc
        except openai.OpenAIError as exc:
            await opened.aclose()
            raise self._unavailable(exc) from exc
        except BaseException:
            await opened.aclose()
            raise

        text = [first]
        try:
            yield first
            async for chunk in chunks:
                delta = _delta(chunk)
                usage = _usage(chunk) or usage
                if delta:
                    text.append(delta)
                    yield delta
        except openai.OpenAIError as exc:
            raise self._failed(exc) from exc
        finally:
            await opened.aclose()
        # Servers that ignore include_usage (some OpenAI-compatible ones) get an estimate.
        yield usage or estimate_usage(turns, "".join(text))

    async def _stream_stored(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage | ProviderResult]:
        """The Responses API, stored: system turns become ``instructions``, the rest ``input``
        (only what OpenAI does not hold yet), continuing from ``previous_response_id``.

        Deltas come from ``response.output_text.delta``; ``response.completed`` (or
        ``response.incomplete``, cut at ``max_output_tokens``) brings the id and the usage.
        """
        timeout = self.config.ai_first_token_timeout_seconds
        instructions = "\n\n".join(t.content for t in turns if t.role == "system") or None
        first = ""
        final: Response | None = None
        stream: openai.AsyncStream[ResponseStreamEvent] | None = None
        try:
            async with asyncio.timeout(timeout):
                stream = await self.client.responses.create(
                    model=model,
                    instructions=instructions,
                    input=list(_input(turns)),
                    previous_response_id=self.previous_response_id,
                    store=True,
                    stream=True,
                    max_output_tokens=max_tokens,
                )
                while not first and final is None:
                    event = await anext(stream)
                    if (error := _event_error(event)) is not None:
                        raise error
                    if event.type == "response.output_text.delta":
                        first = event.delta
                    elif event.type in ("response.completed", "response.incomplete"):
                        final = event.response
        except StopAsyncIteration:
            await _close(stream)
            raise ProviderUnavailable(
                self.name, "the stream ended without a response", "IncompleteStream"
            ) from None
        except TimeoutError as exc:
            await _close(stream)
            raise ProviderUnavailable(
                self.name, f"no first token within {timeout:g} seconds", "FirstTokenTimeout"
            ) from exc
        except (openai.OpenAIError, _ResponseError) as exc:
            await _close(stream)
            raise self._unavailable(exc) from exc

        text = [first]
        try:
            if first:
                yield first
            while final is None:
                try:
                    event = await anext(stream)
                except StopAsyncIteration:
                    raise _ResponseError("the stream ended before the response completed") from None
                if (error := _event_error(event)) is not None:
                    raise error
                if event.type == "response.output_text.delta" and event.delta:
                    text.append(event.delta)
                    yield event.delta
                elif event.type in ("response.completed", "response.incomplete"):
                    final = event.response
        except (openai.OpenAIError, _ResponseError) as exc:
            raise self._failed(exc) from exc
        finally:
            await stream.close()
        yield ProviderResult(response_id=final.id)
        yield _response_usage(final) or estimate_usage(turns, "".join(text))


_AnyStream = openai.AsyncStream[ChatCompletionChunk] | openai.AsyncStream[ResponseStreamEvent]


async def _close(stream: _AnyStream | None) -> None:
    if stream is not None:
        await stream.close()


@contextlib.asynccontextmanager
async def _stored_conversations(
    config: Config, seconds: float
) -> AsyncIterator[openai.AsyncOpenAI]:
    """A one-off client for the conversations OpenAI keeps; its failures, and a missing key,
    raise ``ProviderUnavailable``."""
    if not config.openai_api_key:
        raise ProviderUnavailable("openai", "OPENAI_API_KEY is not set", "NotConfigured")
    try:
        async with openai.AsyncOpenAI(
            api_key=config.openai_api_key,
            base_url=config.openai_base_url or None,
            max_retries=1,
            timeout=seconds,
        ) as client:
            yield client
    except openai.OpenAIError as exc:
        raise ProviderUnavailable("openai", _describe(exc), type(exc).__name__) from exc


async def delete_stored(config: Config, response_ids: list[str]) -> None:
    """Delete responses OpenAI stored for a conversation; one it no longer has counts as
    deleted.

    Raises ``ProviderUnavailable`` when OpenAI cannot be asked or does not answer.
    """
    async with _stored_conversations(config, 30.0) as client:
        for response_id in response_ids:
            with contextlib.suppress(openai.NotFoundError):
                await client.responses.delete(response_id)


# Reading a stored conversation back must not hold a page load for long.
READBACK_TIMEOUT_SECONDS = 5.0


async def stored_text(config: Config, response_id: str, part: Literal["output", "input"]) -> str:
    """The text OpenAI keeps under ``response_id``: its output (the reply) or the last user
    message of its input (the turn it answered).

    Raises ``ProviderUnavailable`` when OpenAI cannot be asked or does not answer.
    """
    async with _stored_conversations(config, READBACK_TIMEOUT_SECONDS) as client:
        if part == "output":
            response = await client.responses.retrieve(response_id)
            return response.output_text
        # Newest first: the first user message is the turn this response answered.
        page = await client.responses.input_items.list(response_id, order="desc", limit=20)
        for item in page.data:
            # Input and output messages share the type "message"; the role tells them apart.
            if item.type == "message" and getattr(item, "role", None) == "user":
                return _input_text(getattr(item, "content", None))
        return ""
