"""Account flows: register, codes, verify, login, logout, password reset and change, sessions,
API keys.

Answers never reveal whether an address has an account: register, send-code and reset behave
the same (mail goes out through the outbox either way, a password is always hashed), and login
says ``invalid_credentials`` for an unknown address and a wrong password alike.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from email_validator import EmailNotValidError, validate_email

from models.accounts import (
    ApiKey,
    AuthCode,
    AuthSession,
    CodePurpose,
    Membership,
    Role,
    User,
    Workspace,
)
from server.audit import service as audit
from server.auth import codes, passwords, sessions
from server.auth.emails import code_email, existing_account_email
from server.auth.schemas import ApiKeyCreated, ApiKeyRead, Me, SessionRead, WorkspaceRead
from server.core import outbox, ratelimit
from server.core.auth import CAPABILITIES, Actor, token_hash
from server.core.db import transaction
from server.core.errors import AppError, NotFound, ValidationFailed
from server.mail.service import queue_mail


class InvalidCredentials(AppError):
    code = "invalid_credentials"
    status = 401
    message = "The email or password is wrong."


class EmailUnverified(AppError):
    code = "email_unverified"
    status = 403
    message = "Confirm your email address first: we can send you a new code."


class WrongPassword(AppError):
    code = "wrong_password"
    status = 400
    message = "The current password is wrong."

    def __init__(self) -> None:
        super().__init__(details={"fields": {"current_password": [self.message]}})


@dataclass(frozen=True)
class Client:
    """Where a request came from, for rate limits and the audit log."""

    ip: str
    user_agent: str | None = None


@dataclass
class SignedIn:
    token: str
    session: AuthSession
    user: User


def normalize_email(raw: str, field: str = "email") -> str:
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed(
            "Enter a valid email address.", details={"fields": {field: [str(exc)]}}
        ) from exc
    return result.normalized.lower()


async def home_workspace(user: User) -> Workspace:
    membership = (
        await Membership.filter(user=user).order_by("created_at").prefetch_related("workspace")
    ).pop(0)
    return membership.workspace


async def sign_in(user: User, client: Client, action: str, **details: object) -> SignedIn:
    workspace = await home_workspace(user)
    token, session = await sessions.create_session(
        user, workspace, ip=client.ip, user_agent=client.user_agent
    )
    await audit.record(
        action,
        actor=user,
        workspace=workspace,
        ip=client.ip,
        user_agent=client.user_agent,
        session_id=str(session.id),
        **details,
    )
    return SignedIn(token, session, user)


async def register(email: str, password: str, name: str, client: Client) -> str:
    email = normalize_email(email)
    await ratelimit.hit("register", ip=client.ip, account=email)
    passwords.check_policy(password, email=email)
    # Hashed whatever happens next, so a known address takes as long as a new one.
    password_hash = await passwords.hash_password(password)
    async with transaction():
        user = await User.filter(email=email).select_for_update().first()
        if user is None:
            user = await User.create(
                id=uuid.uuid4(), email=email, name=name.strip(), password_hash=password_hash
            )
            workspace = await Workspace.create(id=uuid.uuid4(), name=f"{name.strip()}'s workspace")
            await Membership.create(user=user, workspace=workspace, role=Role.owner)
            await audit.record(
                "user.registered",
                actor=user,
                workspace=workspace,
                ip=client.ip,
                user_agent=client.user_agent,
            )
            code = await codes.issue_code(email, CodePurpose.verify_email)
            await queue_mail(code_email(email, code, CodePurpose.verify_email))
        elif user.email_verified_at is None:
            # Nobody has proven this address yet: the latest sign-up's password wins, so a
            # stranger who registered it first cannot keep a password on the owner's account.
            user.name, user.password_hash = name.strip(), password_hash
            await user.save(update_fields=["name", "password_hash"])
            code = await codes.issue_code(email, CodePurpose.verify_email)
            await queue_mail(code_email(email, code, CodePurpose.verify_email))
        else:
            await queue_mail(existing_account_email(email))
    return email


async def send_code(email: str, purpose: CodePurpose, client: Client) -> None:
    email = normalize_email(email)
    await ratelimit.hit("send_code", ip=client.ip, account=email)
    await _request_code(email, purpose)


async def _request_code(email: str, purpose: CodePurpose) -> None:
    """Hand the code to the worker without looking the address up here.

    The request does the same work whether or not the address has an account (one outbox row),
    so its timing tells nothing; the job decides whether a code goes out.
    """
    request_key = uuid.uuid4().hex
    async with transaction():
        await outbox.enqueue(
            "deliver_code", email, purpose.value, request_key, job_id=f"code:{request_key}"
        )


async def deliver_code(email: str, purpose: CodePurpose, request_key: str) -> bool:
    """The job behind send-code and password reset; True when a code was mailed.

    Idempotent: a retried job finds the code it already issued and sends nothing more.
    """
    async with transaction():
        if await AuthCode.filter(email=email, payload__contains={"request": request_key}).exists():
            return False
        user = await User.get_or_none(email=email)
        if user is None:
            return False
        if purpose is CodePurpose.verify_email and user.email_verified_at is not None:
            return False
        code = await codes.issue_code(email, purpose, {"request": request_key})
        await queue_mail(code_email(email, code, purpose))
    return True


async def _consume(email: str, purpose: CodePurpose, code: str, client: Client) -> None:
    try:
        await codes.consume_code(email, purpose, code)
    except codes.InvalidCode:
        user = await User.get_or_none(email=email)
        await audit.record(
            "code.failed",
            actor=user,
            ip=client.ip,
            user_agent=client.user_agent,
            purpose=purpose.value,
        )
        raise


async def verify(email: str, code: str, purpose: CodePurpose, client: Client) -> SignedIn:
    """Confirm an emailed code (address verification or passwordless sign-in)."""
    email = normalize_email(email)
    await ratelimit.hit("verify", ip=client.ip, account=email)
    await _consume(email, purpose, code, client)
    async with transaction():
        user = await User.filter(email=email).select_for_update().first()
        if user is None:
            raise codes.InvalidCode()
        if user.email_verified_at is None:
            user.email_verified_at = datetime.now(UTC)
            await user.save(update_fields=["email_verified_at"])
        action = "login.code" if purpose is CodePurpose.login else "email.verified"
        return await sign_in(user, client, action)


async def login(
    email: str, password: str, client: Client, *, previous_token: str | None
) -> SignedIn:
    try:
        email = normalize_email(email)
    except ValidationFailed:
        raise InvalidCredentials() from None
    await ratelimit.hit("login", ip=client.ip, account=email)
    user = await User.get_or_none(email=email)
    if not await passwords.verify_password(user.password_hash if user else None, password):
        await audit.record("login.failed", actor=user, ip=client.ip, user_agent=client.user_agent)
        raise InvalidCredentials()
    if user is None or user.password_hash is None:  # verify_password already said no
        raise InvalidCredentials()
    if user.email_verified_at is None:
        raise EmailUnverified()
    async with transaction():
        if passwords.needs_rehash(user.password_hash):
            user.password_hash = await passwords.hash_password(password)
            await user.save(update_fields=["password_hash"])
        if previous_token:
            # The session the browser arrived with is replaced, never reused.
            await AuthSession.filter(token_hash=token_hash(previous_token)).update(
                revoked_at=datetime.now(UTC)
            )
        return await sign_in(user, client, "login.succeeded")


async def logout(actor: Actor, client: Client) -> None:
    if actor.session is None:
        return
    async with transaction():
        await sessions.revoke_session(actor.session.id, actor.user)
        await audit.record(
            "logout", actor=actor.user, workspace=actor.workspace, ip=client.ip,
            user_agent=client.user_agent, session_id=str(actor.session.id),
        )  # fmt: skip


async def request_password_reset(email: str, client: Client) -> None:
    email = normalize_email(email)
    await ratelimit.hit("reset", ip=client.ip, account=email)
    await _request_code(email, CodePurpose.password_reset)


async def confirm_password_reset(
    email: str, code: str, new_password: str, client: Client
) -> SignedIn:
    email = normalize_email(email)
    await ratelimit.hit("reset", ip=client.ip, account=email)
    # Checked first, so a refused password does not burn the code.
    passwords.check_policy(new_password, email=email)
    await _consume(email, CodePurpose.password_reset, code, client)
    new_hash = await passwords.hash_password(new_password)
    async with transaction():
        user = await User.filter(email=email).select_for_update().first()
        if user is None:
            raise codes.InvalidCode()
        now = datetime.now(UTC)
        user.password_hash, user.password_changed_at = new_hash, now
        # Reading the code proved the address.
        user.email_verified_at = user.email_verified_at or now
        await user.save(update_fields=["password_hash", "password_changed_at", "email_verified_at"])
        revoked = await sessions.revoke_all(user)
        return await sign_in(user, client, "password.reset", sessions_revoked=revoked)


async def change_password(actor: Actor, current: str, new_password: str, client: Client) -> None:
    user = actor.user
    if not await passwords.verify_password(user.password_hash, current):
        await audit.record(
            "password.change_failed", actor=user, workspace=actor.workspace, ip=client.ip
        )
        raise WrongPassword()
    passwords.check_policy(new_password, field="new_password", email=user.email)
    new_hash = await passwords.hash_password(new_password)
    async with transaction():
        user.password_hash, user.password_changed_at = new_hash, datetime.now(UTC)
        await user.save(update_fields=["password_hash", "password_changed_at"])
        keep = actor.session.id if actor.session is not None else None
        revoked = await sessions.revoke_all(user, except_id=keep)
        await audit.record(
            "password.changed", actor=user, workspace=actor.workspace, ip=client.ip,
            user_agent=client.user_agent, sessions_revoked=revoked,
        )  # fmt: skip


def me(actor: Actor) -> Me:
    return Me(
        id=actor.user.id,
        email=actor.user.email,
        name=actor.user.name,
        workspace=WorkspaceRead(
            id=actor.workspace.id, name=actor.workspace.name, plan=actor.workspace.plan
        ),
        role=actor.role,
        capabilities=sorted(actor.capabilities),
    )


async def list_sessions(actor: Actor) -> list[SessionRead]:
    current = actor.session.id if actor.session is not None else None
    return [
        SessionRead(
            id=s.id,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            ip=s.ip,
            user_agent=s.user_agent,
            current=s.id == current,
        )
        for s in await sessions.active_sessions(actor.user)
    ]


async def revoke_session(actor: Actor, session_id: uuid.UUID, client: Client) -> None:
    async with transaction():
        if not await sessions.revoke_session(session_id, actor.user):
            raise NotFound("No such session.")
        await audit.record(
            "session.revoked", actor=actor.user, workspace=actor.workspace, ip=client.ip,
            session_id=str(session_id),
        )  # fmt: skip


async def revoke_other_sessions(actor: Actor, client: Client) -> int:
    async with transaction():
        keep = actor.session.id if actor.session is not None else None
        revoked = await sessions.revoke_all(actor.user, except_id=keep)
        await audit.record(
            "session.revoked_others", actor=actor.user, workspace=actor.workspace,
            ip=client.ip, count=revoked,
        )  # fmt: skip
    return revoked


def _key_read(key: ApiKey) -> ApiKeyRead:
    return ApiKeyRead(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        scopes=list(key.scopes),
        created_at=key.created_at,
        last_used_at=key.last_used_at,
        revoked_at=key.revoked_at,
    )


async def create_api_key(
    actor: Actor, name: str, scopes: list[str], client: Client
) -> ApiKeyCreated:
    unknown = sorted(set(scopes) - set(CAPABILITIES))
    beyond = sorted(set(scopes) - actor.capabilities - set(unknown))
    if unknown or beyond:
        problems = [f"unknown scope {s}" for s in unknown]
        problems += [f"you do not have {s}" for s in beyond]
        raise ValidationFailed(
            "A key can carry only permissions you have.", details={"fields": {"scopes": problems}}
        )
    prefix = f"ink_{secrets.token_hex(4)}"
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    async with transaction():
        key = await ApiKey.create(
            id=uuid.uuid4(),
            workspace=actor.workspace,
            created_by=actor.user,
            name=name.strip(),
            prefix=prefix,
            key_hash=token_hash(secret),
            scopes=sorted(set(scopes)),
        )
        await audit.record(
            "api_key.created", actor=actor.user, workspace=actor.workspace, ip=client.ip,
            key_id=str(key.id), prefix=prefix, scopes=key.scopes,
        )  # fmt: skip
    return ApiKeyCreated(**_key_read(key).model_dump(), key=secret)


async def list_api_keys(actor: Actor) -> list[ApiKeyRead]:
    keys = await ApiKey.filter(workspace=actor.workspace).order_by("-created_at")
    return [_key_read(k) for k in keys]


async def revoke_api_key(actor: Actor, key_id: uuid.UUID, client: Client) -> None:
    async with transaction():
        key = await ApiKey.get_or_none(id=key_id, workspace=actor.workspace)
        if key is None:
            raise NotFound("No such API key.")
        if key.revoked_at is None:
            key.revoked_at = datetime.now(UTC)
            await key.save(update_fields=["revoked_at"])
            await audit.record(
                "api_key.revoked", actor=actor.user, workspace=actor.workspace, ip=client.ip,
                key_id=str(key.id), prefix=key.prefix,
            )  # fmt: skip
