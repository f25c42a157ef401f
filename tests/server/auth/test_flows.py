"""Every account flow over HTTP, with codes read from mail a real SMTP server received."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from http.cookies import SimpleCookie
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.accounts import AuditEvent, AuthCode, AuthSession, User
from server.auth import passwords
from server.core.config import Config
from tests.factories import DEFAULT_PASSWORD, login_as, make_user
from tests.server.auth.conftest import Inbox

PASSWORD = "a long unusual passphrase"


def set_cookies(response: Any) -> dict[str, SimpleCookie]:
    jar: dict[str, SimpleCookie] = {}
    for header in response.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        for name in cookie:
            jar[name] = cookie
    return jar


def jar(client: TestClientProtocol) -> CookieJar:
    cookies = client.cookie_jar
    assert cookies is not None
    return cookies


def csrf_headers(client: TestClientProtocol) -> dict[str, str]:
    token = next((c.value for c in jar(client) if c.name == "csrf_token"), None)
    return {"X-CSRF-Token": token or ""}


async def signup_and_verify(
    client: TestClientProtocol, inbox: Inbox, email: str = "new@example.com"
) -> dict[str, Any]:
    response = await client.post(
        "/api/auth/register", json={"email": email, "password": PASSWORD, "name": "Grace"}
    )
    assert response.status_code == 201
    code = await inbox.latest_code(email)
    verified = await client.post("/api/auth/verify", json={"email": email, "code": code})
    assert verified.status_code == 200, await verified.get_data(as_text=True)
    body: dict[str, Any] = await verified.get_json()
    return body


async def test_signup_verify_me_logout_login(client: TestClientProtocol, inbox: Inbox) -> None:
    response = await client.post(
        "/api/auth/register",
        json={"email": "Grace@Example.COM", "password": PASSWORD, "name": "Grace"},
    )
    assert response.status_code == 201
    assert await response.get_json() == {
        "status": "pending_verification",
        "email": "grace@example.com",
    }
    # Not verified yet: the password alone does not open the account.
    early = await client.post(
        "/api/auth/login", json={"email": "grace@example.com", "password": PASSWORD}
    )
    assert early.status_code == 403
    assert (await early.get_json())["code"] == "email_unverified"

    [(subject, text)] = await inbox.messages_to("grace@example.com")
    code = await inbox.latest_code("grace@example.com")
    assert code in subject
    assert "expires in 10 minutes" in text
    verified = await client.post(
        "/api/auth/verify", json={"email": "grace@example.com", "code": code}
    )
    assert verified.status_code == 200
    me = await verified.get_json()
    assert me["email"] == "grace@example.com"
    assert me["workspace"]["plan"] == "free"
    assert me["role"] == "owner"
    assert "campaigns:send" in me["capabilities"]
    cookies = set_cookies(verified)
    session_cookie = cookies["inkwell_session"]["inkwell_session"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    assert not cookies["csrf_token"]["csrf_token"]["httponly"]

    assert (await client.get("/api/auth/me")).status_code == 200
    out = await client.post("/api/auth/logout", headers=csrf_headers(client))
    assert out.status_code == 204
    assert (await client.get("/api/auth/me")).status_code == 401

    back = await client.post(
        "/api/auth/login", json={"email": "GRACE@example.com", "password": PASSWORD}
    )
    assert back.status_code == 200
    assert (await client.get("/api/auth/me")).status_code == 200
    actions = [e.action for e in await AuditEvent.all().order_by("id")]
    assert actions == ["user.registered", "email.verified", "logout", "login.succeeded"]


async def test_register_answers_the_same_for_known_addresses(
    client: TestClientProtocol, inbox: Inbox
) -> None:
    await make_user("known@example.com")
    body = {"password": PASSWORD, "name": "X"}
    known = await client.post("/api/auth/register", json={**body, "email": "known@example.com"})
    fresh = await client.post("/api/auth/register", json={**body, "email": "fresh@example.com"})
    assert known.status_code == fresh.status_code == 201
    assert (await known.get_json())["status"] == (await fresh.get_json())["status"]
    assert known.headers.get("Set-Cookie") is None
    # The owner of the known address is told, without a code; nothing about them changed.
    [(subject, text)] = await inbox.messages_to("known@example.com")
    assert subject == "You already have an Inkwell account"
    assert not any(ch.isdigit() for ch in text.split("Sign in")[0])
    user = await User.get(email="known@example.com")
    assert await passwords.verify_password(user.password_hash, DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/api/auth/send-code", {"purpose": "password_reset"}),
        ("/api/auth/send-code", {"purpose": "login"}),
        ("/api/auth/password-reset", {}),
    ],
)
async def test_code_requests_do_not_reveal_accounts(
    client: TestClientProtocol, inbox: Inbox, path: str, payload: dict[str, str]
) -> None:
    await make_user("known@example.com")
    known = await client.post(path, json={**payload, "email": "known@example.com"})
    unknown = await client.post(path, json={**payload, "email": "ghost@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert await known.get_json() == await unknown.get_json()
    assert len(await inbox.messages_to("known@example.com")) == 1
    assert await inbox.messages_to("ghost@example.com") == []


async def test_login_does_not_tell_unknown_from_wrong(client: TestClientProtocol) -> None:
    await make_user("ada@example.com")
    wrong = await client.post(
        "/api/auth/login", json={"email": "ada@example.com", "password": "nope nope nope"}
    )
    unknown = await client.post(
        "/api/auth/login", json={"email": "nobody@example.com", "password": "nope nope nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert await wrong.get_json() == await unknown.get_json()
    assert (await wrong.get_json())["code"] == "invalid_credentials"
    failures = await AuditEvent.filter(action="login.failed").count()
    assert failures == 2


async def test_login_rotates_the_session(client: TestClientProtocol) -> None:
    user = await make_user("ada@example.com")
    old = await login_as(user)
    for name, value in old.cookies.items():
        jar(client).set_cookie(_cookie(name, value))
    # A browser with a session sends its CSRF token on every unsafe request, login included.
    response = await client.post(
        "/api/auth/login",
        json={"email": "ada@example.com", "password": DEFAULT_PASSWORD},
        headers={"X-CSRF-Token": old.csrf},
    )
    assert response.status_code == 200
    new_token = set_cookies(response)["inkwell_session"]["inkwell_session"].value
    assert new_token != old.token
    assert (await AuthSession.get(id=old.session.id)).revoked_at is not None


def _cookie(name: str, value: str) -> Any:
    from http.cookiejar import Cookie

    return Cookie(
        0, name, value, None, False, "localhost.local", True, False, "/", True, False,
        None, False, None, None, {},
    )  # fmt: skip


async def test_login_rehashes_when_parameters_change(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = await make_user("ada@example.com")
    old_hash = user.password_hash
    assert old_hash is not None
    monkeypatch.setattr(config, "argon2_time_cost", 2)
    assert passwords.needs_rehash(old_hash)
    response = await client.post(
        "/api/auth/login", json={"email": "ada@example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    await user.refresh_from_db()
    assert user.password_hash != old_hash
    assert user.password_hash is not None
    assert not passwords.needs_rehash(user.password_hash)
    assert "t=2" in user.password_hash


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "at least 8"),
        ("password1", "too common"),
        ("iloveyou", "too common"),
        ("x" * 257, "at most 256"),
    ],
)
async def test_password_policy(client: TestClientProtocol, password: str, reason: str) -> None:
    response = await client.post(
        "/api/auth/register", json={"email": "p@example.com", "password": password, "name": "P"}
    )
    assert response.status_code == 422
    body = await response.get_json()
    assert body["code"] == "weak_password"
    assert reason in body["details"]["fields"]["password"][0]
    assert not await User.exists(email="p@example.com")


async def test_long_passwords_up_to_256_are_accepted(
    client: TestClientProtocol, inbox: Inbox
) -> None:
    response = await client.post(
        "/api/auth/register",
        json={"email": "long@example.com", "password": "ab1-" * 64, "name": "L"},
    )
    assert response.status_code == 201


async def test_invalid_email_is_a_field_error(client: TestClientProtocol) -> None:
    response = await client.post(
        "/api/auth/register", json={"email": "not-an-email", "password": PASSWORD, "name": "N"}
    )
    assert response.status_code == 422
    assert "email" in (await response.get_json())["details"]["fields"]


async def test_wrong_codes_kill_the_code_after_five(
    client: TestClientProtocol, inbox: Inbox
) -> None:
    await client.post(
        "/api/auth/register", json={"email": "c@example.com", "password": PASSWORD, "name": "C"}
    )
    code = await inbox.latest_code("c@example.com")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        response = await client.post(
            "/api/auth/verify", json={"email": "c@example.com", "code": wrong}
        )
        assert response.status_code == 400
        assert (await response.get_json())["code"] == "invalid_code"
    dead = await client.post("/api/auth/verify", json={"email": "c@example.com", "code": code})
    assert dead.status_code == 400
    assert await AuditEvent.filter(action="code.failed").count() == 6


async def test_codes_are_single_use_expire_and_are_voided_by_newer(
    client: TestClientProtocol, inbox: Inbox
) -> None:
    await make_user("c@example.com")
    await client.post("/api/auth/send-code", json={"email": "c@example.com", "purpose": "login"})
    first = await inbox.latest_code("c@example.com")
    await client.post("/api/auth/send-code", json={"email": "c@example.com", "purpose": "login"})
    second = await inbox.latest_code("c@example.com")
    payload = {"email": "c@example.com", "purpose": "login"}
    if first != second:
        voided = await client.post("/api/auth/verify", json={**payload, "code": first})
        assert voided.status_code == 400
    ok = await client.post("/api/auth/verify", json={**payload, "code": second})
    assert ok.status_code == 200
    jar(client).clear()  # as a second device would
    again = await client.post("/api/auth/verify", json={**payload, "code": second})
    assert again.status_code == 400

    await client.post("/api/auth/send-code", json={"email": "c@example.com", "purpose": "login"})
    third = await inbox.latest_code("c@example.com")
    await AuthCode.filter(used_at__isnull=True, voided_at__isnull=True).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    expired = await client.post("/api/auth/verify", json={**payload, "code": third})
    assert expired.status_code == 400


async def test_code_is_bound_to_its_purpose(client: TestClientProtocol, inbox: Inbox) -> None:
    await make_user("c@example.com")
    await client.post("/api/auth/password-reset", json={"email": "c@example.com"})
    reset_code = await inbox.latest_code("c@example.com")
    response = await client.post(
        "/api/auth/verify", json={"email": "c@example.com", "code": reset_code, "purpose": "login"}
    )
    assert response.status_code == 400
    row = await AuthCode.get(email="c@example.com")
    assert row.code_hash != reset_code
    assert len(row.code_hash) == 64


async def test_password_reset_ends_every_other_session(
    client: TestClientProtocol, inbox: Inbox
) -> None:
    user = await make_user("r@example.com")
    elsewhere = await login_as(user)
    assert (
        await client.post("/api/auth/password-reset", json={"email": "r@example.com"})
    ).status_code == 202
    code = await inbox.latest_code("r@example.com")
    weak = await client.post(
        "/api/auth/password-reset/confirm",
        json={"email": "r@example.com", "code": code, "password": "password"},
    )
    assert weak.status_code == 422
    done = await client.post(
        "/api/auth/password-reset/confirm",
        json={"email": "r@example.com", "code": code, "password": "brand new passphrase"},
    )
    assert done.status_code == 200, await done.get_data(as_text=True)
    assert (await client.get("/api/auth/me")).status_code == 200
    stale = await client.get("/api/auth/me", headers=elsewhere.headers(unsafe=False))
    assert stale.status_code == 401
    relogin = await client.post(
        "/api/auth/login",
        json={"email": "r@example.com", "password": "brand new passphrase"},
        headers=csrf_headers(client),
    )
    assert relogin.status_code == 200
    assert await AuditEvent.filter(action="password.reset").exists()


async def test_password_change_keeps_this_session_only(client: TestClientProtocol) -> None:
    user = await make_user("p@example.com")
    here, there = await login_as(user), await login_as(user)
    wrong = await client.post(
        "/api/auth/password",
        json={"current_password": "wrong wrong", "new_password": "another passphrase"},
        headers=here.headers(),
    )
    assert wrong.status_code == 400
    assert "current_password" in (await wrong.get_json())["details"]["fields"]
    ok = await client.post(
        "/api/auth/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "another passphrase"},
        headers=here.headers(),
    )
    assert ok.status_code == 200
    assert (await client.get("/api/auth/me", headers=here.headers())).status_code == 200
    assert (await client.get("/api/auth/me", headers=there.headers())).status_code == 401
    assert await AuditEvent.filter(action="password.changed").exists()


async def test_session_list_and_sign_out_others(client: TestClientProtocol) -> None:
    user = await make_user()
    here, there, third = await login_as(user), await login_as(user), await login_as(user)
    listed = await (await client.get("/api/auth/sessions", headers=here.headers())).get_json()
    assert len(listed["items"]) == 3
    assert [s["current"] for s in listed["items"]].count(True) == 1
    one = await client.delete(f"/api/auth/sessions/{third.session.id}", headers=here.headers())
    assert one.status_code == 204
    response = await client.post("/api/auth/sessions/revoke-others", headers=here.headers())
    assert await response.get_json() == {"revoked": 1}
    assert (await client.get("/api/auth/me", headers=there.headers())).status_code == 401
    assert (await client.get("/api/auth/me", headers=here.headers())).status_code == 200
    missing = await client.delete(f"/api/auth/sessions/{third.session.id}", headers=here.headers())
    assert missing.status_code == 404
    actions = {e.action for e in await AuditEvent.all()}
    assert {"session.revoked", "session.revoked_others"} <= actions


async def test_idle_and_absolute_session_limits(client: TestClientProtocol, config: Config) -> None:
    user = await make_user()
    idle, old = await login_as(user), await login_as(user)
    await AuthSession.filter(id=idle.session.id).update(
        last_seen_at=datetime.now(UTC) - timedelta(minutes=config.session_idle_minutes + 1)
    )
    await AuthSession.filter(id=old.session.id).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    assert (await client.get("/api/auth/me", headers=idle.headers())).status_code == 401
    assert (await client.get("/api/auth/me", headers=old.headers())).status_code == 401


async def test_production_cookies_are_host_prefixed_and_secure(
    client: TestClientProtocol, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    from server.core.config import AppEnv

    await make_user("prod@example.com")
    monkeypatch.setattr(config, "app_env", AppEnv.production)
    response = await client.post(
        "/api/auth/login", json={"email": "prod@example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    cookies = set_cookies(response)
    session = cookies["__Host-inkwell_session"]["__Host-inkwell_session"]
    assert session["secure"]
    assert session["httponly"]
    assert session["path"] == "/"
    assert not session["domain"]
    assert cookies["csrf_token"]["csrf_token"]["secure"]
    assert "inkwell_session" not in cookies


async def test_a_retried_code_job_sends_one_code(inbox: Inbox) -> None:
    from models.accounts import CodePurpose
    from server.auth import service

    await make_user("once@example.com")
    assert await service.deliver_code("once@example.com", CodePurpose.login, "key-1")
    assert not await service.deliver_code("once@example.com", CodePurpose.login, "key-1")
    assert not await service.deliver_code("ghost@example.com", CodePurpose.login, "key-2")
    assert await AuthCode.filter(email="once@example.com").count() == 1
    assert len(await inbox.messages_to("once@example.com")) == 1
