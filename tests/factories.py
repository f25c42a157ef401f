"""Builders for test data, going through the real models and session code."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from models.accounts import AuthSession, Membership, Role, User, Workspace
from models.chat import ChatThread
from server.auth.passwords import hash_password
from server.auth.sessions import create_session
from server.core.auth import csrf_token_for
from server.core.config import get_config

DEFAULT_PASSWORD = "correct horse battery staple"


async def make_user(
    email: str | None = None,
    *,
    name: str = "Ada Lovelace",
    password: str | None = DEFAULT_PASSWORD,
    verified: bool = True,
    role: Role = Role.owner,
    workspace: Workspace | None = None,
) -> User:
    user = await User.create(
        id=uuid.uuid4(),
        email=email or f"user-{uuid.uuid4().hex[:8]}@example.com",
        name=name,
        password_hash=await hash_password(password) if password else None,
        email_verified_at=datetime.now(UTC) if verified else None,
    )
    workspace = workspace or await Workspace.create(id=uuid.uuid4(), name=f"{name}'s workspace")
    await Membership.create(user=user, workspace=workspace, role=role)
    return user


@dataclass
class Login:
    user: User
    token: str
    session: AuthSession
    csrf: str

    @property
    def cookies(self) -> dict[str, str]:
        return {get_config().session_cookie: self.token, "csrf_token": self.csrf}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def headers(self, *, unsafe: bool = True) -> dict[str, str]:
        headers = {"Cookie": self.cookie_header}
        if unsafe:
            headers["X-CSRF-Token"] = self.csrf
        return headers


async def login_as(user: User) -> Login:
    membership = await Membership.filter(user=user).prefetch_related("workspace").first()
    assert membership is not None
    token, session = await create_session(
        user, membership.workspace, ip="127.0.0.1", user_agent="pytest"
    )
    return Login(user, token, session, csrf_token_for(session))


async def make_thread(
    user: User, *, draft: dict[str, object] | None = None, title: str = "Our newsletter"
) -> ChatThread:
    """A chat thread in the user's workspace; with ``draft``, one the assistant has drafted."""
    membership = await Membership.filter(user=user).select_related("workspace").first()
    assert membership is not None
    return await ChatThread.create(
        id=uuid.uuid4(),
        workspace=membership.workspace,
        created_by=user,
        title=title,
        state="reviewing" if draft else "briefing",
        draft=draft,
    )
