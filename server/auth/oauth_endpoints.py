"""Sign-in with Google and GitHub: the provider list, the redirect pair, and account linking."""

from __future__ import annotations

from quart import Blueprint, Response, after_this_request, redirect, request
from quart_schema import tag, validate_querystring, validate_request, validate_response
from werkzeug.wrappers.response import Response as WerkzeugResponse

from server.auth import oauth, service
from server.auth.schemas import (
    Accepted,
    Me,
    OAuthLinkConfirm,
    OAuthLinkSendCode,
    OAuthStartQuery,
    ProviderList,
)
from server.auth.sessions import set_session_cookies
from server.core.auth import actor_from_session_token, client_ip, public, user_agent
from server.core.config import get_config
from server.core.openapi import responds

bp = Blueprint("oauth", __name__)

AnyResponse = Response | WerkzeugResponse


def _client() -> service.Client:
    return service.Client(ip=client_ip(), user_agent=user_agent() or None)


@bp.get("/api/auth/providers")
@tag(["auth"])
@public
@validate_response(ProviderList)
async def providers() -> ProviderList:
    """The sign-in providers this server is configured for."""
    return ProviderList(items=oauth.configured_providers())


@bp.get("/api/auth/oauth/<provider>/start")
@responds(302, "To the provider's consent page.")
@tag(["auth"])
@public
@validate_querystring(OAuthStartQuery)
async def start(provider: str, query_args: OAuthStartQuery) -> WerkzeugResponse:
    """Start signing in with a provider: redirects the browser to its consent page."""
    started = await oauth.start(provider, query_args.next, _client())
    response = redirect(started.location)
    if started.state is not None:
        oauth.set_state_cookie(response, started.state)
    return response


@bp.get("/api/auth/oauth/<provider>/callback")
@responds(302, "Back into the app: signed in, or asked to link the account.")
@tag(["auth"])
@public
async def callback(provider: str) -> WerkzeugResponse:
    """Where the provider returns the browser: signs in, or redirects to linking or /login."""
    config = get_config()
    outcome = await oauth.callback(
        provider,
        request.args.to_dict(),
        request.cookies.get(oauth.state_cookie_name(config)),
        _client(),
        previous_token=request.cookies.get(config.session_cookie),
    )
    response = redirect(outcome.location)
    oauth.clear_state_cookie(response, config)
    if outcome.signed_in is not None:
        set_session_cookies(response, outcome.signed_in.token, outcome.signed_in.session, config)
    return response


@bp.post("/api/auth/oauth/link/send-code")
@tag(["auth"])
@public
@validate_request(OAuthLinkSendCode)
@validate_response(Accepted, 202)
async def link_send_code(data: OAuthLinkSendCode) -> tuple[Accepted, int]:
    """Mail a code to the existing account's address to confirm linking a provider."""
    await oauth.send_link_code(data.token, _client())
    return Accepted(status="sent"), 202


@bp.post("/api/auth/oauth/link/confirm")
@tag(["auth"])
@public
@validate_request(OAuthLinkConfirm)
@validate_response(Me)
async def link_confirm(data: OAuthLinkConfirm) -> Me:
    """Link the provider to your existing account with its password or the emailed code."""
    signed_in = await oauth.confirm_link(
        data.token,
        _client(),
        password=data.password,
        code=data.code,
        previous_token=request.cookies.get(get_config().session_cookie),
    )

    @after_this_request
    async def set_cookies(response: AnyResponse) -> AnyResponse:
        set_session_cookies(response, signed_in.token, signed_in.session)
        return response

    actor = await actor_from_session_token(signed_in.token)
    if actor is None:  # the session was just created in this request
        raise RuntimeError("new session did not resolve")
    return service.me(actor)
