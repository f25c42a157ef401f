"""The authorization layer: CSRF and origin, capabilities, API keys, rate limits."""

from __future__ import annotations

import pytest
from quart import Quart
from quart.typing import TestClientProtocol

from models.accounts import ApiKey, AuditEvent, Membership, Role, Workspace
from server.auth.sessions import create_session
from server.core.auth import CAPABILITIES, ROLE_CAPABILITIES, access_of
from server.core.config import Config
from tests.factories import login_as, make_user


async def test_unsafe_cookie_request_needs_matching_csrf(client: TestClientProtocol) -> None:
    login = await login_as(await make_user())
    cookie_only = {"Cookie": login.cookie_header}
    missing = await client.post("/api/auth/sessions/revoke-others", headers=cookie_only)
    assert missing.status_code == 403
    assert (await missing.get_json())["code"] == "csrf_failed"
    forged = await client.post(
        "/api/auth/sessions/revoke-others", headers={**cookie_only, "X-CSRF-Token": "x" * 64}
    )
    assert forged.status_code == 403
    # A token from another session of the same user is no good either.
    other = await login_as(login.user)
    crossed = await client.post(
        "/api/auth/sessions/revoke-others",
        headers={"Cookie": f"inkwell_session={login.token}; csrf_token={other.csrf}",
                 "X-CSRF-Token": other.csrf},
    )  # fmt: skip
    assert crossed.status_code == 403
    ok = await client.post("/api/auth/sessions/revoke-others", headers=login.headers())
    assert ok.status_code == 200
    # Safe methods need no token.
    assert (await client.get("/api/auth/me", headers=cookie_only)).status_code == 200


async def test_foreign_origin_is_refused(client: TestClientProtocol, config: Config) -> None:
    login = await login_as(await make_user())
    evil = await client.post(
        "/api/auth/sessions/revoke-others",
        headers={**login.headers(), "Origin": "https://evil.example"},
    )
    assert evil.status_code == 403
    assert (await evil.get_json())["code"] == "csrf_failed"
    by_referer = await client.post(
        "/api/auth/logout",
        headers={**login.headers(), "Referer": "https://evil.example/page"},
    )
    assert by_referer.status_code == 403
    # Login CSRF: an anonymous form post from another site is refused as well.
    anonymous = await client.post(
        "/api/auth/login",
        json={"email": "a@example.com", "password": "whatever you like"},
        headers={"Origin": "https://evil.example"},
    )
    assert anonymous.status_code == 403
    own = await client.post(
        "/api/auth/sessions/revoke-others",
        headers={**login.headers(), "Origin": config.effective_public_url},
    )
    assert own.status_code == 200


