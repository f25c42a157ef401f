"""The one authorization layer: who is asking (session cookie or API key) and what they may do.

Every API endpoint declares what it needs with :func:`requires` (a capability) or
:func:`public`; a test walks the URL map to keep it that way. Roles map to capabilities here;
API keys carry a subset of their creator's.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from quart import Request, g, request
from structlog.contextvars import bind_contextvars
from tortoise import connections

from models.accounts import ApiKey, AuthSession, Membership, Role, User, Workspace
from server.core.config import Config, get_config
from server.core.db import columns, from_row
from server.core.errors import AppError, Forbidden, Unauthorized

P = ParamSpec("P")
R = TypeVar("R")

CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# last_seen_at is written at most this often, not on every request.
TOUCH_EVERY = timedelta(minutes=1)

CAPABILITIES: tuple[str, ...] = (
    "workspace:read",
    "workspace:manage",
    "members:manage",
    "billing:manage",
    "api_keys:manage",
    "audit:read",
    "chat:use",
    "contacts:read",
    "contacts:write",
    "templates:read",
    "templates:write",
    "campaigns:read",
    "campaigns:write",
    "campaigns:send",
)

_MEMBER = frozenset(
    {
        "workspace:read",
        "chat:use",
        "contacts:read",
        "contacts:write",
        "templates:read",
        "templates:write",
        "campaigns:read",
        "campaigns:write",
    }
)
_ADMIN = _MEMBER | {"campaigns:send", "members:manage", "api_keys:manage", "audit:read"}
ROLE_CAPABILITIES: dict[Role, frozenset[str]] = {
    Role.member: _MEMBER,
    Role.admin: frozenset(_ADMIN),
    Role.owner: frozenset(CAPABILITIES),
}


class CsrfFailed(AppError):
    code = "csrf_failed"
    status = 403
    message = "The request failed the CSRF check. Reload the page and try again."


@dataclass
class Actor:
    """The caller of one request: a signed-in user, or an API key acting for a workspace."""

    user: User
    workspace: Workspace
    role: Role
    capabilities: frozenset[str]
    session: AuthSession | None = None
    api_key: ApiKey | None = None

    @property
    def via(self) -> str:
        return "api_key" if self.api_key is not None else "session"

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token_for(session: AuthSession, config: Config | None = None) -> str:
    """Bound to the session, so a token from one session is worthless in another."""
    key = (config or get_config()).secret_key.encode()
    return hmac.new(key, f"csrf:{session.id}".encode(), hashlib.sha256).hexdigest()


def client_ip(req: Request | None = None) -> str:
    req = req or request
    return (req.remote_addr or "unknown")[:64]


def user_agent(req: Request | None = None) -> str:
    return (req or request).headers.get("User-Agent", "")[:300]


async def _membership(user: User, workspace_id: Any) -> Membership | None:
    # Joined rather than prefetched: one round trip on every authenticated request.
    return await Membership.get_or_none(user=user, workspace_id=workspace_id).select_related(
        "workspace"
    )


@functools.cache
def _session_sql() -> str:
    """The session, its user, its workspace and the user's role there (NULL once they left
    it): one statement, written once (the columns are known after ``init_db``)."""
    rows = f"{columns(AuthSession, 's')}, {columns(User, 'u')}, {columns(Workspace, 'w')}"
    return (
        f"SELECT {rows},"  # noqa: S608 - the interpolated parts are the models' own columns
        ' (SELECT m."role" FROM "membership" m'
        '  WHERE m."user_id" = s."user_id" AND m."workspace_id" = s."workspace_id") AS role'
        ' FROM "auth_session" s'
        ' JOIN "app_user" u ON u."id" = s."user_id"'
        ' JOIN "workspace" w ON w."id" = s."workspace_id"'
        ' WHERE s."token_hash" = $1 AND s."revoked_at" IS NULL'
    )


async def actor_from_session_token(token: str, config: Config | None = None) -> Actor | None:
    config = config or get_config()
    # The session, its user, its workspace and the membership in one round trip, in SQL
    # written once rather than built by the ORM each time: it comes before everything else
    # of every request a browser makes.
    _, rows = await connections.get("default").execute_query(_session_sql(), [token_hash(token)])
    if not rows:
        return None
    session = from_row(AuthSession, "s", rows[0])
    now = datetime.now(UTC)
    idle = timedelta(minutes=config.session_idle_minutes)
    if session.expires_at <= now or session.last_seen_at + idle <= now:
        return None
    member_role = rows[0]["role"]
    if member_role is None:
        return None
    role = Role(member_role)
    if now - session.last_seen_at >= TOUCH_EVERY:
        await AuthSession.filter(id=session.id).update(last_seen_at=now)
        session.last_seen_at = now
    return Actor(
        user=from_row(User, "u", rows[0]),
        workspace=from_row(Workspace, "w", rows[0]),
        role=role,
        capabilities=ROLE_CAPABILITIES[role],
        session=session,
    )


async def actor_from_api_key(key: str) -> Actor | None:
    api_key = (
        await ApiKey.filter(key_hash=token_hash(key), revoked_at__isnull=True)
        .prefetch_related("created_by", "workspace")
        .first()
    )
    if api_key is None:
        return None
    membership = await _membership(api_key.created_by, api_key.workspace_id)  # type: ignore[attr-defined]
    if membership is None:
        # The creator left the workspace; their keys stop with them.
        return None
    now = datetime.now(UTC)
    if api_key.last_used_at is None or now - api_key.last_used_at >= TOUCH_EVERY:
        await ApiKey.filter(id=api_key.id).update(last_used_at=now)
        api_key.last_used_at = now
    # A key never exceeds what its creator may do today.
    allowed = ROLE_CAPABILITIES[membership.role] & frozenset(api_key.scopes)
    return Actor(
        user=api_key.created_by,
        workspace=api_key.workspace,
        role=membership.role,
        capabilities=allowed,
        api_key=api_key,
    )


def bearer_token(req: Request) -> str | None:
    header = req.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


async def authenticate(req: Request, config: Config | None = None) -> Actor | None:
    config = config or get_config()
    token = bearer_token(req)
    if token is not None:
        actor = await actor_from_api_key(token)
        if actor is None:
            raise Unauthorized("The API key is invalid or revoked.", code="invalid_api_key")
        return actor
    cookie = req.cookies.get(config.session_cookie)
    if cookie:
        return await actor_from_session_token(cookie, config)
    return None


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def origin_allowed(req: Request, config: Config) -> bool:
    """Same origin as the request, PUBLIC_URL's origin, or one listed in ALLOWED_ORIGINS."""
    origin = req.headers.get("Origin")
    if origin is None:
        referer = req.headers.get("Referer")
        if referer is None:
            # Non-browser clients send neither; the CSRF token still guards cookie sessions.
            return True
        origin = _origin_of(referer)
    origin = origin.lower()
    allowed = {_origin_of(config.effective_public_url), f"{req.scheme}://{req.host}".lower()}
    allowed.update(_origin_of(o) for o in config.allowed_origins)
    return origin in allowed


