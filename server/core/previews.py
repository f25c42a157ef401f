"""Email previews: our own rendered HTML, served to be framed by our pages only."""

from __future__ import annotations

from quart import Response

# The preview is our own HTML, but it shows user content: no scripts, no plugins, no forms,
# only inline styles and images, and only framed by our own pages.
PREVIEW_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; "
        "frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def email_preview(body: str) -> Response:
    return Response(body, content_type="text/html; charset=utf-8", headers=PREVIEW_HEADERS)
