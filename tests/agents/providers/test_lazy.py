"""The OpenAI SDK stays out of processes without an OpenAI key, and comes in at start with one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from agents.providers.base import ProviderUnavailable
from agents.providers.lazy import NotConfigured, as_openai, openai_provider
from agents.providers.offline import OfflineDrafter
from agents.providers.openai import OpenAIProvider
from tests.agents.conftest import make_config

ROOT = Path(__file__).resolve().parents[3]

# Builds the app, imports the worker and asks for the providers without a key, then starts as a
# process with a key does; reports whether the SDK was imported after each.
PROBE = """
import sys
from agents.providers.lazy import preload
from agents.router import build_providers
from server.app import create_app
from server.core.config import get_config
import jobs.worker

config = get_config()
create_app(config)
names = [p.name for p in build_providers(config)]
preload(config)
without_key = "openai" in sys.modules
preload(config.model_copy(update={"openai_api_key": "sk-test"}))
print(names, without_key, "openai" in sys.modules)
"""


def probe() -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AI_"))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_only_a_process_with_a_key_imports_the_sdk() -> None:
    assert probe() == "['openai', 'ollama', 'offline'] False True"


async def test_an_unconfigured_openai_is_skipped_like_any_unconfigured_provider() -> None:
    provider = openai_provider(make_config())
    assert isinstance(provider, NotConfigured)
    assert (provider.name, provider.configured()) == ("openai", False)
    with pytest.raises(ProviderUnavailable) as raised:
        provider.stream([], model="", max_tokens=10)
    assert raised.value.error_class == "NotConfigured"
    assert isinstance(openai_provider(make_config(openai_api_key="sk-test")), OpenAIProvider)


def test_as_openai_names_only_openai_providers() -> None:
    real = OpenAIProvider(make_config(openai_api_key="sk-test"))
    assert as_openai(real) is real
    assert as_openai(OfflineDrafter()) is None
    assert as_openai(NotConfigured("openai", "no key")) is None