async def test_allowed_origins_are_configuration(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    login = await login_as(await make_user())
    monkeypatch.setattr(config, "allowed_origins", ["http://localhost:5173"])
    response = await client.post(
        "/api/auth/sessions/revoke-others",
        headers={**login.headers(), "Origin": "http://localhost:5173"},
    )
    assert response.status_code == 200


async def test_anonymous_and_forbidden(client: TestClientProtocol) -> None:
    assert (await client.get("/api/auth/me")).status_code == 401
    member = await login_as(await make_user(role=Role.member))
    response = await client.get("/api/api-keys", headers=member.headers())
    assert response.status_code == 403
    body = await response.get_json()
    assert body["code"] == "forbidden"
    assert body["details"] == {"capability": "api_keys:manage"}


def test_roles_map_to_capabilities() -> None:
    assert ROLE_CAPABILITIES[Role.owner] == frozenset(CAPABILITIES)
    assert "campaigns:send" not in ROLE_CAPABILITIES[Role.member]
    assert "billing:manage" not in ROLE_CAPABILITIES[Role.admin]
    assert ROLE_CAPABILITIES[Role.member] < ROLE_CAPABILITIES[Role.admin]


def test_every_api_endpoint_declares_its_access(app: Quart) -> None:
    undeclared = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.rule.startswith("/api/dev/"):
            continue
        view = app.view_functions[rule.endpoint]
        if access_of(view) is None:
            undeclared.append(rule.rule)
    assert undeclared == []


async def test_api_keys_carry_a_subset_and_are_shown_once(client: TestClientProtocol) -> None:
    owner = await login_as(await make_user())
    created = await client.post(
        "/api/api-keys",
        json={"name": "CI", "scopes": ["contacts:read", "workspace:read"]},
        headers=owner.headers(),
    )
    assert created.status_code == 201
    body = await created.get_json()
    secret = body["key"]
    assert secret.startswith(body["prefix"] + "_")
    stored = await ApiKey.get(id=body["id"])
    assert stored.key_hash != secret
    assert secret not in str(
        await (await client.get("/api/api-keys", headers=owner.headers())).get_json()
    )

    bearer = {"Authorization": f"Bearer {secret}"}
    me = await client.get("/api/auth/me", headers=bearer)
    assert me.status_code == 200
    assert sorted((await me.get_json())["capabilities"]) == ["contacts:read", "workspace:read"]
    # Beyond its scopes: forbidden, though its creator may.
    assert (await client.get("/api/api-keys", headers=bearer)).status_code == 403
    await stored.refresh_from_db()
    assert stored.last_used_at is not None

    revoke = await client.delete(f"/api/api-keys/{body['id']}", headers=owner.headers())
    assert revoke.status_code == 204
    gone = await client.get("/api/auth/me", headers=bearer)
    assert gone.status_code == 401
    assert (await gone.get_json())["code"] == "invalid_api_key"
    actions = [e.action for e in await AuditEvent.all().order_by("id")]
    assert actions == ["api_key.created", "api_key.revoked"]


async def test_bearer_requests_need_no_csrf(client: TestClientProtocol) -> None:
    owner = await login_as(await make_user())
    created = await client.post(
        "/api/api-keys",
        json={"name": "admin key", "scopes": ["api_keys:manage"]},
        headers=owner.headers(),
    )
    secret = (await created.get_json())["key"]
    response = await client.post(
        "/api/api-keys",
        json={"name": "made by a key", "scopes": ["api_keys:manage"]},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 201


async def test_a_key_cannot_exceed_its_creator(client: TestClientProtocol) -> None:
    admin = await login_as(await make_user(role=Role.admin))
    response = await client.post(
        "/api/api-keys",
        json={"name": "too much", "scopes": ["billing:manage", "nonsense:scope"]},
        headers=admin.headers(),
    )
    assert response.status_code == 422
    problems = (await response.get_json())["details"]["fields"]["scopes"]
    assert problems == ["unknown scope nonsense:scope", "you do not have billing:manage"]


async def test_rate_limit_answers_429_with_retry_after(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(config.rate_limits, "login:ip", "3/minute")
    await make_user("ada@example.com")
    statuses = []
    for _ in range(4):
        response = await client.post(
            "/api/auth/login", json={"email": "ada@example.com", "password": "wrong password!"}
        )
        statuses.append(response.status_code)
    assert statuses == [401, 401, 401, 429]
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert (await response.get_json())["code"] == "rate_limited"
    # The run of failures is in the audit log.
    assert await AuditEvent.filter(action="login.failed").count() == 3


async def test_account_limit_applies_across_addresses_of_callers(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(config.rate_limits, "send_code:account", "2/hour")
    payload = {"email": "Target@Example.com", "purpose": "login"}
    codes = [(await client.post("/api/auth/send-code", json=payload)).status_code
             for _ in range(3)]  # fmt: skip
    other = await client.post(
        "/api/auth/send-code", json={"email": "someone@example.com", "purpose": "login"}
    )
    assert codes == [202, 202, 429]
    assert other.status_code == 202


@pytest.mark.parametrize("action", ["register", "verify", "reset"])
async def test_each_public_flow_is_limited(
    client: TestClientProtocol,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
) -> None:
    monkeypatch.setitem(config.rate_limits, f"{action}:ip", "1/minute")
    path, body = {
        "register": ("/api/auth/register",
                     {"email": "x@example.com", "password": "long enough pass", "name": "X"}),
        "verify": ("/api/auth/verify", {"email": "x@example.com", "code": "000000"}),
        "reset": ("/api/auth/password-reset", {"email": "x@example.com"}),
    }[action]  # fmt: skip
    await client.post(path, json=body)
    limited = await client.post(path, json=body)
    assert limited.status_code == 429


async def test_a_session_acts_with_its_workspace_role_and_stops_when_the_member_leaves(
    client: TestClientProtocol,
) -> None:
    owner = await make_user()
    login = await login_as(owner)
    workspace_id = login.session.workspace_id  # type: ignore[attr-defined]
    colleague = await make_user()
    # Their session in the owner's workspace acts with the role held there, not their own.
    await Membership.create(user=colleague, workspace_id=workspace_id, role=Role.member)
    token, _ = await create_session(
        colleague, await Workspace.get(id=workspace_id), ip="127.0.0.1", user_agent="pytest"
    )
    cookie = {"Cookie": f"inkwell_session={token}"}
    me = await (await client.get("/api/auth/me", headers=cookie)).get_json()
    assert (me["role"], me["workspace"]["id"]) == ("member", str(workspace_id))
    assert (await client.get("/api/auth/me", headers=login.headers())).status_code == 200

    await Membership.filter(user=colleague, workspace_id=workspace_id).delete()
    assert (await client.get("/api/auth/me", headers=cookie)).status_code == 401
