"""A fake Google (OpenID Connect) and GitHub (OAuth 2.0 with PKCE) on a real local HTTP server.

It speaks the wire protocol the real providers speak, so the code under test runs the real
Authlib client end to end: the authorization URL it builds, client authentication, the PKCE
verifier, token parsing, bearer calls and the RS256 ID token with its JWKS. It is as strict as
the real thing (registered client and redirect URI, single-use codes, S256 only) and records
why it refused a request, so tests can tell one refusal from another.

Tests steer it: who signs in at each provider (``google_user``, ``github_user``), an error to
answer at the consent page (``deny``), and how to spoil the ID token (``id_token_claims``
overrides, ``sign_with`` a key the JWKS does not publish).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import unquote, urlencode

from aiohttp import web
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

Kind = Literal["google", "github"]
GOOGLE_CLIENT_ID = "fake-google-client.apps.example"
GOOGLE_CLIENT_SECRET = "fake-google-secret"
GITHUB_CLIENT_ID = "fake-github-client"
GITHUB_CLIENT_SECRET = "fake-github-secret"
KEY_ID = "fake-key-1"
REQUIRED_SCOPES: dict[Kind, set[str]] = {
    "google": {"openid", "email", "profile"},
    "github": {"read:user", "user:email"},
}


def s256(verifier: str) -> str:
    """The PKCE S256 code challenge of ``verifier`` (RFC 7636 section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def rsa_key(kid: str = KEY_ID) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class FakeUser:
    """An account at the provider. ``subject`` is Google's ``sub`` or GitHub's numeric id."""

    subject: str
    email: str | None
    email_verified: bool = True
    name: str | None = "Grace Hopper"
    login: str = "grace"
    # GitHub only: addresses besides the primary one, as /user/emails lists them.
    other_emails: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Grant:
    kind: Kind
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str | None
    scope: str
    user: FakeUser
    used: bool = False


class FakeOAuthProvider:
    def __init__(self, app_url: str) -> None:
        self.app_url = app_url.rstrip("/")
        self.base_url = ""
        self.google_user = FakeUser(subject="google-sub-1", email="grace@example.com")
        self.github_user = FakeUser(subject="4242", email="grace@example.com")
        self.deny: str | None = None
        self.id_token_claims: dict[str, Any] = {}
        self.sign_with: RSAKey | None = None
        self.key = rsa_key()
        self.refusals: list[str] = []
        self.authorize_requests: list[dict[str, str]] = []
        self._grants: dict[str, _Grant] = {}
        self._tokens: dict[str, FakeUser] = {}
        self._runner: web.AppRunner | None = None

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def discovery_url(self) -> str:
        return f"{self.base_url}/.well-known/openid-configuration"

    @property
    def access_tokens(self) -> list[str]:
        return list(self._tokens)

    @property
    def github_api_base(self) -> str:
        return f"{self.base_url}/api"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/.well-known/openid-configuration", self._discovery)
        app.router.add_get("/authorize", self._google_authorize)
        app.router.add_post("/token", self._google_token)
        app.router.add_get("/jwks", self._jwks)
        app.router.add_get("/login/oauth/authorize", self._github_authorize)
        app.router.add_post("/login/oauth/access_token", self._github_token)
        app.router.add_get("/api/user", self._github_user)
        app.router.add_get("/api/user/emails", self._github_emails)
        return app

    async def start(self) -> str:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- shared protocol -------------------------------------------------------------------

    def _client(self, kind: Kind) -> tuple[str, str]:
        if kind == "google":
            return GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET
        return GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET

    def _refuse(self, reason: str) -> None:
        self.refusals.append(reason)

    def _authorize(self, request: web.Request, kind: Kind) -> web.Response:
        query = dict(request.query)
        self.authorize_requests.append(query)
        client_id, _ = self._client(kind)
        redirect_uri = query.get("redirect_uri", "")
        # As at the real providers, a bad client or redirect URI is an error page, never a
        # redirect: the provider cannot trust where it would send the browser.
        if query.get("client_id") != client_id:
            self._refuse("unknown client_id")
            return web.Response(status=400, text="invalid_client")
        if redirect_uri != f"{self.app_url}/api/auth/oauth/{kind}/callback":
            self._refuse("redirect_uri not registered")
            return web.Response(status=400, text="redirect_uri_mismatch")

        def back(**params: str) -> web.Response:
            if "state" in query:
                params["state"] = query["state"]
            return web.Response(
                status=302, headers={"Location": f"{redirect_uri}?{urlencode(params)}"}
            )

        if self.deny:
            return back(error=self.deny, error_description="The user denied access.")
        if query.get("response_type") != "code":
            self._refuse("response_type is not code")
            return back(error="unsupported_response_type")
        challenge = query.get("code_challenge", "")
        if query.get("code_challenge_method") != "S256" or not challenge:
            self._refuse("no S256 code challenge")
            return back(error="invalid_request", error_description="PKCE S256 is required")
        if not REQUIRED_SCOPES[kind] <= set(query.get("scope", "").split()):
            self._refuse("scope missing")
            return back(error="invalid_scope")
        code = secrets.token_urlsafe(24)
        self._grants[code] = _Grant(
            kind=kind,
            client_id=client_id,
            redirect_uri=redirect_uri,
            challenge=challenge,
            nonce=query.get("nonce"),
            scope=query.get("scope", ""),
            user=self.google_user if kind == "google" else self.github_user,
        )
        return back(code=code)

    async def _exchange(self, request: web.Request, kind: Kind) -> tuple[_Grant | None, str, int]:
        """Check a token request; returns the grant, or None with an OAuth error and status."""
        form = await request.post()
        client_id, client_secret = self._client(kind)
        sent_id, sent_secret = str(form.get("client_id", "")), str(form.get("client_secret", ""))
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            decoded = base64.b64decode(header[6:]).decode()
            user, _, password = decoded.partition(":")
            sent_id, sent_secret = unquote(user), unquote(password)
        if (sent_id, sent_secret) != (client_id, client_secret):
            self._refuse("bad client credentials")
            return None, "invalid_client", 401
        if form.get("grant_type") != "authorization_code":
            self._refuse("grant_type is not authorization_code")
            return None, "unsupported_grant_type", 400
        grant = self._grants.get(str(form.get("code", "")))
        if grant is None or grant.kind != kind or grant.client_id != client_id:
            self._refuse("unknown code")
            return None, "invalid_grant", 400
        if grant.used:
            self._refuse("code already used")
            return None, "invalid_grant", 400
        # Spent by its first presentation, whether or not the rest checks out.
        grant.used = True
        if form.get("redirect_uri") != grant.redirect_uri:
            self._refuse("redirect_uri differs from the authorization request")
            return None, "invalid_grant", 400
        verifier = str(form.get("code_verifier", ""))
        if not verifier or s256(verifier) != grant.challenge:
            self._refuse("code_verifier does not match the challenge")
            return None, "invalid_grant", 400
        return grant, "", 200

    def _issue_access_token(self, grant: _Grant) -> str:
        token = secrets.token_urlsafe(32)
        self._tokens[token] = grant.user
        return token

    def _bearer_user(self, request: web.Request) -> FakeUser | None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() not in ("bearer", "token"):
            return None
        return self._tokens.get(token.strip())

    # --- Google ----------------------------------------------------------------------------

    async def _discovery(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": self.base_url,
                "authorization_endpoint": f"{self.base_url}/authorize",
                "token_endpoint": f"{self.base_url}/token",
                "jwks_uri": f"{self.base_url}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post",
                    "client_secret_basic",
                ],
                "code_challenge_methods_supported": ["S256"],
                "claims_supported": ["aud", "email", "email_verified", "exp", "iat", "iss", "sub"],
            }
        )

    async def _jwks(self, request: web.Request) -> web.Response:
        return web.json_response(dict(KeySet([self.key]).as_dict(private=False)))

    async def _google_authorize(self, request: web.Request) -> web.Response:
        return self._authorize(request, "google")

    async def _google_token(self, request: web.Request) -> web.Response:
        grant, error, status = await self._exchange(request, "google")
        if grant is None:
            return web.json_response(
                {"error": error, "error_description": "Bad Request"}, status=status
            )
        return web.json_response(
            {
                "access_token": self._issue_access_token(grant),
                "token_type": "Bearer",
                "expires_in": 3599,
                "scope": grant.scope,
                "id_token": self.id_token(grant),
            }
        )

    def id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        user = grant.user
        claims: dict[str, Any] = {
            "iss": self.base_url,
            "azp": grant.client_id,
            "aud": grant.client_id,
            "sub": user.subject,
            "email": user.email,
            "email_verified": user.email_verified,
            "name": user.name,
            "nonce": grant.nonce,
            "iat": now,
            "exp": now + 3600,
        }
        claims.update(self.id_token_claims)
        claims = {k: v for k, v in claims.items() if v is not None}
        header = {"alg": "RS256", "typ": "JWT", "kid": KEY_ID}
        return jwt.encode(header, claims, self.sign_with or self.key)

    # --- GitHub ----------------------------------------------------------------------------

    async def _github_authorize(self, request: web.Request) -> web.Response:
        return self._authorize(request, "github")

    async def _github_token(self, request: web.Request) -> web.Response:
        grant, error, _ = await self._exchange(request, "github")
        wants_json = "application/json" in request.headers.get("Accept", "")
        if grant is None:
            # GitHub answers token errors with 200 and an error body.
            body = {"error": "bad_verification_code" if error == "invalid_grant" else error}
            body["error_description"] = "The code passed is incorrect or expired."
        else:
            body = {
                "access_token": self._issue_access_token(grant),
                "token_type": "bearer",
                "scope": grant.scope.replace(" ", ","),
            }
        if wants_json:
            return web.json_response(body)
        return web.Response(text=urlencode(body), content_type="application/x-www-form-urlencoded")

    async def _github_user(self, request: web.Request) -> web.Response:
        user = self._bearer_user(request)
        if user is None:
            return web.json_response({"message": "Bad credentials"}, status=401)
        return web.json_response(
            {"id": int(user.subject), "login": user.login, "name": user.name, "email": None}
        )

    async def _github_emails(self, request: web.Request) -> web.Response:
        user = self._bearer_user(request)
        if user is None:
            return web.json_response({"message": "Bad credentials"}, status=401)
        emails = list(user.other_emails)
        if user.email is not None:
            primary = {"email": user.email, "primary": True, "verified": user.email_verified}
            emails.insert(0, {**primary, "visibility": "private"})
        return web.json_response(emails)
