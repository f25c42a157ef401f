"""Links inside campaign mail: the open pixel, click redirects, unsubscribe, and the provider
webhook for bounces and complaints. None of these use a session; tokens are signed."""

from __future__ import annotations

import base64
from html import escape

from pydantic import ValidationError
from quart import Blueprint, Response, request
from quart_schema import hide, tag

from server.core.auth import public
from server.core.errors import NotFound, ValidationFailed, validation_details
from server.core.openapi import responds
from server.tracking import service
from server.tracking.tokens import read_token

bp = Blueprint("tracking", __name__)

# The smallest transparent GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
_NO_STORE = {"Cache-Control": "no-store, private", "Referrer-Policy": "no-referrer"}


def _page(title: str, body: str, status: int = 200) -> Response:
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;"
        "padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    return Response(html, status=status, content_type="text/html; charset=utf-8", headers=_NO_STORE)


@bp.get("/t/o/<token>")
@hide
@public
async def open_pixel(token: str) -> Response:
    """Open tracking pixel."""
    found = read_token("open", token)
    if found is None:
        raise NotFound()
    await service.record_open(found[0])
    return Response(PIXEL, content_type="image/gif", headers=_NO_STORE)


@bp.get("/t/c/<token>")
@hide
@public
async def click(token: str) -> Response:
    """Click tracking redirect (only to URLs we signed)."""
    found = read_token("click", token)
    if found is None or found[1] is None:
        raise NotFound()
    await service.record_click(found[0], found[1])
    return Response("", status=302, headers={"Location": found[1], **_NO_STORE})


def _unsubscribe_id(token: str) -> int:
    found = read_token("unsubscribe", token)
    if found is None:
        raise NotFound()
    return found[0]


@bp.get("/u/<token>")
@hide
@public
async def unsubscribe_page(token: str) -> Response:
    """Shows a button; changes nothing (link scanners follow GETs)."""
    try:
        recipient, campaign = await service.recipient_for_page(_unsubscribe_id(token))
    except NotFound:
        return _page("Link not valid", "<p>This unsubscribe link is not valid.</p>", 404)
    if recipient.unsubscribed_at is not None:
        return _page("You are unsubscribed", "<p>You will get no more of these emails.</p>")
    sender = str(campaign.content.get("sender_name") or "these")
    body = (
        f"<p>Stop receiving <strong>{escape(sender)}</strong> emails at "
        f"{escape(recipient.email)}?</p>"
        '<form method="post"><button type="submit">Unsubscribe</button></form>'
    )
    return _page("Unsubscribe", body)


@bp.post("/u/<token>")
@hide
@public
async def unsubscribe(token: str) -> Response:
    """RFC 8058 one-click unsubscribe; also the page's button. No cookie, no redirect."""
    try:
        recipient_id = _unsubscribe_id(token)
        await service.unsubscribe(
            recipient_id, source="one_click" if await _one_click() else "page"
        )
    except NotFound:
        return _page("Link not valid", "<p>This unsubscribe link is not valid.</p>", 404)
    return _page("You are unsubscribed", "<p>You will get no more of these emails.</p>")


async def _one_click() -> bool:
    form = await request.form
    return form.get("List-Unsubscribe") == "One-Click"


@bp.post("/api/webhooks/mail-events")
@responds(200, "Applied to its recipient: `{ok, recipient_id}`.", "application/json")
@tag(["tracking"])
@public
async def mail_event() -> dict[str, object]:
    """Delivery, bounce and complaint reports ``{event, message_id, smtp_code?, reason?}``,
    signed with MAIL_WEBHOOK_SECRET (``X-Inkwell-Signature: sha256=<hex HMAC of the body>``)."""
    raw = await request.get_data(as_text=False)
    body = raw.encode() if isinstance(raw, str) else raw
    # The signature first: an unsigned body is not worth parsing.
    service.verify_signature(body, request.headers.get("X-Inkwell-Signature"))
    try:
        event = service.MailEvent.model_validate_json(body)
    except ValidationError as exc:
        raise ValidationFailed(details=validation_details(exc)) from exc
    return await service.apply_mail_event(event)
