"""Images for templates: uploads, imports from a URL and AI generation, one store.

Whatever the source, the bytes are checked the same way before anything is kept: the type
is sniffed from the content (the name and the declared type are not trusted), only PNG,
JPEG, GIF and WebP are accepted (SVG can carry scripts), and the size is capped. Files go
through the ``Storage`` adapter and are served from ``/media/<id>``.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import filetype  # type: ignore[import-untyped]

from agents.images import ImageGenerationFailed, ImagesNotConfigured, generate_image
from agents.providers.base import Usage
from agents.routing import cost_usd
from models.chat import AIRequest
from models.templates import Asset, AssetSource
from server.assets.fetch import ImageTooLarge, SafeFetcher
from server.assets.schemas import AssetRead
from server.chat.service import BudgetExceeded, route_for
from server.core.auth import Actor
from server.core.config import get_config
from server.core.db import transaction
from server.core.errors import AppError, NotFound
from server.core.metrics import record_ai_request
from server.core.redis import get_redis
from server.core.storage import Storage, get_storage

IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


class UnsupportedImage(AppError):
    code = "unsupported_image"
    status = 415
    message = "Only PNG, JPEG, GIF and WebP images can be used."


def sniff_image(data: bytes) -> str:
    """The image's real type from its first bytes; refuses anything else."""
    kind = filetype.guess(data[:8192])
    mime = getattr(kind, "mime", None)
    if mime not in IMAGE_TYPES:
        raise UnsupportedImage(details={"detected": mime or "unknown"})
    return str(mime)


def asset_path(asset_id: uuid.UUID) -> str:
    return f"/media/{asset_id}"


def asset_read(asset: Asset) -> AssetRead:
    path = asset_path(asset.id)
    return AssetRead(
        id=asset.id,
        path=path,
        url=get_config().effective_public_url + path,
        source=asset.source,
        content_type=asset.content_type,
        size=asset.size,
        original_name=asset.original_name,
        source_url=asset.source_url,
        prompt=asset.prompt,
        created_at=asset.created_at,
    )


async def store_image(
    actor: Actor,
    data: bytes,
    *,
    source: AssetSource,
    original_name: str = "",
    source_url: str | None = None,
    prompt: str | None = None,
    storage: Storage | None = None,
) -> Asset:
    limit = get_config().asset_max_bytes
    if len(data) > limit:
        raise ImageTooLarge(details={"max_bytes": limit, "size": len(data)})
    mime = sniff_image(data)
    asset_id = uuid.uuid4()
    key = f"{actor.workspace.id}/{asset_id}.{IMAGE_TYPES[mime]}"
    # The file first: a row never points at a missing file (a crash leaves at most an
    # unreferenced file).
    await (storage or get_storage()).put(key, data)
    async with transaction():
        return await Asset.create(
            id=asset_id,
            workspace_id=actor.workspace.id,
            source=source,
            content_type=mime,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            storage_key=key,
            original_name=original_name[:300],
            source_url=source_url,
            prompt=prompt,
            created_by_id=actor.user.id,
        )


def default_fetcher() -> SafeFetcher:
    config = get_config()
    return SafeFetcher(max_bytes=config.asset_max_bytes, timeout=config.asset_fetch_timeout_seconds)


async def import_from_url(actor: Actor, url: str, *, fetcher: SafeFetcher | None = None) -> Asset:
    fetched = await (fetcher or default_fetcher()).fetch(url.strip())
    name = fetched.url.rsplit("/", 1)[-1].split("?", 1)[0]
    return await store_image(
        actor, fetched.content, source=AssetSource.url, original_name=name, source_url=url.strip()
    )


async def generate(actor: Actor, prompt: str, *, size: str) -> Asset:
    """An AI image; it counts against the workspace's monthly AI budget like chat does."""
    config = get_config()
    if not config.openai_api_key:
        raise ImagesNotConfigured()
    decision = await route_for(actor.workspace.id, str(actor.workspace.plan))
    if decision.refused:
        raise BudgetExceeded(decision.reason or "The monthly AI budget is used up.")
    started = time.monotonic()
    try:
        image = await generate_image(config, prompt, size=size)
    except ImageGenerationFailed as exc:
        await _record(actor, config.openai_image_model, started, None, "failed", exc.code)
        raise
    await _record(actor, image.model, started, image.usage, "ok", None)
    return await store_image(actor, image.data, source=AssetSource.ai, prompt=prompt)


