"""A fake Ollama server on a real local HTTP server, for the real ``ollama`` SDK.

``POST /api/chat`` with ``"stream": true`` answers ``application/x-ndjson``, one JSON
object per line exactly like Ollama: ``{"model", "created_at", "message": {"role":
"assistant", "content": ...}, "done": false}`` per token, then a final ``"done": true``
line with ``done_reason``, durations, ``prompt_eval_count`` and ``eval_count``. Unknown
models get Ollama's 404 ``{"error": "model \\"x\\" not found, try pulling it first"}``.

Scripted per test like the OpenAI fake: reply, first-token delay, error status, dropping
the connection after N chunks, and an ``"error"`` line mid-stream.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.fakes.openai_server import words


class FakeOllama:
    def __init__(self) -> None:
        self.base_url = ""
        self.models = {"llama3.2", "llama3.2:1b"}
        self.reply = "Hello from the fake llama."
        self.first_token_delay = 0.0
        self.status: int | None = None
        self.drop_after: int | None = None
        self.error_after: int | None = None
        self.prompt_eval_count = 26
        self.requests: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/api/chat", self._chat)
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

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        model = body.get("model", "")
        if self.status is not None:
            return web.json_response({"error": "scripted failure"}, status=self.status)
        if model not in self.models:
            return web.json_response(
                {"error": f'model "{model}" not found, try pulling it first'}, status=404
            )
        if body.get("stream", True) is not True:
            return web.json_response({"error": "this fake only streams"}, status=400)

        response = web.StreamResponse(headers={"Content-Type": "application/x-ndjson"})
        await response.prepare(request)

        def line(data: dict[str, Any]) -> bytes:
            stamp = datetime.now(UTC).isoformat().replace("+00:00", "Z")
            return (json.dumps({"model": model, "created_at": stamp, **data}) + "\n").encode()

        if self.first_token_delay:
            await asyncio.sleep(self.first_token_delay)
        pieces = words(self.reply)
        limit = (body.get("options") or {}).get("num_predict")
        if isinstance(limit, int) and limit > 0:
            pieces = pieces[:limit]
        for number, piece in enumerate(pieces, start=1):
            message = {"role": "assistant", "content": piece}
            await response.write(line({"message": message, "done": False}))
            if self.error_after is not None and number >= self.error_after:
                await response.write(
                    (json.dumps({"error": "model runner crashed"}) + "\n").encode()
                )
                await response.write_eof()
                return response
            if self.drop_after is not None and number >= self.drop_after:
                assert request.transport is not None
                request.transport.close()
                return response
        done = {
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop" if limit is None or len(pieces) < limit else "length",
            "total_duration": 5_000_000,
            "load_duration": 1_000_000,
            "prompt_eval_count": self.prompt_eval_count,
            "prompt_eval_duration": 1_000_000,
            "eval_count": len(pieces),
            "eval_duration": 3_000_000,
        }
        await response.write(line(done))
        await response.write_eof()
        return response
