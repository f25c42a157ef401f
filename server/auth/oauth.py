"""Sign-in with Google (OpenID Connect) and GitHub (OAuth 2.0), through Authlib's async client.

``start`` keeps a single-use state in Redis (with the PKCE verifier, Google's nonce and where to
land) and binds it to the browser with a short-lived cookie. ``callback`` checks that state
before anything else, exchanges the code and reads who signed in, then: signs in the account
already linked to that identity; or, when the provider vouches for an address that already has
an account, sends the browser to confirm with that account's password or an emailed code
before anything is linked; or creates a new account. Every failure in the callback ends as a
redirect to ``/login?error=<code>``; authorization codes and tokens are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

import httpx2 as httpx  # what Authlib itself uses once httpx2 is installed
import structlog
from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.integrations.httpx_client import AsyncOAuth2Client  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import ClaimError, JoseError
from joserfc.jwk import KeySet
from tortoise.exceptions import IntegrityError
from werkzeug.sansio.response import Response

from models.accounts import (
    AuthSession,
    CodePurpose,
    Membership,
    OAuthAccount,
    Role,
    User,
    Workspace,
)
from server.audit import service as audit
from server.auth import codes, passwords
from server.auth.emails import code_email
from server.auth.schemas import Provider
from server.auth.service import Client, InvalidCredentials, SignedIn, normalize_email, sign_in
from server.core import ratelimit
from server.core.auth import token_hash
from server.core.config import Config, get_config
from server.core.db import transaction
from server.core.errors import AppError, NotFound, ValidationFailed
from server.core.redis import get_redis
from server.mail.service import queue_mail

log = structlog.get_logger(__name__)

ProviderId = Literal["google", "github"]
PROVIDER_NAMES: dict[ProviderId, str] = {"google": "Google", "github": "GitHub"}
SCOPES: dict[ProviderId, str] = {"google": "openid email profile", "github": "read:user user:email"}

STATE_PREFIX = "inkwell:oauth:state:"
LINK_PREFIX = "inkwell:oauth:link:"
# Long enough to pick an account at the provider, short enough that a leaked value soon dies.
FLOW_TTL_SECONDS = 600
DEFAULT_NEXT = "/chat"
HTTP_TIMEOUT = httpx.Timeout(10.0)
# Google's discovery document and signing keys change rarely; an ID token that does not verify
# with the cached keys triggers one refetch, so this only bounds how stale an idle copy gets.
METADATA_TTL_SECONDS = 3600.0
# Clock skew tolerated on the ID token's exp/iat.
CLOCK_SKEW_SECONDS = 60
# What the login page shows for each way a provider sign-in can fail.
STATE_FAILED = "oauth_state"
PROVIDER_FAILED = "oauth_failed"
EMAIL_TAKEN = "oauth_email_taken"
EMAIL_UNVERIFIED = "oauth_email_unverified"


class InvalidLinkToken(AppError):
    code = "invalid_link_token"
    status = 400
    message = "This sign-in confirmation has expired or was already used. Start again."


class _Refused(Exception):
    """Ends a callback with ``/login?error=<error>``; ``reason`` goes to the audit log only."""

    def __init__(self, error: str, reason: str) -> None:
        super().__init__(reason)
        self.error = error
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in. ``email`` is normalised, or None when unusable."""

    provider: ProviderId
    subject: str
    email: str | None
    email_verified: bool
    name: str


@dataclass(frozen=True)
class Started:
    location: str
    # Set on the browser as the state cookie; None when the redirect is an error page.
    state: str | None


@dataclass(frozen=True)
class Outcome:
    """Where the browser goes after the callback, and the session to start there, if any."""

    location: str
    signed_in: SignedIn | None = None


@dataclass(frozen=True)
class _Flow:
    provider: str
    code_verifier: str
    nonce: str | None
    next: str


@dataclass(frozen=True)
class _PendingLink:
    provider: str
    subject: str
    email: str
    next: str


# --- configuration ---------------------------------------------------------------------------


def _as_provider(value: str) -> ProviderId | None:
    return value if value in PROVIDER_NAMES else None


def _credentials(provider: ProviderId, config: Config) -> tuple[str, str] | None:
    if provider == "google":
        client_id, secret = config.google_client_id, config.google_client_secret
    else:
        client_id, secret = config.github_client_id, config.github_client_secret
    return (client_id, secret) if client_id and secret else None


def configured_providers(config: Config | None = None) -> list[Provider]:
    config = config or get_config()
    return [
        Provider(id=provider, name=name)
        for provider, name in PROVIDER_NAMES.items()
        if _credentials(provider, config) is not None
    ]


