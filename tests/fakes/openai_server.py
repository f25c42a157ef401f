"""A fake OpenAI API on a real local HTTP server, for the real ``openai`` SDK to talk to.

``POST /v1/chat/completions`` streams ``text/event-stream`` chunks shaped exactly like
OpenAI's (``chat.completion.chunk`` objects, a usage-only chunk with empty ``choices``
when ``stream_options.include_usage`` is set, then ``data: [DONE]``); ``POST
/v1/moderations`` answers the moderation object. Like the real API it checks the bearer
key and the request shape, and answers errors with OpenAI's ``{"error": {...}}`` body.

Tests script it per case: the reply text, a delay before the first token, an error status
(500, 429, ...), dropping the connection after N content chunks, whether usage is
reported, and the moderation verdict. ``requests`` records every request body.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

from aiohttp import web

API_KEY = "sk-test-fake-key"
MODERATION_CATEGORIES = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)


def words(text: str) -> list[str]:
    """Token-like pieces: each word with its following whitespace, as models stream them."""
    return re.findall(r"\S+\s*|\s+", text)


class FakeOpenAI:
    def __init__(self) -> None:
        self.base_url = ""
        self.reply = "Hello from the fake model."
        self.first_token_delay = 0.0
        self.status: int | None = None
        self.drop_after: int | None = None
        self.report_usage = True
        self.prompt_tokens = 42
        self.moderation_flagged: list[str] = []
        self.moderation_status: int | None = None
        self.requests: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None

    @property
    def api_base(self) -> str:
        """What OPENAI_BASE_URL is set to, as for the real API (``https://.../v1``)."""
        return f"{self.base_url}/v1"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/moderations", self._moderations)
        return app

    async def start(self) -> str:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- protocol --------------------------------------------------------------------------

    @staticmethod
    def _error(status: int, message: str, kind: str, code: str | None = None) -> web.Response:
        body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
        return web.json_response(body, status=status)

    def _auth_error(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            return self._error(
                401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"
            )
        return None

    def _scripted_error(self, status: int) -> web.Response:
        if status == 429:
            return self._error(
                429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded"
            )
        if status >= 500:
            return self._error(status, "The server had an error.", "server_error")
        return self._error(status, "Scripted error.", "invalid_request_error")

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        if (refused := self._auth_error(request)) is not None:
            return refused
        body = await request.json()
        self.requests.append(body)
        if not body.get("model") or not isinstance(body.get("messages"), list):
            return self._error(400, "model and messages are required.", "invalid_request_error")
        if self.status is not None:
            return self._scripted_error(self.status)
        if body.get("stream") is not True:
            return self._error(400, "This fake only streams.", "invalid_request_error")
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        completion_id = f"chatcmpl-fake{len(self.requests)}"
        created = int(time.time())

        def chunk(choices: list[dict[str, Any]], usage: dict[str, int] | None = None) -> bytes:
            data: dict[str, Any] = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": body["model"],
                "system_fingerprint": "fp_fake",
                "choices": choices,
            }
            if include_usage:
                # As documented: every chunk carries "usage", null until the last one.
                data["usage"] = usage
            return f"data: {json.dumps(data)}\n\n".encode()

        if self.first_token_delay:
            await asyncio.sleep(self.first_token_delay)
        # The real API opens with an empty role delta before any content.
        role = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
        await response.write(chunk([role]))
        pieces = words(self.reply)
        for number, piece in enumerate(pieces, start=1):
            delta = {"index": 0, "delta": {"content": piece}, "finish_reason": None}
            await response.write(chunk([delta]))
            if self.drop_after is not None and number >= self.drop_after:
                # Cut the TCP connection mid-body: the client sees a truncated chunked body.
                assert request.transport is not None
                request.transport.close()
                return response
        await response.write(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
        if include_usage and self.report_usage:
            completion_tokens = len(pieces)
            usage = {
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": self.prompt_tokens + completion_tokens,
            }
            await response.write(chunk([], usage))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    async def _moderations(self, request: web.Request) -> web.Response:
        if (refused := self._auth_error(request)) is not None:
            return refused
        body = await request.json()
        self.requests.append(body)
        if self.moderation_status is not None:
            return self._scripted_error(self.moderation_status)
        inputs = body.get("input")
        texts = inputs if isinstance(inputs, list) else [inputs]
        flagged = set(self.moderation_flagged)
        result = {
            "flagged": bool(flagged),
            "categories": {c: c in flagged for c in MODERATION_CATEGORIES},
            "category_scores": {c: 0.97 if c in flagged else 0.0001 for c in MODERATION_CATEGORIES},
            "category_applied_input_types": {
                c: ["text"] if c in flagged else [] for c in MODERATION_CATEGORIES
            },
        }
        return web.json_response(
            {
                "id": f"modr-fake{len(self.requests)}",
                "model": body.get("model", "omni-moderation-latest"),
                "results": [result for _ in texts],
            }
        )
