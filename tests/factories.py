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


async def make_contacts(
    workspace_id: uuid.UUID,
    count: int,
    *,
    list_name: str = "Newsletter",
    domain: str = "example.org",
    status: str = "subscribed",
) -> tuple[object, list[object]]:
    """``count`` contacts on one list (created if needed), in one round trip each table."""
    from models.contacts import Contact, ContactList, ContactStatus, ListMembership

    contact_list, _ = await ContactList.get_or_create(workspace_id=workspace_id, name=list_name)
    contacts = [
        Contact(
            id=uuid.uuid4(),
            workspace_id=workspace_id,
            email=f"reader{i}-{uuid.uuid4().hex[:6]}@{domain}",
            first_name=f"Reader{i}",
            last_name="Test",
            status=ContactStatus(status),
        )
        for i in range(count)
    ]
    await Contact.bulk_create(contacts, batch_size=1000)
    await ListMembership.bulk_create(
        [ListMembership(contact_list_id=contact_list.id, contact_id=c.id) for c in contacts],
        batch_size=1000,
    )
    return contact_list, list(contacts)


SPRING_DRAFT: dict[str, object] = {
    "subject": "Spring news for {{ first_name }}",
    "preheader": "What grew this month",
    "sections": [
        {
            "heading": "Hello {{ first_name }}",
            "body": "Read [our story](https://example.com/story?a=1&b=2).",
            "html": "",
        }
    ],
}


async def make_draft_thread(user: User) -> uuid.UUID:
    """A chat thread holding a finished draft, as the assistant leaves it."""
    return (await make_thread(user, draft=SPRING_DRAFT, title="Spring news")).id


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
