"""Campaign fixtures: a signed-in owner with contacts, and a scripted real SMTP server that
the campaign senders use."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from quart.typing import TestClientProtocol

from models.accounts import Membership, User, Workspace
from models.campaigns import Campaign, CampaignStatus
from models.contacts import Contact, ContactStatus
from server.core.config import get_config
from server.mail.sink import SinkServer, start_sink
from tests.factories import Login, login_as, make_contacts, make_draft_thread, make_user
from tests.fakes.smtp_server import DROP, ScriptedHandler


@dataclass
class Owner:
    user: User
    workspace_id: uuid.UUID
    login: Login
    list_id: uuid.UUID
    contacts: list[Any]
    thread_id: uuid.UUID


@pytest.fixture
async def smtp(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[SinkServer, ScriptedHandler]]:
    # The live object: a test elsewhere may have rebuilt the cached config.
    config = get_config()
    handler = ScriptedHandler(tmp_path / "mailbox", store=False)
    sink = await start_sink("127.0.0.1", 0, tmp_path / "mailbox", handler=handler)
    monkeypatch.setattr(config, "smtp_url", f"smtp://127.0.0.1:{sink.port}")
    # Fast retries and a small auto-pause threshold keep the fault tests short.
    monkeypatch.setattr(config, "campaign_retry_base_seconds", 0.2)
    monkeypatch.setattr(config, "campaign_retry_max_seconds", 1.0)
    monkeypatch.setattr(config, "campaign_max_attempts", 3)
    monkeypatch.setattr(config, "campaign_rate_per_second", 0)
    yield sink, handler
    await sink.close()


@pytest.fixture
def handler(smtp: tuple[SinkServer, ScriptedHandler]) -> ScriptedHandler:
    return smtp[1]


POSTAL_ADDRESS = "1 Harbour Street\nBristol BS1 4XX"


async def make_owner(contacts: int = 5, *, postal_address: str = POSTAL_ADDRESS) -> Owner:
    """An owner whose workspace can send: campaigns need a real postal address."""
    user = await make_user()
    membership = await Membership.get(user=user)
    workspace_id = membership.workspace_id  # type: ignore[attr-defined]
    await Workspace.filter(id=workspace_id).update(postal_address=postal_address)
    contact_list, people = await make_contacts(workspace_id, contacts)
    thread_id = await make_draft_thread(user)
    return Owner(
        user=user,
        workspace_id=workspace_id,
        login=await login_as(user),
        list_id=contact_list.id,  # type: ignore[attr-defined]
        contacts=people,
        thread_id=thread_id,
    )


@pytest.fixture
async def owner(db: None) -> Owner:
    return await make_owner()


async def create_campaign(
    client: TestClientProtocol, owner: Owner, **overrides: Any
) -> dict[str, Any]:
    body = {
        "name": "Spring",
        "thread_id": str(owner.thread_id),
        "audience": {"list_ids": [str(owner.list_id)], "tags": []},
        **overrides,
    }
    response = await client.post("/api/campaigns", json=body, headers=owner.login.headers())
    assert response.status_code == 201, await response.get_data(as_text=True)
    data: dict[str, Any] = await response.get_json()
    return data


async def wait_until(check: Callable[[], Awaitable[bool] | bool], seconds: float = 30) -> None:
    """Poll ``check`` every 20 ms until it holds; fail after ``seconds``."""
    for _ in range(int(seconds / 0.02)):
        result = check()
        if result if isinstance(result, bool) else await result:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"still not true after {seconds}s")


async def wait_for_status(
    campaign_id: str, *statuses: CampaignStatus, seconds: float = 30
) -> Campaign:
    async def reached() -> bool:
        return (await Campaign.get(id=campaign_id)).status in statuses

    await wait_until(reached, seconds)
    return await Campaign.get(id=campaign_id)


async def script_faults(owner: Owner, handler: ScriptedHandler) -> None:
    """The fault mix the send tests use, on the owner's first four contacts: one unsubscribed
    (left out), a permanent refusal, a greylisting that clears on the second try, and a
    connection dropped on every attempt."""
    people = owner.contacts
    await Contact.filter(id=people[0].id).update(status=ContactStatus.unsubscribed)
    handler.rcpt_replies[people[1].email] = "550 5.1.1 No such user"
    handler.rcpt_replies[people[2].email] = "451 4.7.1 Greylisted, try later"
    handler.reply_times[people[2].email] = 1
    handler.rcpt_replies[people[3].email] = DROP
