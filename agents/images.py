"""Image generation through OpenAI's Images API (when an API key is configured)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from agents.providers.base import Usage
from server.core.config import Config
from server.core.errors import AppError


class ImagesNotConfigured(AppError):
    code = "ai_images_not_configured"
    status = 409
    message = "AI images are not available: no OpenAI API key is configured."


class ImageGenerationFailed(AppError):
    code = "ai_image_failed"
    status = 422
    message = "The image could not be generated."


@dataclass(frozen=True)
class GeneratedImage:
    data: bytes
    model: str
    usage: Usage


async def generate_image(config: Config, prompt: str, *, size: str) -> GeneratedImage:
    """One image for ``prompt`` (the bytes the model returned, checked by the caller)."""
    if not config.openai_api_key:
        raise ImagesNotConfigured()
    # Imported here: the SDK costs a second of every process start (agents/providers/lazy.py).
    import openai

    from agents.providers.openai import shared_client

    client = shared_client(
        config.openai_api_key, config.openai_base_url, max_retries=1, timeout=120.0
    )
    try:
        result = await client.images.generate(
            model=config.openai_image_model,
            prompt=prompt,
            size=size,
            n=1,
        )
    except openai.BadRequestError as exc:
        # Usually the safety system refusing the prompt; its message says why.
        raise ImageGenerationFailed(
            "The image was refused: change the description and try again.",
            details={"reason": exc.message[:300]},
        ) from exc
    except openai.OpenAIError as exc:
        raise ImageGenerationFailed(details={"error": type(exc).__name__}) from exc
    data = result.data[0].b64_json if result.data else None
    if not data:
        raise ImageGenerationFailed(details={"error": "empty response"})
    try:
        decoded = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImageGenerationFailed(details={"error": "invalid image data"}) from exc
    usage = result.usage
    return GeneratedImage(
        data=decoded,
        model=config.openai_image_model,
        usage=Usage(
            input_tokens=usage.input_tokens if usage else 0,
            output_tokens=usage.output_tokens if usage else 0,
            estimated=usage is None,
        ),
    )
