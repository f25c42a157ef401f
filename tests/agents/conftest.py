"""Fixtures for the AI layer: fake OpenAI and Ollama servers, and configs pointing at them.

No database or Redis: these tests request none of the session fixtures.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest

from server.core.config import Config
from tests.fakes.ollama_server import FakeOllama
from tests.fakes.openai_server import API_KEY, FakeOpenAI


def make_config(**overrides: Any) -> Config:
    """A config with no AI configured (whatever the environment says) plus ``overrides``."""
    values: dict[str, Any] = {
        "openai_api_key": None,
        "openai_base_url": None,
        "ollama_host": None,
        "ai_first_token_timeout_seconds": 5.0,
    }
    values.update(overrides)
    return Config(_env_file=None, **values)


def closed_port_url() -> str:
    """An http URL on a local port nothing listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return f"http://127.0.0.1:{port}"


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    server = FakeOpenAI()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def fake_ollama() -> AsyncIterator[FakeOllama]:
    server = FakeOllama()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def openai_config(fake_openai: FakeOpenAI) -> Config:
    return make_config(openai_api_key=API_KEY, openai_base_url=fake_openai.api_base)


@pytest.fixture
def ollama_config(fake_ollama: FakeOllama) -> Config:
    return make_config(ollama_host=fake_ollama.base_url)
