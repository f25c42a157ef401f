"""A test send goes through the outbox, the worker and a real SMTP server, to the caller only,
with the same HTML the preview shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from quart.typing import TestClientProtocol

from models.accounts import Workspace
from server.core.config import Config
from server.mail.mailbox import get_message, list_messages
from tests.factories import login_as, make_user
from tests.jobs.worker_harness import run_worker_burst


async def test_test_send_mails_the_rendered_template_to_the_caller(
    client: TestClientProtocol, config: Config, platform_mailbox: Path
) -> None:
    login = await login_as(await make_user("grace@example.com", name="Grace Hopper"))
    await Workspace.filter(id=login.session.workspace_id).update(  # type: ignore[attr-defined]
        postal_address="1 Harbour Street\nBristol"
    )
    created = await client.post("/api/templates", json={"name": "Hello"}, headers=login.headers())
    template_id = (await created.get_json())["id"]
    sent = await client.post(
        f"/api/templates/{template_id}/test-send", json={}, headers=login.headers()
    )
    assert sent.status_code == 202
    body = await sent.get_json()
    assert body["to"] == "grace@example.com"

    await run_worker_burst(config)
    received = list_messages(platform_mailbox)
    assert len(received) == 1
    message = get_message(platform_mailbox, received[0].id)
    assert message is not None
    assert message.subject == "[Test] Hello"
    assert "Hi Grace," in (message.text or "")
    assert "1 Harbour Street" in (message.text or "")
    assert "Hi Grace," in (message.html or "")
    assert "Unsubscribe" in (message.html or "")
    headers = {h.name.lower(): h.value for h in message.headers}
    assert headers["to"] == "grace@example.com"
    assert headers["message-id"] == body["message_id"]


async def test_test_sends_are_rate_limited(
    client: TestClientProtocol, db: None, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(config.rate_limits, "test_send:account", "1/hour")
    login = await login_as(await make_user())
    created = await client.post("/api/templates", json={}, headers=login.headers())
    template_id = (await created.get_json())["id"]
    url = f"/api/templates/{template_id}/test-send"
    assert (await client.post(url, json={}, headers=login.headers())).status_code == 202
    assert (await client.post(url, json={}, headers=login.headers())).status_code == 429


async def test_a_subject_with_a_line_break_is_refused_and_nothing_is_sent(
    client: TestClientProtocol, config: Config, platform_mailbox: Path
) -> None:
    login = await login_as(await make_user())
    await Workspace.filter(id=login.session.workspace_id).update(  # type: ignore[attr-defined]
        postal_address="1 Harbour Street\nBristol"
    )
    created = await client.post("/api/templates", json={"name": "Hello"}, headers=login.headers())
    url = f"/api/templates/{(await created.get_json())['id']}/test-send"
    refused = await client.post(
        url, json={"subject": "Hello\r\nBcc: everyone@example.com"}, headers=login.headers()
    )
    assert refused.status_code == 422
    body = await refused.get_json()
    assert body["code"] == "validation_error"
    assert "subject" in str(body["details"])
    sent = await client.post(url, json={"subject": "Hello again"}, headers=login.headers())
    assert sent.status_code == 202

    await run_worker_burst(config)
    assert [m.subject for m in list_messages(platform_mailbox)] == ["[Test] Hello again"]