def redirect_uri(provider: ProviderId, config: Config) -> str:
    return f"{config.effective_public_url}/api/auth/oauth/{provider}/callback"


def _unsafe_char(ch: str) -> bool:
    return ch == "\\" or ch.isspace() or not ch.isprintable()


def safe_next(value: str | None) -> str:
    """A path on this site to land on after sign-in; anything that could leave it is /chat."""
    if not value or len(value) > 2000 or not value.startswith("/"):
        return DEFAULT_NEXT
    # "//host" is protocol-relative; browsers read "\" as "/" and drop tabs and newlines, so
    # "/\host" and "/\t/host" would leave the site too.
    if value.startswith("//") or any(_unsafe_char(ch) for ch in value):
        return DEFAULT_NEXT
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return DEFAULT_NEXT
    return value


# --- the state cookie -----------------------------------------------------------------------


def state_cookie_name(config: Config | None = None) -> str:
    config = config or get_config()
    # __Host- as for the session cookie: the browser insists on Secure, Path=/ and no Domain.
    return "__Host-inkwell_oauth" if config.is_production else "inkwell_oauth"


def set_state_cookie(response: Response, state: str, config: Config | None = None) -> None:
    """Binds the flow to this browser: a callback URL replayed elsewhere (login CSRF) fails.

    SameSite=Lax still sends it on the provider's top-level redirect back to us.
    """
    config = config or get_config()
    response.set_cookie(
        state_cookie_name(config),
        state,
        max_age=FLOW_TTL_SECONDS,
        path="/",
        secure=config.secure_cookies,
        httponly=True,
        samesite="Lax",
    )


def clear_state_cookie(response: Response, config: Config | None = None) -> None:
    config = config or get_config()
    response.delete_cookie(
        state_cookie_name(config), path="/", secure=config.secure_cookies, samesite="Lax"
    )


# --- provider metadata -----------------------------------------------------------------------

_metadata_cache: dict[str, tuple[float, Any]] = {}


def forget_provider_metadata() -> None:
    """Drop cached discovery documents and keys (after the provider URLs change)."""
    _metadata_cache.clear()


async def _fetch_json(url: str, *, fresh: bool = False) -> Any:
    now = time.monotonic()
    cached = _metadata_cache.get(url)
    if cached is not None and not fresh and now - cached[0] < METADATA_TTL_SECONDS:
        return cached[1]
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as http:
        response = await http.get(url, headers={"Accept": "application/json"})
        response.raise_for_status()
        data = response.json()
    _metadata_cache[url] = (now, data)
    return data


async def _google_metadata(config: Config) -> dict[str, str]:
    data = await _fetch_json(config.google_discovery_url)
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in needed):
        raise ValueError("the discovery document lacks an endpoint")
    return {k: data[k] for k in needed}


async def _jwks(url: str, *, fresh: bool = False) -> KeySet:
    return KeySet.import_key_set(await _fetch_json(url, fresh=fresh))


def _oauth_client(provider: ProviderId, config: Config, credentials: tuple[str, str]) -> Any:
    client_id, secret = credentials
    return AsyncOAuth2Client(
        client_id=client_id,
        client_secret=secret,
        # GitHub documents the secret in the form body; Google takes either.
        token_endpoint_auth_method="client_secret_post",  # noqa: S106 - a method name
        scope=SCOPES[provider],
        redirect_uri=redirect_uri(provider, config),
        code_challenge_method="S256",
        timeout=HTTP_TIMEOUT,
    )


# --- start -----------------------------------------------------------------------------------


async def start(provider_name: str, next_path: str | None, client: Client) -> Started:
    """Remember a new flow and answer where to send the browser (the provider's consent page)."""
    await ratelimit.hit("oauth", ip=client.ip)
    config = get_config()
    provider = _as_provider(provider_name)
    credentials = _credentials(provider, config) if provider else None
    if provider is None or credentials is None:
        raise NotFound("This sign-in provider is not available.")
    state = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    extra: dict[str, str] = {}
    nonce: str | None = None
    if provider == "google":
        nonce = secrets.token_urlsafe(32)
        extra["nonce"] = nonce
        try:
            endpoint = (await _google_metadata(config))["authorization_endpoint"]
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("oauth_discovery_failed", provider=provider, error_class=type(exc).__name__)
            await _record_failure(provider, "discovery_failed", client)
            return Started(location=_login_error(PROVIDER_FAILED), state=None)
    else:
        endpoint = f"{config.github_oauth_base.rstrip('/')}/login/oauth/authorize"
    async with _oauth_client(provider, config, credentials) as oauth:
        location, _ = oauth.create_authorization_url(
            endpoint, state=state, code_verifier=verifier, **extra
        )
    flow = _Flow(provider=provider, code_verifier=verifier, nonce=nonce, next=safe_next(next_path))
    await get_redis().set(STATE_PREFIX + state, json.dumps(asdict(flow)), ex=FLOW_TTL_SECONDS)
    return Started(location=str(location), state=state)


