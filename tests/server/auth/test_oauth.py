"""Sign-in with Google and GitHub, driven through a fake provider on a real HTTP server.

Redirects are followed by hand, as a browser would: our start endpoint → the provider's consent
page (over real HTTP, with httpx) → back to our callback (with the Quart test client).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from arq.connections import ArqRedis
from quart import Quart
from quart.typing import TestClientProtocol

from models.accounts import AuditEvent, AuthSession, OAuthAccount, User
from server.auth import oauth
from server.core.config import Config, get_config
from tests.factories import DEFAULT_PASSWORD, login_as, make_user
from tests.fakes.oauth_provider import (
    GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET,
    GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET,
    FakeOAuthProvider,
    FakeUser,
    rsa_key,
    s256,
)
from tests.server.auth.conftest import Inbox

STATE_COOKIE = "inkwell_oauth"


@pytest.fixture
async def fake(
    config: Config, monkeypatch: pytest.MonkeyPatch, db: None
) -> AsyncIterator[FakeOAuthProvider]:
    provider = FakeOAuthProvider(config.effective_public_url)
    await provider.start()
    for name, value in {
        "google_client_id": GOOGLE_CLIENT_ID,
        "google_client_secret": GOOGLE_CLIENT_SECRET,
        "github_client_id": GITHUB_CLIENT_ID,
        "github_client_secret": GITHUB_CLIENT_SECRET,
        "google_discovery_url": provider.discovery_url,
        "github_oauth_base": provider.base_url,
        "github_api_base": provider.github_api_base,
    }.items():
        monkeypatch.setattr(config, name, value)
    oauth.forget_provider_metadata()
    yield provider
    await provider.close()
    oauth.forget_provider_metadata()


async def to_provider_and_back(
    client: TestClientProtocol, provider: str, next_path: str | None = None
) -> str:
    """Our start endpoint, then the provider's consent page; the callback path it sends back."""
    query = {"next": next_path} if next_path is not None else None
    start = await client.get(f"/api/auth/oauth/{provider}/start", query_string=query)
    assert start.status_code == 302, await start.get_data(as_text=True)
    async with httpx.AsyncClient() as http:
        consent = await http.get(start.headers["Location"])
    assert consent.status_code == 302, consent.text
    back = urlsplit(consent.headers["Location"])
    assert f"{back.scheme}://{back.netloc}" == get_config().effective_public_url
    assert back.path == f"/api/auth/oauth/{provider}/callback"
    return f"{back.path}?{back.query}"


async def sign_in_with(
    client: TestClientProtocol, provider: str, next_path: str | None = None
) -> Any:
    response = await client.get(await to_provider_and_back(client, provider, next_path))
    assert response.status_code == 302
    return response