async def _record(
    actor: Actor,
    model: str,
    started: float,
    usage: Usage | None,
    outcome: str,
    error_class: str | None,
) -> None:
    usage = usage or Usage(input_tokens=0, output_tokens=0)
    async with transaction():
        await AIRequest.create(
            workspace_id=actor.workspace.id,
            provider="openai",
            model=model,
            purpose="image",
            latency_ms=int((time.monotonic() - started) * 1000),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            cost_usd=Decimal(str(round(cost_usd(model, usage, get_config()), 6))),
            outcome=outcome,
            error_class=error_class,
        )
    await record_ai_request(
        get_redis(), "openai", model, outcome, usage.input_tokens, usage.output_tokens
    )


async def list_assets(actor: Actor) -> list[Asset]:
    return await Asset.filter(workspace_id=actor.workspace.id).order_by("-created_at").limit(200)


async def media(asset_id: uuid.UUID) -> tuple[Asset, bytes]:
    """A stored image by id, for anyone: email clients fetch it without a session. The id is
    a random UUID, and only images are ever stored."""
    asset = await Asset.get_or_none(id=asset_id)
    data = await get_storage().get(asset.storage_key) if asset else None
    if asset is None or data is None:
        raise NotFound("No such image.")
    return asset, data


# Our own image URLs: an asset (``/media/<uuid>``) or a catalog banner. Stored relative, but a
# pasted absolute URL under PUBLIC_URL means the same image.
_ASSET_PATH = re.compile(
    r"^/media/(?P<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)
_BANNER_PATH = re.compile(r"^/media/catalog/(?P<name>[A-Za-z0-9_-]+)\.png$")


@dataclass(frozen=True)
class ImageRef:
    """An image a template uses: where it sits (a field path for errors) and what it names."""

    path: str
    src: str
    asset_id: uuid.UUID | None


def _media_path(src: str) -> str | None:
    if src.startswith("/"):
        return src
    base = get_config().effective_public_url.rstrip("/")
    return src[len(base) :] if src.startswith(f"{base}/media/") else None


async def foreign_images(
    workspace_id: uuid.UUID, refs: Sequence[ImageRef], *, banners: frozenset[str]
) -> dict[str, list[str]]:
    """Per-field problems with images that are not this workspace's own or the catalog's.

    Every ``asset_id`` must be one of the workspace's assets, every ``/media/<id>`` source
    too (another workspace's image would otherwise be sent under this workspace's name),
    and an image that names an asset must show that asset. Other hosts' URLs are fine.
    """
    problems: dict[str, list[str]] = {}
    wanted: set[uuid.UUID] = set()
    sources: list[tuple[ImageRef, uuid.UUID]] = []
    for ref in refs:
        if ref.asset_id is not None:
            wanted.add(ref.asset_id)
        path = _media_path(ref.src)
        if path is None:
            continue
        if (banner := _BANNER_PATH.match(path)) is not None:
            if banner["name"] not in banners:
                problems.setdefault(f"{ref.path}.src", []).append("no such catalog image")
            continue
        match = _ASSET_PATH.match(path)
        if match is None:
            problems.setdefault(f"{ref.path}.src", []).append("no such image on this server")
            continue
        media_id = uuid.UUID(match["id"])
        wanted.add(media_id)
        sources.append((ref, media_id))
    owned: set[uuid.UUID] = set()
    if wanted:
        found = Asset.filter(id__in=list(wanted), workspace_id=workspace_id).only("id")
        owned = {asset.id for asset in await found}
    for ref in refs:
        if ref.asset_id is not None and ref.asset_id not in owned:
            problems.setdefault(f"{ref.path}.asset_id", []).append(
                "not one of this workspace's images"
            )
    for ref, media_id in sources:
        if media_id not in owned:
            problems.setdefault(f"{ref.path}.src", []).append("not one of this workspace's images")
        elif ref.asset_id in owned and ref.asset_id != media_id:
            problems.setdefault(f"{ref.path}.src", []).append(
                f"must be {asset_path(ref.asset_id)}, the image asset_id names"
            )
    return problems
