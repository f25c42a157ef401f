"""Images: upload, import from a URL, generate with AI, list; and serving them."""

from __future__ import annotations

from uuid import UUID

from quart import Blueprint, Response, request
from quart_schema import DataSource, tag, validate_request, validate_response

from models.templates import AssetSource
from server.assets import service
from server.assets.schemas import AssetGenerate, AssetImport, AssetList, AssetRead, AssetUploadForm
from server.core.auth import client_ip, public, require_actor, requires
from server.core.errors import NotFound, ValidationFailed
from server.core.openapi import responds
from server.core.ratelimit import hit
from server.message_templates.banners import banner_png

bp = Blueprint("assets", __name__)

# Stored images never change (a new image is a new id), and never run as a page.
MEDIA_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


@bp.get("/api/assets")
@tag(["assets"])
@requires("templates:read")
@validate_response(AssetList)
async def list_assets() -> AssetList:
    """The workspace's images, newest first."""
    assets = await service.list_assets(require_actor())
    return AssetList(items=[service.asset_read(a) for a in assets])


@bp.post("/api/assets")
@tag(["assets"])
@requires("templates:write")
@validate_request(AssetUploadForm, source=DataSource.FORM_MULTIPART)
@validate_response(AssetRead, 201)
async def upload(data: AssetUploadForm) -> tuple[AssetRead, int]:
    """Upload an image (multipart ``file``; PNG, JPEG, GIF or WebP, type read from the bytes)."""
    upload = (await request.files).get("file")
    if upload is None:
        raise ValidationFailed(
            "Choose an image file.", details={"fields": {"file": ["a file is required"]}}
        )
    asset = await service.store_image(
        require_actor(),
        upload.read(),
        source=AssetSource.upload,
        original_name=upload.filename or "",
    )
    return service.asset_read(asset), 201


@bp.post("/api/assets/import")
@tag(["assets"])
@requires("templates:write")
@validate_request(AssetImport)
@validate_response(AssetRead, 201)
async def import_url(data: AssetImport) -> tuple[AssetRead, int]:
    """Copy an image from a public https URL into our storage."""
    actor = require_actor()
    await hit("asset_import", ip=client_ip(), account=str(actor.workspace.id))
    asset = await service.import_from_url(actor, data.url)
    return service.asset_read(asset), 201


@bp.post("/api/assets/generate")
@tag(["assets"])
@requires("templates:write")
@validate_request(AssetGenerate)
@validate_response(AssetRead, 201)
async def generate(data: AssetGenerate) -> tuple[AssetRead, int]:
    """Generate an image from a description (409 ``ai_images_not_configured`` without OpenAI)."""
    actor = require_actor()
    await hit("ai_image", ip=client_ip(), account=str(actor.workspace.id))
    asset = await service.generate(actor, data.prompt, size=data.size)
    return service.asset_read(asset), 201


@bp.get("/media/<uuid:asset_id>")
@responds(200, "The image, in its own type.", "image/*")
@public
async def media(asset_id: UUID) -> Response:
    """A stored image, as email clients fetch it (no session)."""
    asset, data = await service.media(asset_id)
    return Response(data, content_type=asset.content_type, headers=MEDIA_HEADERS)


@bp.get("/media/catalog/<name>.png")
@responds(200, "The image.", "image/png")
@public
async def catalog_banner(name: str) -> Response:
    """A header image of the template catalog."""
    try:
        data = banner_png(name)
    except KeyError:
        raise NotFound("No such image.") from None
    return Response(data, content_type="image/png", headers=MEDIA_HEADERS)
