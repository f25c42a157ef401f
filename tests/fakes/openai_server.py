"""A fake OpenAI API on a real local HTTP server, for the real ``openai`` SDK to talk to.

``POST /v1/chat/completions`` streams ``text/event-stream`` chunks shaped exactly like
OpenAI's (``chat.completion.chunk`` objects, a usage-only chunk with empty ``choices``
when ``stream_options.include_usage`` is set, then ``data: [DONE]``); ``POST
/v1/moderations`` answers the moderation object. ``POST /v1/responses`` streams the Responses
API's typed events (``response.created``, ``response.output_text.delta``, ...,
``response.completed`` with the whole response) and, with ``store``, keeps the response so
``GET /v1/responses/{id}`` and ``GET /v1/responses/{id}/input_items`` answer it and
``previous_response_id`` can continue from it; ``DELETE /v1/responses/{id}`` forgets it.
``POST /v1/images/generations`` answers base64 image data as ``gpt-image-1`` does, or its
safety refusal. Like the real API it checks the bearer key and the request shape, and answers
errors with OpenAI's ``{"error": {...}}`` body.

Tests script it per case: the reply text, a delay before the first token, an error status
(500, 429, ...), dropping the connection after N content chunks, whether usage is
reported, and the moderation verdict (for every input or only for inputs containing a given
text, after an optional delay). ``requests`` records every request body, ``calls`` every
request as "METHOD path".
"""

from __future__ import annotations