def params_of(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def with_param(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    params = {**params_of(url), **changes}
    return f"{parts.path}?{urlencode(params)}"


def set_cookie_names(response: Any) -> dict[str, str]:
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        found[name] = rest.split(";", 1)[0]
    return found


def csrf_headers(client: TestClientProtocol) -> dict[str, str]:
    assert client.cookie_jar is not None
    token = next((c.value for c in client.cookie_jar if c.name == "csrf_token"), None)
    return {"X-CSRF-Token": token or ""}


async def failures() -> list[str]:
    events = await AuditEvent.filter(action="oauth.failed").order_by("id")
    return [str(e.details["reason"]) for e in events]


# --- the fake itself -----------------------------------------------------------------------


async def test_fake_provider_enforces_pkce_single_use_codes_and_client_auth(
    fake: FakeOAuthProvider, config: Config
) -> None:
    redirect_uri = f"{config.effective_public_url}/api/auth/oauth/google/callback"

    async def new_code(http: httpx.AsyncClient, verifier: str) -> str:
        consent = await http.get(
            f"{fake.base_url}/authorize",
            params={
                "client_id": GOOGLE_CLIENT_ID,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": "openid email profile",
                "state": "s",
                "nonce": "n",
                "code_challenge": s256(verifier),
                "code_challenge_method": "S256",
            },
        )
        assert consent.status_code == 302
        return params_of(consent.headers["Location"])["code"]

    def form(code: str, verifier: str) -> dict[str, str]:
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            "client_id": GOOGLE_CLIENT_ID,
            "client_secret": GOOGLE_CLIENT_SECRET,
        }

    async with httpx.AsyncClient() as http:
        code = await new_code(http, "the-right-verifier-" + "x" * 30)
        wrong = await http.post(f"{fake.base_url}/token", data=form(code, "another-verifier" * 3))
        assert wrong.status_code == 400
        assert wrong.json()["error"] == "invalid_grant"
        assert fake.refusals[-1] == "code_verifier does not match the challenge"

        verifier = "the-right-verifier-" + "y" * 30
        code = await new_code(http, verifier)
        bad_secret = await http.post(
            f"{fake.base_url}/token", data={**form(code, verifier), "client_secret": "nope"}
        )
        assert bad_secret.status_code == 401
        # Client authentication with HTTP Basic works as well as in the body.
        body = form(code, verifier)
        del body["client_id"], body["client_secret"]
        ok = await http.post(
            f"{fake.base_url}/token", data=body, auth=(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)
        )
        assert ok.status_code == 200, ok.text
        assert {"access_token", "id_token"} <= set(ok.json())
        again = await http.post(f"{fake.base_url}/token", data=form(code, verifier))
        assert again.status_code == 400
        assert fake.refusals[-1] == "code already used"

        unregistered = await http.get(
            f"{fake.base_url}/authorize",
            params={"client_id": GOOGLE_CLIENT_ID, "redirect_uri": "https://evil.example/cb"},
        )
        assert unregistered.status_code == 400


# --- providers and start -------------------------------------------------------------------


async def test_providers_lists_only_configured_ones(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("google_client_id", "google_client_secret", "github_client_id"):
        monkeypatch.setattr(config, name, None)
    monkeypatch.setattr(config, "github_client_secret", None)
    assert await (await client.get("/api/auth/providers")).get_json() == {"items": []}

    monkeypatch.setattr(config, "google_client_id", "id")
    monkeypatch.setattr(config, "google_client_secret", "secret")
    monkeypatch.setattr(config, "github_client_id", "id-without-a-secret")
    body = await (await client.get("/api/auth/providers")).get_json()
    assert body == {"items": [{"id": "google", "name": "Google"}]}

    monkeypatch.setattr(config, "github_client_secret", "secret")
    body = await (await client.get("/api/auth/providers")).get_json()
    assert body["items"] == [{"id": "google", "name": "Google"}, {"id": "github", "name": "GitHub"}]


async def test_unknown_or_unconfigured_provider_is_404(
    client: TestClientProtocol,
    fake: FakeOAuthProvider,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unknown = await client.get("/api/auth/oauth/twitter/start")
    assert unknown.status_code == 404
    assert (await unknown.get_json())["code"] == "not_found"
    monkeypatch.setattr(config, "github_client_secret", None)
    unconfigured = await client.get("/api/auth/oauth/github/start")
    assert unconfigured.status_code == 404
    assert (await unconfigured.get_json())["code"] == "not_found"


async def test_start_keeps_a_single_use_state_with_pkce_and_nonce(
    client: TestClientProtocol, fake: FakeOAuthProvider, redis: ArqRedis, config: Config
) -> None:
    start = await client.get("/api/auth/oauth/google/start", query_string={"next": "/contacts"})
    assert start.status_code == 302
    location = start.headers["Location"]
    assert location.startswith(f"{fake.base_url}/authorize?")
    params = params_of(location)
    assert params["client_id"] == GOOGLE_CLIENT_ID
    assert params["redirect_uri"] == (
        f"{config.effective_public_url}/api/auth/oauth/google/callback"
    )
    assert params["response_type"] == "code"
    assert params["scope"] == "openid email profile"
    assert params["code_challenge_method"] == "S256"
    state = params["state"]
    assert len(state) >= 40

    key = f"inkwell:oauth:state:{state}"
    assert 0 < await redis.ttl(key) <= 600
    raw = await redis.get(key)
    assert raw is not None
    stored = json.loads(raw)
    assert stored["provider"] == "google"
    assert stored["next"] == "/contacts"
    assert stored["nonce"] == params["nonce"]
    assert s256(stored["code_verifier"]) == params["code_challenge"]
    assert stored["code_verifier"] not in location
    cookie = next(h for h in start.headers.getlist("Set-Cookie") if h.startswith(STATE_COOKIE))
    assert f"{STATE_COOKIE}={state};" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie

    github = await client.get("/api/auth/oauth/github/start")
    location = github.headers["Location"]
    assert location.startswith(f"{fake.base_url}/login/oauth/authorize?")
    params = params_of(location)
    assert params["client_id"] == GITHUB_CLIENT_ID
    assert params["scope"] == "read:user user:email"
    assert params["code_challenge_method"] == "S256"
    assert "nonce" not in params


async def test_unreachable_discovery_document_goes_back_to_login(
    client: TestClientProtocol,
    fake: FakeOAuthProvider,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "google_discovery_url", f"{fake.base_url}/missing")
    start = await client.get("/api/auth/oauth/google/start")
    assert start.status_code == 302
    assert start.headers["Location"] == "/login?error=oauth_failed"
    assert STATE_COOKIE not in set_cookie_names(start)
    assert await failures() == ["discovery_failed"]


async def test_start_is_rate_limited(
    client: TestClientProtocol,
    fake: FakeOAuthProvider,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(config.rate_limits, "oauth:ip", "2/minute")
    for _ in range(2):
        assert (await client.get("/api/auth/oauth/github/start")).status_code == 302
    limited = await client.get("/api/auth/oauth/github/start")
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0


# --- new and returning users ---------------------------------------------------------------


async def test_google_sign_up_creates_an_account_and_signs_in(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    fake.google_user = FakeUser(subject="g-100", email="Grace@Example.com", name="Grace Hopper")
    response = await sign_in_with(client, "google")
    assert response.headers["Location"] == "/chat"
    cookies = set_cookie_names(response)
    assert cookies["inkwell_session"]
    assert cookies[STATE_COOKIE] == ""  # the flow is over

    me = await client.get("/api/auth/me")
    assert me.status_code == 200
    body = await me.get_json()
    assert body["email"] == "grace@example.com"
    assert body["name"] == "Grace Hopper"
    assert body["workspace"]["plan"] == "free"
    assert body["role"] == "owner"
    user = await User.get(email="grace@example.com")
    assert user.email_verified_at is not None
    assert user.password_hash is None
    account = await OAuthAccount.get(provider="google", subject="g-100")
    assert account.user_id == user.id  # type: ignore[attr-defined]
    [event] = await AuditEvent.filter(action="oauth.signup")
    assert event.details["provider"] == "google"
    assert event.actor_id == user.id  # type: ignore[attr-defined]


async def test_github_sign_up_uses_the_primary_verified_email(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    fake.github_user = FakeUser(
        subject="583231",
        email="octo@example.com",
        name=None,
        login="octocat",
        other_emails=[{"email": "old@example.com", "primary": False, "verified": True}],
    )
    response = await sign_in_with(client, "github", "/contacts")
    assert response.headers["Location"] == "/contacts"
    body = await (await client.get("/api/auth/me")).get_json()
    assert body["email"] == "octo@example.com"
    assert body["name"] == "octocat"
    assert await OAuthAccount.exists(provider="github", subject="583231")
    assert not await User.exists(email="old@example.com")
    assert await AuditEvent.filter(action="oauth.signup").count() == 1


async def test_returning_user_signs_in_to_the_same_account(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    await sign_in_with(client, "google")
    first = await (await client.get("/api/auth/me")).get_json()
    assert client.cookie_jar is not None
    client.cookie_jar.clear()  # another day, another browser
    # The identity is the provider's subject; a changed address does not make a new account.
    fake.google_user.email = "grace.hopper@example.com"
    response = await sign_in_with(client, "google")
    assert response.headers["Location"] == "/chat"
    second = await (await client.get("/api/auth/me")).get_json()
    assert second["id"] == first["id"]
    assert await User.all().count() == 1
    assert await OAuthAccount.all().count() == 1
    actions = [e.action for e in await AuditEvent.all().order_by("id")]
    assert actions == ["oauth.signup", "oauth.login"]


async def test_callback_with_an_existing_session_replaces_it(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    old = await login_as(await make_user("ada@example.com"))
    for name, value in old.cookies.items():
        client.set_cookie("localhost", name, value)
    assert (await client.get("/api/auth/me")).status_code == 200
    response = await sign_in_with(client, "google")
    assert response.headers["Location"] == "/chat"
    assert set_cookie_names(response)["inkwell_session"] != old.token
    me = await (await client.get("/api/auth/me")).get_json()
    assert me["email"] == "grace@example.com"
    assert (await AuthSession.get(id=old.session.id)).revoked_at is not None


@pytest.mark.parametrize(
    ("next_path", "landing"),
    [
        ("/contacts", "/contacts"),
        ("/campaigns/1?tab=stats", "/campaigns/1?tab=stats"),
        (None, "/chat"),
        ("//evil.example", "/chat"),
        ("https://evil.example", "/chat"),
        ("/\\evil.example", "/chat"),
        ("/\t/evil.example", "/chat"),
        ("javascript:alert(1)", "/chat"),
    ],
)
async def test_next_only_ever_lands_on_this_site(
    client: TestClientProtocol, fake: FakeOAuthProvider, next_path: str | None, landing: str
) -> None:
    response = await sign_in_with(client, "github", next_path)
    assert response.headers["Location"] == landing


# --- state, codes and ID tokens ------------------------------------------------------------


async def test_callback_refuses_missing_unknown_reused_and_crossed_state(
    app: Quart, client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    async def callback(path: str, cookie_state: str | None) -> str:
        fresh = app.test_client()
        headers = {"Cookie": f"{STATE_COOKIE}={cookie_state}"} if cookie_state else None
        response = await fresh.get(path, headers=headers)
        assert response.status_code == 302
        assert "inkwell_session" not in set_cookie_names(response)
        return str(response.headers["Location"])

    assert await callback("/api/auth/oauth/google/callback?code=abc", None) == (
        "/login?error=oauth_state"
    )
    made_up = "/api/auth/oauth/google/callback?code=abc&state=made-up"
    assert await callback(made_up, "made-up") == "/login?error=oauth_state"
    assert await callback("/api/auth/oauth/twitter/callback?state=x", "x") == (
        "/login?error=oauth_state"
    )

    # Reused: the first use signs in, a replay (cookie and all) does not.
    path = await to_provider_and_back(client, "google")
    state = params_of(path)["state"]
    assert (await client.get(path)).headers["Location"] == "/chat"
    assert await callback(path, state) == "/login?error=oauth_state"

    # A state from a Google flow is no good at the GitHub callback, and is spent by trying.
    path = await to_provider_and_back(client, "google")
    state = params_of(path)["state"]
    crossed = path.replace("/google/", "/github/")
    assert await callback(crossed, state) == "/login?error=oauth_state"
    assert await callback(path, state) == "/login?error=oauth_state"

    assert await failures() == [
        "missing_state",
        "unknown_state",
        "unknown_state",
        "unknown_state",
        "provider_mismatch",
        "unknown_state",
    ]
    assert await User.all().count() == 1


async def test_state_started_in_another_browser_is_refused(
    app: Quart, client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    """Login CSRF: an attacker's callback URL opened in the victim's browser signs no one in."""
    path = await to_provider_and_back(client, "google")
    victim = app.test_client()
    refused = await victim.get(path)
    assert refused.headers["Location"] == "/login?error=oauth_state"
    assert "inkwell_session" not in set_cookie_names(refused)
    assert await failures() == ["state_not_from_this_browser"]
    # The browser that started the flow can still finish it.
    assert (await client.get(path)).headers["Location"] == "/chat"


async def test_provider_error_goes_back_to_login(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    fake.deny = "access_denied"
    response = await sign_in_with(client, "google")
    assert response.headers["Location"] == "/login?error=oauth_failed"
    assert await failures() == ["provider_error:access_denied"]
    assert not await User.exists()


async def test_reused_code_is_refused_by_the_provider(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    first = await to_provider_and_back(client, "github")
    assert (await client.get(first)).headers["Location"] == "/chat"
    # A fresh, valid state, but the code the provider already exchanged once.
    second = await to_provider_and_back(client, "github")
    replay = with_param(second, code=params_of(first)["code"])
    response = await client.get(replay)
    assert response.headers["Location"] == "/login?error=oauth_failed"
    assert fake.refusals[-1] == "code already used"
    assert await failures() == ["token:OAuthError"]


def _forged(fake: FakeOAuthProvider) -> None:
    fake.sign_with = rsa_key()  # same kid, a key the JWKS does not publish


def _expired(fake: FakeOAuthProvider) -> None:
    now = int(time.time())
    fake.id_token_claims = {"iat": now - 7200, "exp": now - 3600}


def _wrong_audience(fake: FakeOAuthProvider) -> None:
    fake.id_token_claims = {"aud": "someone-elses-client"}


def _wrong_nonce(fake: FakeOAuthProvider) -> None:
    fake.id_token_claims = {"nonce": "not-the-nonce-we-sent"}


def _no_nonce(fake: FakeOAuthProvider) -> None:
    fake.id_token_claims = {"nonce": None}


def _wrong_issuer(fake: FakeOAuthProvider) -> None:
    fake.id_token_claims = {"iss": "https://evil.example"}


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_forged, "id_token:BadSignatureError"),
        (_expired, "id_token:ExpiredTokenError:exp"),
        (_wrong_audience, "id_token:InvalidClaimError:aud"),
        (_wrong_nonce, "id_token:InvalidClaimError:nonce"),
        (_no_nonce, "id_token:MissingClaimError:nonce"),
        (_wrong_issuer, "id_token:InvalidClaimError:iss"),
    ],
)
async def test_bad_id_tokens_are_refused(
    client: TestClientProtocol,
    fake: FakeOAuthProvider,
    spoil: Callable[[FakeOAuthProvider], None],
    reason: str,
) -> None:
    spoil(fake)
    response = await sign_in_with(client, "google")
    assert response.headers["Location"] == "/login?error=oauth_failed"
    assert "inkwell_session" not in set_cookie_names(response)
    assert not await User.exists()
    assert await failures() == [reason]


async def test_codes_and_tokens_never_reach_logs_or_the_audit_log(
    client: TestClientProtocol, fake: FakeOAuthProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server_logs = []
    # Only what our server logs counts: the test's own trips to the provider are the browser's.
    ok = await to_provider_and_back(client, "github")
    caplog.clear()
    await client.get(ok)
    server_logs.append(caplog.text)
    second = await to_provider_and_back(client, "github")
    replay = with_param(second, code=params_of(ok)["code"])
    caplog.clear()
    await client.get(replay)
    server_logs.append(caplog.text)
    logged = "\n".join(server_logs)
    assert "oauth_provider_failed" in logged  # the failure was logged...
    secrets = [
        params_of(ok)["code"],
        params_of(ok)["state"],
        params_of(second)["code"],
        params_of(second)["state"],
        GITHUB_CLIENT_SECRET,
        *fake.access_tokens,
    ]
    audit = json.dumps([e.details for e in await AuditEvent.all()])
    for secret in secrets:  # ...without anything that could be replayed
        assert secret not in logged
        assert secret not in audit


# --- what the provider's address means -----------------------------------------------------


async def test_unverified_provider_email_matching_an_account_is_refused(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    await make_user("grace@example.com")
    fake.github_user.email_verified = False
    response = await sign_in_with(client, "github")
    assert response.headers["Location"] == "/login?error=oauth_email_taken"
    assert not await OAuthAccount.exists()
    assert await failures() == ["email_taken"]


async def test_unverified_provider_email_makes_no_account(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    fake.github_user.email_verified = False
    response = await sign_in_with(client, "github")
    assert response.headers["Location"] == "/login?error=oauth_email_unverified"
    assert not await User.exists()
    assert await failures() == ["email_unverified"]


async def test_provider_without_an_email_makes_no_account(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    fake.github_user.email = None
    response = await sign_in_with(client, "github")
    assert response.headers["Location"] == "/login?error=oauth_failed"
    assert not await User.exists()
    assert await failures() == ["no_email"]


# --- linking to an existing account --------------------------------------------------------


async def start_link(client: TestClientProtocol, provider: str = "google") -> dict[str, str]:
    response = await sign_in_with(client, provider)
    location = str(response.headers["Location"])
    assert location.startswith("/login/link?")
    # Nothing is signed in until the owner of the account confirms.
    assert "inkwell_session" not in set_cookie_names(response)
    return params_of(location)


async def test_link_with_the_account_password(
    client: TestClientProtocol, fake: FakeOAuthProvider, redis: ArqRedis
) -> None:
    user = await make_user("grace@example.com")
    link = await start_link(client)
    assert link["provider"] == "google"
    assert link["email"] == "grace@example.com"
    assert await redis.ttl(f"inkwell:oauth:link:{link['token']}") > 0
    assert (await client.get("/api/auth/me")).status_code == 401

    wrong = await client.post(
        "/api/auth/oauth/link/confirm", json={"token": link["token"], "password": "not it at all"}
    )
    assert wrong.status_code == 401
    assert (await wrong.get_json())["code"] == "invalid_credentials"
    assert not await OAuthAccount.exists()

    ok = await client.post(
        "/api/auth/oauth/link/confirm", json={"token": link["token"], "password": DEFAULT_PASSWORD}
    )
    assert ok.status_code == 200, await ok.get_data(as_text=True)
    assert (await ok.get_json())["id"] == str(user.id)
    assert set_cookie_names(ok)["inkwell_session"]
    assert (await client.get("/api/auth/me")).status_code == 200
    account = await OAuthAccount.get(provider="google", subject=fake.google_user.subject)
    assert account.user_id == user.id  # type: ignore[attr-defined]

    again = await client.post(
        "/api/auth/oauth/link/confirm",
        json={"token": link["token"], "password": DEFAULT_PASSWORD},
        headers=csrf_headers(client),
    )
    assert again.status_code == 400
    assert (await again.get_json())["code"] == "invalid_link_token"

    # From now on the provider signs straight in.
    assert client.cookie_jar is not None
    client.cookie_jar.clear()
    response = await sign_in_with(client, "google")
    assert response.headers["Location"] == "/chat"
    assert (await (await client.get("/api/auth/me")).get_json())["id"] == str(user.id)
    actions = [e.action for e in await AuditEvent.all().order_by("id")]
    assert actions == ["oauth.failed", "oauth.linked", "oauth.login"]
    assert await failures() == ["link_wrong_password"]


async def test_link_with_an_emailed_code(
    client: TestClientProtocol, fake: FakeOAuthProvider, inbox: Inbox
) -> None:
    user = await make_user("grace@example.com", verified=False)
    link = await start_link(client, "github")
    sent = await client.post("/api/auth/oauth/link/send-code", json={"token": link["token"]})
    assert sent.status_code == 202
    [(subject, text)] = await inbox.messages_to("grace@example.com")
    assert "connect a new sign-in method" in text
    code = await inbox.latest_code("grace@example.com")
    assert code in subject

    wrong_code = f"{(int(code) + 1) % 1_000_000:06d}"
    wrong = await client.post(
        "/api/auth/oauth/link/confirm", json={"token": link["token"], "code": wrong_code}
    )
    assert wrong.status_code == 400
    assert (await wrong.get_json())["code"] == "invalid_code"

    ok = await client.post(
        "/api/auth/oauth/link/confirm", json={"token": link["token"], "code": code}
    )
    assert ok.status_code == 200, await ok.get_data(as_text=True)
    await user.refresh_from_db()
    assert user.email_verified_at is not None
    assert await OAuthAccount.exists(provider="github", user_id=user.id)
    assert await AuditEvent.filter(action="oauth.linked").count() == 1


async def test_a_link_code_confirms_only_its_own_link(
    app: Quart, client: TestClientProtocol, fake: FakeOAuthProvider, inbox: Inbox
) -> None:
    await make_user("grace@example.com")
    mine = await start_link(client, "github")
    other_browser = app.test_client()
    theirs = await start_link(other_browser, "google")
    await other_browser.post("/api/auth/oauth/link/send-code", json={"token": theirs["token"]})
    code = await inbox.latest_code("grace@example.com")
    crossed = await client.post(
        "/api/auth/oauth/link/confirm", json={"token": mine["token"], "code": code}
    )
    assert crossed.status_code == 400
    assert (await crossed.get_json())["code"] == "invalid_code"
    assert not await OAuthAccount.exists()


async def test_unknown_link_token_and_malformed_proofs(
    client: TestClientProtocol, fake: FakeOAuthProvider
) -> None:
    confirm = await client.post(
        "/api/auth/oauth/link/confirm", json={"token": "no-such-token", "password": "x" * 10}
    )
    assert confirm.status_code == 400
    assert (await confirm.get_json())["code"] == "invalid_link_token"
    send = await client.post("/api/auth/oauth/link/send-code", json={"token": "no-such-token"})
    assert send.status_code == 400
    assert (await send.get_json())["code"] == "invalid_link_token"
    for proof in ({}, {"password": "x" * 10, "code": "123456"}):
        malformed = await client.post("/api/auth/oauth/link/confirm", json={"token": "t", **proof})
        assert malformed.status_code == 422
