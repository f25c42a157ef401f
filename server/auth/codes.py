"""Emailed 6-digit codes: CSPRNG, stored as a keyed hash, single use, short-lived, few tries."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from models.accounts import AuthCode, CodePurpose
from server.core.config import get_config
from server.core.db import transaction
from server.core.errors import AppError


class InvalidCode(AppError):
    code = "invalid_code"
    status = 400
    message = "The code is wrong or has expired. Request a new one."


def generate_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def hash_code(email: str, purpose: CodePurpose, code: str) -> str:
    # Keyed and bound to address and purpose: a code for one never matches another.
    key = get_config().secret_key.encode()
    return hmac.new(key, f"{purpose.value}:{email}:{code}".encode(), hashlib.sha256).hexdigest()


async def issue_code(
    email: str, purpose: CodePurpose, payload: dict[str, Any] | None = None
) -> str:
    """A new code for ``email``; every earlier live code for the same purpose dies with it."""
    config = get_config()
    code = generate_code()
    now = datetime.now(UTC)
    await AuthCode.filter(
        email=email, purpose=purpose, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)
    await AuthCode.create(
        email=email,
        purpose=purpose,
        code_hash=hash_code(email, purpose, code),
        expires_at=now + timedelta(minutes=config.code_ttl_minutes),
        payload=payload or {},
    )
    return code


async def consume_code(email: str, purpose: CodePurpose, code: str) -> AuthCode:
    """Use the live code if ``code`` matches it; count a wrong guess and kill it at the limit.

    Runs in its own transaction so a wrong guess is counted even though the caller fails.
    """
    config = get_config()
    now = datetime.now(UTC)
    matched: AuthCode | None = None
    async with transaction():
        row = (
            await AuthCode.filter(
                email=email, purpose=purpose, used_at__isnull=True, voided_at__isnull=True
            )
            .order_by("-id")
            .select_for_update()
            .first()
        )
        if row is not None and row.expires_at > now and row.attempts < config.code_max_attempts:
            candidate = hash_code(email, purpose, code.strip())
            if hmac.compare_digest(candidate, row.code_hash):
                row.used_at = now
                await row.save(update_fields=["used_at"])
                matched = row
            else:
                row.attempts += 1
                if row.attempts >= config.code_max_attempts:
                    row.voided_at = now
                await row.save(update_fields=["attempts", "voided_at"])
    if matched is None:
        raise InvalidCode()
    return matched