import asyncio
import base64
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
        # When set, only inputs containing this text are flagged (input vs output checks).
        self.moderation_flag_only: str | None = None
        self.moderation_delay = 0.0
        self.moderation_status: int | None = None
        # When set, moderation answers 200 with this body as it is.
        self.moderation_body: str | None = None
        # How the chat stream's SSE lines end, and (when set) the most bytes written at once,
        # each piece a moment apart so the client reads lines cut in the middle.
        self.line_end = "\n"
        self.write_size: int | None = None
        self.requests: list[dict[str, Any]] = []
        self.calls: list[str] = []
        # Stored responses by id, and the input items each was created with.
        self.responses: dict[str, dict[str, Any]] = {}
        self.input_items: dict[str, list[dict[str, Any]]] = {}
        # Images API: the bytes returned (base64) and whether the prompt is refused.
        self.image_bytes = b""
        self.image_refused = False
        self._runner: web.AppRunner | None = None

    @property
    def api_base(self) -> str:
        """What OPENAI_BASE_URL is set to, as for the real API (``https://.../v1``)."""
        return f"{self.base_url}/v1"

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._log_call])
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/responses", self._create_response)
        app.router.add_get("/v1/responses/{id}", self._get_response)
        app.router.add_get("/v1/responses/{id}/input_items", self._list_input_items)
        app.router.add_delete("/v1/responses/{id}", self._delete_response)
        app.router.add_post("/v1/moderations", self._moderations)
        app.router.add_post("/v1/images/generations", self._images)
        return app

    async def start(self) -> str:
        # A reply the client gave up on (a timeout test) is cut at close, not waited for.
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=0.2)
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

    @web.middleware
    async def _log_call(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.calls.append(f"{request.method} {request.path}")
        response: web.StreamResponse = await handler(request)
        return response

    def count(self, call: str) -> int:
        """How many requests matched ``call`` ("GET /v1/responses/resp_1", ...)."""
        return self.calls.count(call)

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
            return f"data: {json.dumps(data)}{self.line_end * 2}".encode()

        async def write(frame: bytes) -> None:
            if self.write_size is None:
                await response.write(frame)
                return
            for start in range(0, len(frame), self.write_size):
                await response.write(frame[start : start + self.write_size])
                await asyncio.sleep(0.001)

        if self.first_token_delay:
            await asyncio.sleep(self.first_token_delay)
        # The real API opens with an empty role delta before any content.
        role = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
        await write(chunk([role]))
        pieces = words(self.reply)
        for number, piece in enumerate(pieces, start=1):
            delta = {"index": 0, "delta": {"content": piece}, "finish_reason": None}
            await write(chunk([delta]))
            if self.drop_after is not None and number >= self.drop_after:
                # Cut the TCP connection mid-body: the client sees a truncated chunked body.
                assert request.transport is not None
                request.transport.close()
                return response
        await write(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
        if include_usage and self.report_usage:
            completion_tokens = len(pieces)
            usage = {
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": self.prompt_tokens + completion_tokens,
            }
            await write(chunk([], usage))
        await write(f"data: [DONE]{self.line_end * 2}".encode())
        await response.write_eof()
        return response

    async def _moderations(self, request: web.Request) -> web.Response:
        if (refused := self._auth_error(request)) is not None:
            return refused
        body = await request.json()
        self.requests.append(body)
        if self.moderation_delay:
            await asyncio.sleep(self.moderation_delay)
        if self.moderation_status is not None:
            return self._scripted_error(self.moderation_status)
        if self.moderation_body is not None:
            return web.Response(text=self.moderation_body, content_type="application/json")
        inputs = body.get("input")
        texts = inputs if isinstance(inputs, list) else [inputs]

        def result(text: object) -> dict[str, Any]:
            only = self.moderation_flag_only
            hit = only is None or only in str(text)
            flagged = set(self.moderation_flagged) if hit else set()
            return {
                "flagged": bool(flagged),
                "categories": {c: c in flagged for c in MODERATION_CATEGORIES},
                "category_scores": {
                    c: 0.97 if c in flagged else 0.0001 for c in MODERATION_CATEGORIES
                },
                "category_applied_input_types": {
                    c: ["text"] if c in flagged else [] for c in MODERATION_CATEGORIES
                },
            }

        return web.json_response(
            {
                "id": f"modr-fake{len(self.requests)}",
                "model": body.get("model", "omni-moderation-latest"),
                "results": [result(text) for text in texts],
            }
        )

    async def _images(self, request: web.Request) -> web.Response:
        """``POST /v1/images/generations`` as for ``gpt-image-1``: base64 data, usage."""
        if (refused := self._auth_error(request)) is not None:
            return refused
        body = await request.json()
        self.requests.append(body)
        if self.status is not None:
            return self._scripted_error(self.status)
        if not isinstance(body.get("prompt"), str) or not body["prompt"]:
            return self._error(400, "prompt is required", "invalid_request_error")
        if self.image_refused:
            return self._error(
                400,
                "Your request was rejected as a result of our safety system.",
                "image_generation_user_error",
                "moderation_blocked",
            )
        encoded = base64.b64encode(self.image_bytes).decode()
        count = int(body.get("n") or 1)
        return web.json_response(
            {
                "created": int(time.time()),
                "background": "opaque",
                "output_format": "png",
                "quality": "medium",
                "size": body.get("size", "1024x1024"),
                "data": [{"b64_json": encoded} for _ in range(count)],
                "usage": {
                    "input_tokens": 12,
                    "input_tokens_details": {"image_tokens": 0, "text_tokens": 12},
                    "output_tokens": 1056,
                    "total_tokens": 1068,
                },
            }
        )

    # --- Responses API ---------------------------------------------------------------------

    @staticmethod
    def _input_items(raw: Any, response_id: str) -> list[dict[str, Any]]:
        """Input as the API stores it: message items with ids and typed content parts."""
        entries = [{"role": "user", "content": raw}] if isinstance(raw, str) else list(raw)
        items: list[dict[str, Any]] = []
        for number, entry in enumerate(entries):
            content = entry.get("content")
            kind = "output_text" if entry.get("role") == "assistant" else "input_text"
            if isinstance(content, str):
                parts: list[dict[str, Any]] = [{"type": kind, "text": content}]
                if kind == "output_text":
                    parts[0]["annotations"] = []
            else:
                parts = list(content or [])
            items.append(
                {
                    "id": f"msg_in{number}_{response_id}",
                    "type": "message",
                    "role": entry.get("role", "user"),
                    "status": "completed",
                    "content": parts,
                }
            )
        return items

    def _response_object(
        self, response_id: str, body: dict[str, Any], status: str, text: str, usage: Any
    ) -> dict[str, Any]:
        output: list[dict[str, Any]] = []
        if status != "in_progress":
            output.append(
                {
                    "id": f"msg_{response_id}",
                    "type": "message",
                    "status": "completed",
                    "role": "assistant",
                    "content": [{"type": "output_text", "text": text, "annotations": []}],
                }
            )
        return {
            "id": response_id,
            "object": "response",
            "created_at": int(time.time()),
            "status": status,
            "error": None,
            "incomplete_details": None,
            "instructions": body.get("instructions"),
            "max_output_tokens": body.get("max_output_tokens"),
            "model": body["model"],
            "output": output,
            "parallel_tool_calls": True,
            "previous_response_id": body.get("previous_response_id"),
            "store": bool(body.get("store", True)),
            "temperature": 1.0,
            "text": {"format": {"type": "text"}},
            "tool_choice": "auto",
            "tools": [],
            "top_p": 1.0,
            "truncation": "disabled",
            "usage": usage,
            "metadata": {},
        }

    async def _create_response(self, request: web.Request) -> web.StreamResponse:
        if (refused := self._auth_error(request)) is not None:
            return refused
        body = await request.json()
        self.requests.append(body)
        if not body.get("model") or "input" not in body:
            return self._error(400, "model and input are required.", "invalid_request_error")
        previous = body.get("previous_response_id")
        if previous is not None and previous not in self.responses:
            return self._error(
                400,
                f"Previous response with id '{previous}' not found.",
                "invalid_request_error",
                "previous_response_not_found",
            )
        if self.status is not None:
            return self._scripted_error(self.status)
        if body.get("stream") is not True:
            return self._error(400, "This fake only streams.", "invalid_request_error")
        response_id = f"resp_fake{len(self.responses) + 1}_{int(time.time() * 1000)}"
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        sequence = 0

        async def send(kind: str, data: dict[str, Any]) -> None:
            nonlocal sequence
            payload = {"type": kind, "sequence_number": sequence, **data}
            sequence += 1
            await response.write(f"event: {kind}\ndata: {json.dumps(payload)}\n\n".encode())

        in_progress = self._response_object(response_id, body, "in_progress", "", None)
        await send("response.created", {"response": in_progress})
        await send("response.in_progress", {"response": in_progress})
        if self.first_token_delay:
            await asyncio.sleep(self.first_token_delay)
        item_id = f"msg_{response_id}"
        item = {"id": item_id, "type": "message", "status": "in_progress", "role": "assistant",
                "content": []}  # fmt: skip
        await send("response.output_item.added", {"output_index": 0, "item": item})
        part = {"type": "output_text", "text": "", "annotations": []}
        where = {"item_id": item_id, "output_index": 0, "content_index": 0}
        await send("response.content_part.added", {**where, "part": part})
        pieces = words(self.reply)
        for number, piece in enumerate(pieces, start=1):
            await send("response.output_text.delta", {**where, "delta": piece, "logprobs": []})
            if self.drop_after is not None and number >= self.drop_after:
                assert request.transport is not None
                request.transport.close()
                return response
        await send("response.output_text.done", {**where, "text": self.reply, "logprobs": []})
        done_part = {**part, "text": self.reply}
        await send("response.content_part.done", {**where, "part": done_part})
        usage = None
        if self.report_usage:
            usage = {
                "input_tokens": self.prompt_tokens,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": len(pieces),
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": self.prompt_tokens + len(pieces),
            }
        final = self._response_object(response_id, body, "completed", self.reply, usage)
        await send("response.output_item.done", {"output_index": 0, "item": final["output"][0]})
        if body.get("store", True):
            self.responses[response_id] = final
            self.input_items[response_id] = self._input_items(body["input"], response_id)
        await send("response.completed", {"response": final})
        await response.write_eof()
        return response

    def _stored(self, request: web.Request) -> dict[str, Any] | web.Response:
        if (refused := self._auth_error(request)) is not None:
            return refused
        found = self.responses.get(request.match_info["id"])
        if found is None:
            return self._error(
                404,
                f"Response with id '{request.match_info['id']}' not found.",
                "invalid_request_error",
            )
        return found

    async def _get_response(self, request: web.Request) -> web.Response:
        found = self._stored(request)
        return found if isinstance(found, web.Response) else web.json_response(found)

    async def _delete_response(self, request: web.Request) -> web.Response:
        found = self._stored(request)
        if isinstance(found, web.Response):
            return found
        response_id = request.match_info["id"]
        del self.responses[response_id]
        self.input_items.pop(response_id, None)
        return web.json_response({"id": response_id, "object": "response.deleted", "deleted": True})

    async def _list_input_items(self, request: web.Request) -> web.Response:
        found = self._stored(request)
        if isinstance(found, web.Response):
            return found
        items = list(self.input_items[found["id"]])
        # Newest first unless asked otherwise, as the API does.
        if request.query.get("order", "desc") == "desc":
            items.reverse()
        items = items[: int(request.query.get("limit", "20"))]
        return web.json_response(
            {
                "object": "list",
                "data": items,
                "first_id": items[0]["id"] if items else None,
                "last_id": items[-1]["id"] if items else None,
                "has_more": False,
            }
        )
