"""OpenAI images through the real SDK against the fake OpenAI server."""

from __future__ import annotations

import pytest

from agents.images import ImageGenerationFailed, ImagesNotConfigured, generate_image
from server.core.config import Config
from tests.agents.conftest import make_config
from tests.fakes.openai_server import FakeOpenAI


async def test_generates_an_image_with_usage(
    fake_openai: FakeOpenAI, openai_config: Config
) -> None:
    fake_openai.image_bytes = b"\x89PNG\r\n\x1a\nfake"
    image = await generate_image(openai_config, "a red kite", size="1024x1024")
    assert image.data == b"\x89PNG\r\n\x1a\nfake"
    assert (image.model, image.usage.input_tokens, image.usage.output_tokens) == (
        "gpt-image-1", 12, 1056,
    )  # fmt: skip
    assert fake_openai.calls == ["POST /v1/images/generations"]


async def test_failures_are_clear_errors(fake_openai: FakeOpenAI, openai_config: Config) -> None:
    with pytest.raises(ImagesNotConfigured):
        await generate_image(make_config(), "a red kite", size="1024x1024")
    fake_openai.image_bytes = b""
    with pytest.raises(ImageGenerationFailed, match="could not be generated"):
        await generate_image(openai_config, "nothing comes back", size="1024x1024")
    fake_openai.image_refused = True
    with pytest.raises(ImageGenerationFailed, match="refused") as refused:
        await generate_image(openai_config, "refused", size="1024x1024")
    assert "safety system" in refused.value.details["reason"]
    fake_openai.image_refused = False
    fake_openai.status = 500
    with pytest.raises(ImageGenerationFailed) as failed:
        await generate_image(openai_config, "server error", size="1024x1024")
    assert failed.value.details["error"] == "InternalServerError"
