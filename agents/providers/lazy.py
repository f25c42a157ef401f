"""The OpenAI SDK, imported only by processes that have OpenAI configured.

Importing ``openai`` builds its hundreds of typed models: about a second of CPU, a fifth of
a web or worker process's start, spent even where no API key is set (development, tests,
Ollama-only installs). Nothing outside ``agents/providers/openai.py`` imports it at module
level; a process with an API key imports it as it starts (``preload``), so its first reply
does not wait for it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

from agents.providers.base import ChatProvider, ProviderUnavailable
from server.core.config import Config

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from agents.providers.base import ProviderResult, Usage
    from agents.providers.openai import OpenAIProvider

_MODULE = "agents.providers.openai"


def preload(config: Config) -> None:
    """Import the OpenAI provider now if this process will use it."""
    if config.openai_api_key:
        import agents.providers.openai  # noqa: F401


def as_openai(provider: object) -> OpenAIProvider | None:
    """``provider`` if it is an ``OpenAIProvider``, else None, without importing the SDK: if
    the module was never imported, no such provider exists."""
    module = sys.modules.get(_MODULE)
    if module is not None and isinstance(provider, module.OpenAIProvider):
        return cast("OpenAIProvider", provider)
    return None


class NotConfigured:
    """Stands in the provider order for a provider without its settings: the router skips
    it as it skips any unconfigured provider, and its SDK is never imported."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason

    def configured(self) -> bool:
        return False

    def default_model(self, cheap: bool) -> str:
        return ""

    def stream(
        self, turns: object, *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage | ProviderResult]:
        raise ProviderUnavailable(self.name, self.reason, "NotConfigured")


def openai_provider(config: Config) -> ChatProvider:
    if not config.openai_api_key:
        return NotConfigured("openai", "OPENAI_API_KEY is not set")
    from agents.providers.openai import OpenAIProvider

    return OpenAIProvider(config)
