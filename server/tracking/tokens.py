"""Signed tokens in campaign links: the open pixel, click redirects and unsubscribe.

A token names a recipient (and for a click, the link's position in the campaign's content);
it never carries a URL, so a click can only lead where the campaign's own content pointed.
"""

from __future__ import annotations

from typing import Literal

from itsdangerous import BadSignature, URLSafeSerializer

from server.core.config import get_config

TokenKind = Literal["open", "click", "unsubscribe"]


def _serializer(kind: TokenKind) -> URLSafeSerializer:
    return URLSafeSerializer(get_config().secret_key, salt=f"inkwell.tracking.{kind}")


def make_token(kind: TokenKind, recipient_id: int, link: int | None = None) -> str:
    payload = [recipient_id] if link is None else [recipient_id, link]
    return str(_serializer(kind).dumps(payload))


def read_token(kind: TokenKind, token: str) -> tuple[int, int | None] | None:
    """(recipient id, link index) for a genuine token of this kind, else None."""
    try:
        payload = _serializer(kind).loads(token)
    except BadSignature:
        return None
    if not isinstance(payload, list) or not payload or len(payload) > 2:
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in payload):
        return None
    return payload[0], (payload[1] if len(payload) == 2 else None)


def public_url(path: str) -> str:
    return f"{get_config().effective_public_url}{path}"


def open_url(recipient_id: int) -> str:
    return public_url(f"/t/o/{make_token('open', recipient_id)}")


def click_url(recipient_id: int, link: int) -> str:
    return public_url(f"/t/c/{make_token('click', recipient_id, link)}")


def unsubscribe_url(recipient_id: int) -> str:
    return public_url(f"/u/{make_token('unsubscribe', recipient_id)}")