# --- callback --------------------------------------------------------------------------------


async def callback(
    provider_name: str,
    params: Mapping[str, str],
    cookie_state: str | None,
    client: Client,
    *,
    previous_token: str | None,
) -> Outcome:
    """Finish a flow the provider sent back; never raises for anything the provider or the
    browser got wrong, it answers a redirect to the login page instead."""
    provider = _as_provider(provider_name)
    try:
        flow = await _take_state(provider_name, params.get("state"), cookie_state)
        if provider is None:  # a stored flow always names a known provider
            raise _Refused(STATE_FAILED, "unknown_provider")
        if params.get("error"):
            # Usually the person pressed "Cancel" at the provider.
            raise _Refused(PROVIDER_FAILED, f"provider_error:{_short(params['error'])}")
        code = params.get("code")
        if not code:
            raise _Refused(PROVIDER_FAILED, "missing_code")
        identity = await _identity(provider, code, flow)
        return await _settle(identity, flow.next, client, previous_token)
    except _Refused as refused:
        await _record_failure(provider, refused.reason, client)
        return Outcome(location=_login_error(refused.error))


def _login_error(error: str) -> str:
    return f"/login?{urlencode({'error': error})}"


def _short(value: str) -> str:
    # Provider error codes are short ASCII words; anything else is cut down before it is stored.
    return "".join(ch for ch in value[:40] if ch.isalnum() or ch in "_-.") or "unknown"


async def _record_failure(provider: ProviderId | None, reason: str, client: Client) -> None:
    await audit.record(
        "oauth.failed",
        ip=client.ip,
        user_agent=client.user_agent,
        provider=provider or "unknown",
        reason=reason,
    )


async def _take_state(provider: str, state: str | None, cookie_state: str | None) -> _Flow:
    """Checked before anything else: the flow must exist, be unused, started by this browser
    and for this provider."""
    if not state or len(state) > 200:
        raise _Refused(STATE_FAILED, "missing_state")
    if not cookie_state or not hmac.compare_digest(cookie_state.encode(), state.encode()):
        raise _Refused(STATE_FAILED, "state_not_from_this_browser")
    # GETDEL makes the state single use even when two callbacks race.
    raw = await get_redis().getdel(STATE_PREFIX + state)
    if raw is None:
        raise _Refused(STATE_FAILED, "unknown_state")
    flow = _Flow(**json.loads(raw))
    if flow.provider != provider:
        raise _Refused(STATE_FAILED, "provider_mismatch")
    return flow


