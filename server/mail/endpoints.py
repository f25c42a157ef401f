"""The dev mailbox: what the local mail sink received, as pages and as JSON.

Registered only outside production. Every value that came in a message is escaped;
a message's HTML is shown only inside a sandboxed iframe.
"""

from __future__ import annotations

import asyncio
from html import escape
from typing import Any

from quart import Blueprint, Response
from quart_schema import hide
from werkzeug.exceptions import NotFound

from server.core.config import get_config
from server.mail.mailbox import (
    InvalidMailboxId,
    MailboxMessage,
    clear,
    get_message,
    list_messages,
)

bp = Blueprint("dev_mailbox", __name__)

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; text-align: left;
         vertical-align: top; }
pre { background: #f6f6f6; padding: 1rem; overflow: auto; white-space: pre-wrap; }
iframe { border: 1px solid #ddd; width: 100%; height: 40rem; }
.empty { color: #666; }
"""


@bp.before_request
async def _never_in_production() -> None:
    # The app factory already leaves this blueprint out of production; this makes a
    # mistaken registration answer 404 instead of exposing mail.
    if get_config().is_production:
        raise NotFound()


def _page(title: str, body: str) -> Response:
    html = (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · Inkwell</title>"
        '<meta name="robots" content="noindex">'
        f"<style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    response = Response(html, content_type="text/html; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def _load(message_id: str) -> MailboxMessage:
    try:
        message = get_message(get_config().mailbox_dir, message_id)
    except InvalidMailboxId:
        message = None
    if message is None:
        raise NotFound()
    return message


@bp.get("/dev/mailbox")
@hide
async def mailbox_page() -> Response:
    """Dev mailbox: every message the local mail sink received, newest first."""
    items = await asyncio.to_thread(list_messages, get_config().mailbox_dir)
    if items:
        rows = "".join(
            "<tr>"
            f'<td><a href="/dev/mailbox/{escape(m.id)}">{escape(m.subject or "(no subject)")}</a>'
            "</td>"
            f"<td>{escape(m.from_)}</td>"
            f"<td>{escape(m.to)}</td>"
            f'<td><time datetime="{escape(m.date.isoformat())}">'
            f"{escape(m.date.strftime('%Y-%m-%d %H:%M:%S UTC'))}</time></td>"
            "</tr>"
            for m in items
        )
        listing = (
            "<table><thead><tr><th>Subject</th><th>From</th><th>To</th><th>Date</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
    else:
        listing = '<p class="empty">No messages yet. Mail sent in development lands here.</p>'
    body = (
        "<h1>Dev mailbox</h1>"
        f"<p>{len(items)} message{'s' if len(items) != 1 else ''}, newest first. "
        '<a href="/dev/mailbox">Refresh</a></p>'
        f"{listing}"
    )
    return _page("Dev mailbox", body)


@bp.get("/dev/mailbox/<message_id>")
@hide
async def message_page(message_id: str) -> Response:
    """Dev mailbox: one message with its headers, text part and HTML part."""
    message = await asyncio.to_thread(_load, message_id)
    headers = "".join(
        f"<tr><th>{escape(h.name)}</th><td>{escape(h.value)}</td></tr>" for h in message.headers
    )
    text = (
        f"<pre>{escape(message.text)}</pre>"
        if message.text is not None
        else '<p class="empty">No text part.</p>'
    )
    # No sandbox tokens: the message's HTML gets no scripts, no forms, no top-level
    # navigation, and an opaque origin, so it cannot reach this page or the app.
    html_part = (
        f'<iframe sandbox="" referrerpolicy="no-referrer" title="HTML part" '
        f'srcdoc="{escape(message.html, quote=True)}"></iframe>'
        if message.html is not None
        else '<p class="empty">No HTML part.</p>'
    )
    subject = message.subject or "(no subject)"
    body = (
        '<p><a href="/dev/mailbox">Back to the dev mailbox</a></p>'
        f"<h1>{escape(subject)}</h1>"
        f"<h2>Headers</h2><table><tbody>{headers}</tbody></table>"
        f"<h2>Text part</h2>{text}"
        f"<h2>HTML part</h2>{html_part}"
    )
    return _page(subject, body)


@bp.get("/api/dev/mailbox")
@hide
async def list_api() -> dict[str, Any]:
    """Dev mailbox: the newest messages the local mail sink received."""
    items = await asyncio.to_thread(list_messages, get_config().mailbox_dir)
    return {"items": [m.model_dump(mode="json", by_alias=True) for m in items]}


@bp.get("/api/dev/mailbox/<message_id>")
@hide
async def get_api(message_id: str) -> dict[str, Any]:
    """Dev mailbox: one message with its text, HTML and headers."""
    message = await asyncio.to_thread(_load, message_id)
    return message.model_dump(mode="json", by_alias=True)


@bp.delete("/api/dev/mailbox")
@hide
async def clear_api() -> tuple[str, int]:
    """Dev mailbox: delete every message."""
    await asyncio.to_thread(clear, get_config().mailbox_dir)
    return "", 204