async def load_actor() -> None:
    """Before every API request: resolve the caller and enforce origin and CSRF rules."""
    config = get_config()
    g.actor = None
    if not request.path.startswith("/api/"):
        return
    unsafe = request.method in UNSAFE_METHODS
    has_bearer = bearer_token(request) is not None
    if unsafe and not has_bearer and not origin_allowed(request, config):
        raise CsrfFailed("The request came from an origin that is not allowed.")
    actor = await authenticate(request, config)
    g.actor = actor
    if actor is None:
        return
    bind_contextvars(user_id=str(actor.user.id), workspace_id=str(actor.workspace.id))
    if unsafe and actor.session is not None:
        expected = csrf_token_for(actor.session, config)
        header = request.headers.get(CSRF_HEADER, "")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not (hmac.compare_digest(header, cookie) and hmac.compare_digest(header, expected)):
            raise CsrfFailed()


def current_actor() -> Actor | None:
    actor: Actor | None = g.get("actor")
    return actor


def require_actor() -> Actor:
    actor = current_actor()
    if actor is None:
        raise Unauthorized()
    return actor


def requires(
    capability: str | None,
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Declare what an endpoint needs: a signed-in caller and, unless None, a capability."""
    if capability is not None and capability not in CAPABILITIES:
        raise ValueError(f"unknown capability {capability!r}")

    def decorate(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(fn)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = require_actor()
            if capability is not None and not actor.can(capability):
                raise Forbidden(
                    f"This needs the {capability} permission.",
                    details={"capability": capability},
                )
            return await fn(*args, **kwargs)

        wrapper.__inkwell_access__ = capability or "authenticated"  # type: ignore[attr-defined]
        return wrapper

    return decorate


def public(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Declare an endpoint open to anonymous callers (it must guard itself, e.g. rate limits)."""
    fn.__inkwell_access__ = "public"  # type: ignore[attr-defined]
    return fn


def access_of(view: Callable[..., Any]) -> str | None:
    """What a view declared; decorators from quart-schema keep the attribute via wraps."""
    return getattr(view, "__inkwell_access__", None)
