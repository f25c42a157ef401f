"""Server-side sessions behind an HttpOnly cookie, with a CSRF cookie bound to each one."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from werkzeug.sansio.response import Response

from models.accounts import AuthSession, User, Workspace
from server.core.auth import CSRF_COOKIE, csrf_token_for, token_hash
from server.core.config import Config, get_config


async def create_session(
    user: User, workspace: Workspace, *, ip: str | None, user_agent: str | None
) -> tuple[str, AuthSession]:
    """A fresh session with a new random token (login always rotates: no fixation)."""
    config = get_config()
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    session = await AuthSession.create(
        id=uuid.uuid4(),
        token_hash=token_hash(token),
        user=user,
        workspace=workspace,
        last_seen_at=now,
        expires_at=now + timedelta(days=config.session_max_days),
        ip=ip,
        user_agent=user_agent,
    )
    return token, session


async def revoke_session(session_id: uuid.UUID | str, user: User) -> bool:
    count = await AuthSession.filter(id=session_id, user=user, revoked_at__isnull=True).update(
        revoked_at=datetime.now(UTC)
    )
    return count > 0


async def revoke_all(user: User, *, except_id: uuid.UUID | None = None) -> int:
    query = AuthSession.filter(user=user, revoked_at__isnull=True)
    if except_id is not None:
        query = query.exclude(id=except_id)
    return await query.update(revoked_at=datetime.now(UTC))


async def active_sessions(user: User) -> list[AuthSession]:
    config = get_config()
    now = datetime.now(UTC)
    idle_cutoff = now - timedelta(minutes=config.session_idle_minutes)
    return await AuthSession.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=now, last_seen_at__gt=idle_cutoff
    ).order_by("-last_seen_at")


def set_session_cookies(
    response: Response, token: str, session: AuthSession, config: Config | None = None
) -> None:
    config = config or get_config()
    max_age = config.session_max_days * 86400
    response.set_cookie(
        config.session_cookie,
        token,
        max_age=max_age,
        path="/",
        secure=config.secure_cookies,
        httponly=True,
        samesite="Lax",
    )
    # Readable by the client, which echoes it in X-CSRF-Token.
    response.set_cookie(
        CSRF_COOKIE,
        csrf_token_for(session, config),
        max_age=max_age,
        path="/",
        secure=config.secure_cookies,
        httponly=False,
        samesite="Lax",
    )


def clear_session_cookies(response: Response, config: Config | None = None) -> None:
    config = config or get_config()
    for name in (config.session_cookie, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=config.secure_cookies, samesite="Lax")
