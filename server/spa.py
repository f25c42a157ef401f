"""Serves the built client for every non-API path, with index.html as the SPA fallback."""

from __future__ import annotations

from pathlib import Path

from quart import Blueprint, Response, send_from_directory
from quart_schema import hide
from werkzeug.exceptions import NotFound
from werkzeug.routing import PathConverter

from server.core.config import get_config

bp = Blueprint("spa", __name__)


class ClientPathConverter(PathConverter):
    """Any path except those the server owns, so a miss under ``/api`` stays a real 404/405."""

    regex = r"(?!(?:api|socket\.io|u|t|dev|media)(?:/|$))[^/].*?"


_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Inkwell</title></head><body><main><h1>Inkwell</h1>
<p>The web client is not built yet. Run <code>make run</code> (or <code>make client</code>)
to build it.</p></main></body></html>"""


def _dist() -> Path:
    return get_config().client_dist.resolve()


@bp.get("/")
@bp.get("/<client_path:path>")
@hide
async def client(path: str = "") -> Response:
    dist = _dist()
    if not (dist / "index.html").is_file():
        return Response(_NOT_BUILT, status=200, content_type="text/html; charset=utf-8")
    if path and (dist / path).is_file():
        response = await send_from_directory(dist, path)
        if path.startswith("assets/"):
            # Vite fingerprints these file names, so they never change under one URL.
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
    if path.startswith("assets/"):
        raise NotFound()
    response = await send_from_directory(dist, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response
