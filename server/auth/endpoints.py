"""Accounts API: sign-up, codes, sign-in, sessions, password, API keys, audit log."""

from __future__ import annotations

from uuid import UUID

from quart import Blueprint, Response, after_this_request, request
from quart_schema import tag, validate_request, validate_response
from werkzeug.wrappers.response import Response as WerkzeugResponse

from models.accounts import CodePurpose
from server.auth import service
from server.auth.schemas import (
    Accepted,
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyList,
    CapabilityList,
    LoginRequest,
    Me,
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetRequest,
    RegisterRequest,
    RegisterResponse,
    RevokedCount,
    SendCodeRequest,
    SessionList,
    VerifyRequest,
)
from server.auth.sessions import clear_session_cookies, set_session_cookies
from server.core.auth import (
    Actor,
    actor_from_session_token,
    client_ip,
    public,
    require_actor,
    requires,
    user_agent,
)
from server.core.config import get_config
from server.core.openapi import responds

bp = Blueprint("auth", __name__)

AnyResponse = Response | WerkzeugResponse


def _client() -> service.Client:
    return service.Client(ip=client_ip(), user_agent=user_agent() or None)


def _start_session(signed_in: service.SignedIn) -> None:
    @after_this_request
    async def set_cookies(response: AnyResponse) -> AnyResponse:
        set_session_cookies(response, signed_in.token, signed_in.session)
        return response


@bp.post("/api/auth/register")
@tag(["auth"])
@public
@validate_request(RegisterRequest)
@validate_response(RegisterResponse, 201)
async def register(data: RegisterRequest) -> tuple[RegisterResponse, int]:
    """Create an account (or not: the answer is the same) and mail a 6-digit code."""
    email = await service.register(data.email, data.password, data.name, _client())
    return RegisterResponse(status="pending_verification", email=email), 201


@bp.post("/api/auth/send-code")
@tag(["auth"])
@public
@validate_request(SendCodeRequest)
@validate_response(Accepted, 202)
async def send_code(data: SendCodeRequest) -> tuple[Accepted, int]:
    """Mail a new code for verifying the address, signing in or resetting the password."""
    await service.send_code(data.email, CodePurpose(data.purpose), _client())
    return Accepted(status="sent"), 202


@bp.post("/api/auth/verify")
@tag(["auth"])
@public
@validate_request(VerifyRequest)
@validate_response(Me)
async def verify(data: VerifyRequest) -> Me:
    """Confirm a code; starts a session."""
    signed_in = await service.verify(data.email, data.code, CodePurpose(data.purpose), _client())
    _start_session(signed_in)
    return service.me(await _actor_for(signed_in))


@bp.post("/api/auth/login")
@tag(["auth"])
@public
@validate_request(LoginRequest)
@validate_response(Me)
async def login(data: LoginRequest) -> Me:
    """Sign in with email and password; starts a fresh session."""
    previous = request.cookies.get(get_config().session_cookie)
    signed_in = await service.login(data.email, data.password, _client(), previous_token=previous)
    _start_session(signed_in)
    return service.me(await _actor_for(signed_in))


@bp.post("/api/auth/logout")
@responds(204, "Signed out.")
@tag(["auth"])
@requires(None)
async def logout() -> tuple[str, int]:
    """End this session."""
    await service.logout(require_actor(), _client())

    @after_this_request
    async def clear(response: AnyResponse) -> AnyResponse:
        clear_session_cookies(response)
        return response

    return "", 204


@bp.get("/api/auth/me")
@tag(["auth"])
@requires(None)
@validate_response(Me)
async def me() -> Me:
    """The signed-in user, their workspace, role and capabilities."""
    return service.me(require_actor())


@bp.post("/api/auth/password-reset")
@tag(["auth"])
@public
@validate_request(PasswordResetRequest)
@validate_response(Accepted, 202)
async def password_reset(data: PasswordResetRequest) -> tuple[Accepted, int]:
    """Mail a password reset code if the address has an account (same answer either way)."""
    await service.request_password_reset(data.email, _client())
    return Accepted(status="accepted"), 202


@bp.post("/api/auth/password-reset/confirm")
@tag(["auth"])
@public
@validate_request(PasswordResetConfirm)
@validate_response(Me)
async def password_reset_confirm(data: PasswordResetConfirm) -> Me:
    """Set a new password with the emailed code; every other session ends."""
    signed_in = await service.confirm_password_reset(
        data.email, data.code, data.password, _client()
    )
    _start_session(signed_in)
    return service.me(await _actor_for(signed_in))


@bp.post("/api/auth/password")
@tag(["auth"])
@requires(None)
@validate_request(PasswordChange)
@validate_response(Me)
async def change_password(data: PasswordChange) -> Me:
    """Change the password; every other session ends."""
    actor = require_actor()
    await service.change_password(actor, data.current_password, data.new_password, _client())
    return service.me(actor)


@bp.get("/api/auth/sessions")
@tag(["auth"])
@requires(None)
@validate_response(SessionList)
async def list_sessions() -> SessionList:
    """Active sessions of the signed-in user."""
    return SessionList(items=await service.list_sessions(require_actor()))


@bp.delete("/api/auth/sessions/<uuid:session_id>")
@responds(204, "The session has ended.")
@tag(["auth"])
@requires(None)
async def revoke_session(session_id: UUID) -> tuple[str, int]:
    """Sign out one session."""
    await service.revoke_session(require_actor(), session_id, _client())
    return "", 204


@bp.post("/api/auth/sessions/revoke-others")
@tag(["auth"])
@requires(None)
@validate_response(RevokedCount)
async def revoke_other_sessions() -> RevokedCount:
    """Sign out every session but this one."""
    return RevokedCount(revoked=await service.revoke_other_sessions(require_actor(), _client()))


@bp.get("/api/auth/capabilities")
@tag(["auth"])
@requires(None)
@validate_response(CapabilityList)
async def capabilities() -> CapabilityList:
    """What the caller may do (and so what an API key they create may carry)."""
    return CapabilityList(items=sorted(require_actor().capabilities))


@bp.get("/api/api-keys")
@tag(["api keys"])
@requires("api_keys:manage")
@validate_response(ApiKeyList)
async def list_api_keys() -> ApiKeyList:
    """The workspace's API keys (never the secrets)."""
    return ApiKeyList(items=await service.list_api_keys(require_actor()))


@bp.post("/api/api-keys")
@tag(["api keys"])
@requires("api_keys:manage")
@validate_request(ApiKeyCreate)
@validate_response(ApiKeyCreated, 201)
async def create_api_key(data: ApiKeyCreate) -> tuple[ApiKeyCreated, int]:
    """Create a key with some of your capabilities; the secret is in this answer only."""
    key = await service.create_api_key(require_actor(), data.name, data.scopes, _client())
    return key, 201


@bp.delete("/api/api-keys/<uuid:key_id>")
@responds(204, "Revoked.")
@tag(["api keys"])
@requires("api_keys:manage")
async def revoke_api_key(key_id: UUID) -> tuple[str, int]:
    """Revoke a key; requests with it fail from now on."""
    await service.revoke_api_key(require_actor(), key_id, _client())
    return "", 204


async def _actor_for(signed_in: service.SignedIn) -> Actor:
    actor = await actor_from_session_token(signed_in.token)
    if actor is None:  # the session was just created in this request
        raise RuntimeError("new session did not resolve")
    return actor
