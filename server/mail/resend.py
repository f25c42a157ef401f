"""Resend transport: ``POST /emails`` on Resend's HTTP API."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx

from server.mail.message import (
    MailError,
    MailPermanentError,
    MailTransientError,
    OutgoingMessage,
    SendResult,
    mask_emails_in,
    parse_address,
)

# Resend rejects idempotency keys longer than this.
_MAX_IDEMPOTENCY_KEY = 256


class ResendMailSender:
    """Sends through Resend (https://resend.com/docs/api-reference/emails/send-email)."""

    name = "resend"

    def __init__(
        self,
        api_key: str,
        base_url: str = "https://api.resend.com",
        client: httpx.AsyncClient | None = None,
        *,
        timeout: float = 30,
        default_from: str | None = None,
    ) -> None:
        self._api_key = api_key
        self.url = base_url.rstrip("/") + "/emails"
        self.default_from = default_from
        self._owns_client = client is None
        self._client = client if client is not None else httpx.AsyncClient(timeout=timeout)

    async def send(self, msg: OutgoingMessage) -> SendResult:
        resolved = msg.resolved(self.default_from)
        assert resolved.message_id is not None  # resolved() always sets it
        recipients = resolved.envelope_recipients
        payload: dict[str, Any] = {
            "from": str(resolved.sender),
            "to": recipients,
            "subject": resolved.subject,
            "text": resolved.text,
            # Our Message-ID, so the message is the same one whichever transport
            # delivers it, and replies and complaints can be matched to it.
            "headers": {"Message-ID": resolved.message_id, **resolved.headers},
        }
        if resolved.html is not None:
            payload["html"] = resolved.html
        if resolved.reply_to is not None:
            payload["reply_to"] = parse_address(resolved.reply_to, what="reply_to").addr_spec
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            # A retried job re-sends the same request; Resend then answers with the
            # first result instead of sending twice (for 24 hours).
            "Idempotency-Key": _idempotency_key(resolved.message_id),
            "User-Agent": "inkwell",
        }
        try:
            response = await self._client.post(self.url, json=payload, headers=headers)
        except httpx.UnsupportedProtocol as exc:
            raise MailPermanentError(f"resend base URL is unusable: {exc}") from exc
        except httpx.TransportError as exc:
            raise MailTransientError(f"resend unreachable: {type(exc).__name__}") from exc
        if not response.is_success:
            raise _error_for(response)
        try:
            body = response.json()
            provider_id = str(body["id"])
        except (ValueError, KeyError, TypeError) as exc:
            # Accepted or not, we cannot tell; the idempotency key makes a retry safe.
            raise MailTransientError(
                f"resend answered {response.status_code} without an id", code=response.status_code
            ) from exc
        return SendResult(
            message_id=resolved.message_id,
            provider=self.name,
            accepted=recipients,
            provider_message_id=provider_id,
        )

    async def close(self) -> None:
        if self._owns_client:
            await self._client.aclose()


def _idempotency_key(message_id: str) -> str:
    key = message_id.strip("<>")
    if len(key) <= _MAX_IDEMPOTENCY_KEY:
        return key
    return hashlib.sha256(key.encode()).hexdigest()


def _error_for(response: httpx.Response) -> MailError:
    status = response.status_code
    name, detail = "", response.text[:200]
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        name = str(body.get("name") or "")
        detail = str(body.get("message") or detail)
    text = f"resend answered {status}{' ' + name if name else ''}: {mask_emails_in(detail)}"
    transient = (
        status in (408, 429)
        or status >= 500
        # The same key is still being processed; asking again later is the advice.
        or (status == 409 and name == "concurrent_idempotent_requests")
    )
    if transient:
        return MailTransientError(text, code=status, retry_after=_retry_after(response))
    return MailPermanentError(text, code=status)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date; rare enough that the job's backoff will do