async def _identity(provider: ProviderId, code: str, flow: _Flow) -> Identity:
    config = get_config()
    credentials = _credentials(provider, config)
    if credentials is None:  # configuration changed while the person was at the provider
        raise _Refused(PROVIDER_FAILED, "not_configured")
    step = "token"
    try:
        if provider == "google":
            metadata = await _google_metadata(config)
            async with _oauth_client(provider, config, credentials) as oauth:
                token = await oauth.fetch_token(
                    metadata["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=flow.code_verifier,
                )
            step = "id_token"
            return await _google_identity(token, metadata, credentials[0], flow.nonce)
        base = config.github_oauth_base.rstrip("/")
        async with _oauth_client(provider, config, credentials) as oauth:
            await oauth.fetch_token(
                f"{base}/login/oauth/access_token",
                grant_type="authorization_code",
                code=code,
                code_verifier=flow.code_verifier,
            )
            step = "profile"
            return await _github_identity(oauth, config)
    except (httpx.HTTPError, AuthlibBaseError, JoseError, ValueError, KeyError) as exc:
        # The class, the provider's error word and the failing claim only: messages may echo
        # what was sent.
        detail = type(exc).__name__
        if isinstance(exc, ClaimError):
            detail = f"{detail}:{exc.claim}"
        provider_error = exc.error if isinstance(exc, AuthlibBaseError) else None
        log.warning(
            "oauth_provider_failed",
            provider=provider,
            step=step,
            error_class=detail,
            provider_error=_short(provider_error) if isinstance(provider_error, str) else None,
        )
        raise _Refused(PROVIDER_FAILED, f"{step}:{detail}") from None


async def _google_identity(
    token: Mapping[str, Any], metadata: dict[str, str], client_id: str, nonce: str | None
) -> Identity:
    id_token = token.get("id_token")
    if not isinstance(id_token, str) or nonce is None:
        raise ValueError("no ID token")
    try:
        decoded = jwt.decode(id_token, await _jwks(metadata["jwks_uri"]), algorithms=["RS256"])
    except JoseError:
        # Google rotates its keys: a token that fails with the cached set gets one more try
        # with a fresh copy.
        keys = await _jwks(metadata["jwks_uri"], fresh=True)
        decoded = jwt.decode(id_token, keys, algorithms=["RS256"])
    issuer = metadata["issuer"]
    claims = jwt.JWTClaimsRegistry(
        leeway=CLOCK_SKEW_SECONDS,
        # Google documents both spellings of its issuer.
        iss={"essential": True, "values": [issuer, issuer.removeprefix("https://")]},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    claims.validate(decoded.claims)
    values = decoded.claims
    email = _email(values.get("email"))
    return Identity(
        provider="google",
        subject=str(values["sub"]),
        email=email,
        email_verified=email is not None and values.get("email_verified") in (True, "true"),
        name=_name(values.get("name"), email),
    )


async def _github_identity(oauth: Any, config: Config) -> Identity:
    api = config.github_api_base.rstrip("/")
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    user_response = await oauth.get(f"{api}/user", headers=headers)
    user_response.raise_for_status()
    user = user_response.json()
    emails_response = await oauth.get(f"{api}/user/emails", headers=headers)
    emails_response.raise_for_status()
    emails = emails_response.json()
    if not isinstance(user, dict) or not isinstance(user.get("id"), int):
        raise ValueError("the GitHub profile has no id")
    if not isinstance(emails, list):
        raise ValueError("the GitHub email list is not a list")
    primary = next((e for e in emails if isinstance(e, dict) and e.get("primary") is True), {})
    email = _email(primary.get("email"))
    return Identity(
        provider="github",
        subject=str(user["id"]),
        email=email,
        email_verified=email is not None and primary.get("verified") is True,
        name=_name(user.get("name") or user.get("login"), email),
    )


def _email(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return normalize_email(value)
    except ValidationFailed:
        return None


def _name(value: object, email: str | None) -> str:
    name = value.strip() if isinstance(value, str) else ""
    if not name and email:
        name = email.split("@", 1)[0]
    return name[:200] or "Inkwell user"


# --- deciding what a callback means ------------------------------------------------------------


async def _settle(
    identity: Identity, next_path: str, client: Client, previous_token: str | None
) -> Outcome:
    try:
        return await _settle_once(identity, next_path, client, previous_token)
    except IntegrityError:
        # Two callbacks for the same new identity raced; the loser now finds the winner's rows.
        try:
            return await _settle_once(identity, next_path, client, previous_token)
        except IntegrityError:
            raise _Refused(PROVIDER_FAILED, "conflict") from None


async def _settle_once(
    identity: Identity, next_path: str, client: Client, previous_token: str | None
) -> Outcome:
    account = await OAuthAccount.get_or_none(
        provider=identity.provider, subject=identity.subject
    ).prefetch_related("user")
    if account is not None:
        async with transaction():
            signed_in = await _sign_in(account.user, identity, client, previous_token, "login")
        return Outcome(location=safe_next(next_path), signed_in=signed_in)
    if identity.email is None:
        raise _Refused(PROVIDER_FAILED, "no_email")
    if await User.exists(email=identity.email):
        if not identity.email_verified:
            raise _Refused(EMAIL_TAKEN, "email_taken")
        # The provider vouches for the address, but that is not proof the person owns *this*
        # account: they confirm with its password or an emailed code before anything links.
        token = await _remember_link(identity, next_path)
        query = urlencode({"token": token, "provider": identity.provider, "email": identity.email})
        return Outcome(location=f"/login/link?{query}")
    if not identity.email_verified:
        # An account made from an address nobody proved could be pre-claimed by a stranger and
        # keep their provider attached once the real owner takes the address over.
        raise _Refused(EMAIL_UNVERIFIED, "email_unverified")
    async with transaction():
        user = await User.create(
            id=uuid.uuid4(),
            email=identity.email,
            name=identity.name,
            password_hash=None,
            email_verified_at=datetime.now(UTC),
        )
        workspace = await Workspace.create(
            id=uuid.uuid4(), name=f"{identity.name}'s workspace"[:200]
        )
        await Membership.create(user=user, workspace=workspace, role=Role.owner)
        await OAuthAccount.create(
            provider=identity.provider, subject=identity.subject, user=user, email=identity.email
        )
        signed_in = await _sign_in(user, identity, client, previous_token, "signup")
    return Outcome(location=safe_next(next_path), signed_in=signed_in)


async def _sign_in(
    user: User,
    identity: Identity,
    client: Client,
    previous_token: str | None,
    what: Literal["login", "signup"],
) -> SignedIn:
    await _replace_session(previous_token)
    return await sign_in(user, client, f"oauth.{what}", provider=identity.provider)


async def _replace_session(previous_token: str | None) -> None:
    if previous_token:
        # The session the browser arrived with is replaced, never reused (as at password login).
        await AuthSession.filter(
            token_hash=token_hash(previous_token), revoked_at__isnull=True
        ).update(revoked_at=datetime.now(UTC))


# --- linking a provider to an existing account -------------------------------------------------


async def _remember_link(identity: Identity, next_path: str) -> str:
    assert identity.email is not None
    token = secrets.token_urlsafe(32)
    pending = _PendingLink(
        provider=identity.provider,
        subject=identity.subject,
        email=identity.email,
        next=safe_next(next_path),
    )
    await get_redis().set(LINK_PREFIX + token, json.dumps(asdict(pending)), ex=FLOW_TTL_SECONDS)
    return token


async def _pending_link(token: str, client: Client) -> _PendingLink:
    raw = await get_redis().get(LINK_PREFIX + token)
    if raw is None:
        # Tokens are unguessable, but guessing still costs the caller's address its budget.
        await ratelimit.hit("verify", ip=client.ip)
        raise InvalidLinkToken()
    return _PendingLink(**json.loads(raw))


def _code_binding(token: str) -> str:
    return hashlib.sha256(f"oauth-link:{token}".encode()).hexdigest()


async def send_link_code(token: str, client: Client) -> None:
    """Mail a code that proves the address, for confirming a link without the password."""
    pending = await _pending_link(token, client)
    await ratelimit.hit("send_code", ip=client.ip, account=pending.email)
    async with transaction():
        if not await User.exists(email=pending.email):
            raise InvalidLinkToken()
        # Bound to this link attempt: a code mailed for another one does not confirm it.
        code = await codes.issue_code(
            pending.email, CodePurpose.link_account, payload={"link": _code_binding(token)}
        )
        await queue_mail(code_email(pending.email, code, CodePurpose.link_account))


async def confirm_link(
    token: str,
    client: Client,
    *,
    password: str | None = None,
    code: str | None = None,
    previous_token: str | None = None,
) -> SignedIn:
    """Link the provider identity to the account once its owner proved it; signs in."""
    pending = await _pending_link(token, client)
    await ratelimit.hit("verify", ip=client.ip, account=pending.email)
    user = await User.get_or_none(email=pending.email)
    if code is None:
        stored = user.password_hash if user else None
        if not await passwords.verify_password(stored, password or ""):
            await _link_failed(user, pending, "wrong_password", client)
            raise InvalidCredentials()
    else:
        try:
            row = await codes.consume_code(pending.email, CodePurpose.link_account, code)
        except codes.InvalidCode:
            await _link_failed(user, pending, "invalid_code", client)
            raise
        if not hmac.compare_digest(str(row.payload.get("link", "")), _code_binding(token)):
            await _link_failed(user, pending, "code_for_another_link", client)
            raise codes.InvalidCode()
    # Used up only now, with the proof accepted, so a typo does not cost the person the link.
    if await get_redis().getdel(LINK_PREFIX + token) is None:
        raise InvalidLinkToken()
    async with transaction():
        user = await User.filter(email=pending.email).select_for_update().first()
        if user is None:
            raise InvalidLinkToken()
        linked = await OAuthAccount.get_or_none(provider=pending.provider, subject=pending.subject)
        if linked is None:
            await OAuthAccount.create(
                provider=pending.provider, subject=pending.subject, user=user, email=pending.email
            )
        elif linked.user_id != user.id:  # type: ignore[attr-defined]
            raise InvalidLinkToken()
        if user.email_verified_at is None:
            # The provider vouched for the address and the person proved the account.
            user.email_verified_at = datetime.now(UTC)
            await user.save(update_fields=["email_verified_at"])
        await _replace_session(previous_token)
        return await sign_in(user, client, "oauth.linked", provider=pending.provider)


async def _link_failed(
    user: User | None, pending: _PendingLink, reason: str, client: Client
) -> None:
    await audit.record(
        "oauth.failed",
        actor=user,
        ip=client.ip,
        user_agent=client.user_agent,
        provider=pending.provider,
        reason=f"link_{reason}",
    )
