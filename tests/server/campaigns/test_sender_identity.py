"""Who a campaign is from: the sender name and reply-to the user sets on it, else the
workspace's sender name, always at our sending address; shown before sending exactly as the
messages will carry it."""

from __future__ import annotations

from email.utils import parseaddr
from pathlib import Path

from quart.typing import TestClientProtocol

from server.core.config import Config
from server.mail.mailbox import get_message, list_messages
from tests.factories import SPRING_DRAFT, make_thread
from tests.jobs.worker_harness import run_worker_burst
from tests.server.campaigns.conftest import Owner, create_campaign


def sending_address(config: Config) -> str:
    return parseaddr(config.mail_from)[1]


async def test_a_campaigns_own_sender_name_and_reply_to_are_kept_and_shown(
    client: TestClientProtocol, owner: Owner, config: Config
) -> None:
    created = await create_campaign(
        client, owner, from_name="  The Harbour Post ", reply_to="editor@harbour.example"
    )
    assert created["from_name"] == "The Harbour Post"
    assert created["from_address"] == f"The Harbour Post <{sending_address(config)}>"
    assert created["reply_to"] == "editor@harbour.example"

    # Cleared, the workspace's sender name takes over and replies go to the sending address.
    url = f"/api/campaigns/{created['id']}"
    headers = owner.login.headers()
    await client.patch("/api/workspace", json={"sender_name": "Mill News"}, headers=headers)
    cleared = await client.patch(url, json={"from_name": "", "reply_to": None}, headers=headers)
    assert cleared.status_code == 200
    body = await cleared.get_json()
    assert (body["from_name"], body["reply_to"]) == ("", None)
    assert body["from_address"] == f"Mill News <{sending_address(config)}>"


async def test_a_bad_reply_to_is_refused_with_the_field_named(
    client: TestClientProtocol, owner: Owner
) -> None:
    response = await client.post(
        "/api/campaigns",
        json={"name": "Spring", "thread_id": str(owner.thread_id), "reply_to": "not an address"},
        headers=owner.login.headers(),
    )
    assert response.status_code == 422
    body = await response.get_json()
    assert body["code"] == "validation_error"
    assert "reply_to" in str(body["details"])


async def test_a_header_value_with_a_line_break_is_refused_before_it_is_stored(
    client: TestClientProtocol, owner: Owner
) -> None:
    """Accepted, it would fail every recipient at send time (the message writer refuses it)."""
    headers = owner.login.headers()
    created = await client.post(
        "/api/campaigns",
        json={
            "name": "Spring",
            "thread_id": str(owner.thread_id),
            "from_name": "News\r\nBcc: everyone@example.com",
        },
        headers=headers,
    )
    assert created.status_code == 422
    assert "from_name" in str((await created.get_json())["details"])

    campaign = await create_campaign(client, owner)
    url = f"/api/campaigns/{campaign['id']}"
    for field, value in (("subject", "Spring\nnews"), ("from_name", "Tab\tName\u2028")):
        patched = await client.patch(url, json={field: value}, headers=headers)
        assert patched.status_code == 422, field
        assert field in str((await patched.get_json())["details"])
    stored = await (await client.get(url, headers=headers)).get_json()
    assert (stored["subject"], stored["from_name"]) == (campaign["subject"], "")


async def test_a_draft_stored_with_a_line_break_in_its_subject_makes_a_one_line_one(
    client: TestClientProtocol, owner: Owner
) -> None:
    thread = await make_thread(
        owner.user,
        draft={**SPRING_DRAFT, "subject": "Spring\r\nnews", "preheader": "What\ngrew"},
    )
    created = await create_campaign(client, owner, thread_id=str(thread.id))
    assert (created["subject"], created["preheader"]) == ("Spring news", "What grew")


async def test_until_it_goes_out_the_from_follows_the_workspace_then_stays(
    client: TestClientProtocol, owner: Owner, config: Config
) -> None:
    headers = owner.login.headers()
    await client.patch("/api/workspace", json={"sender_name": "Harbour Post"}, headers=headers)
    campaign = await create_campaign(client, owner)
    url = f"/api/campaigns/{campaign['id']}"
    assert campaign["from_address"] == f"Harbour Post <{sending_address(config)}>"

    # The draft's snapshot is older than the rename; the send takes the new name, so the
    # confirm step shows the new one.
    await client.patch("/api/workspace", json={"sender_name": "Mill News"}, headers=headers)
    draft = await (await client.get(url, headers=headers)).get_json()
    assert draft["from_address"] == f"Mill News <{sending_address(config)}>"
    listed = await (await client.get("/api/campaigns", headers=headers)).get_json()
    assert [c["from_address"] for c in listed["items"] if c["id"] == campaign["id"]] == [
        draft["from_address"]
    ]

    sent = await client.post(f"{url}/send", headers=headers)
    assert sent.status_code == 202
    # Once it went out, renaming the workspace does not rewrite what it was sent as.
    await client.patch("/api/workspace", json={"sender_name": "Later Name"}, headers=headers)
    after = await (await client.get(url, headers=headers)).get_json()
    assert after["from_address"] == f"Mill News <{sending_address(config)}>"


async def test_a_test_send_carries_the_from_and_reply_to_the_confirm_step_shows(
    client: TestClientProtocol,
    owner: Owner,
    config: Config,
    platform_mailbox: Path,
) -> None:
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner, reply_to="editor@harbour.example")
    await client.patch("/api/workspace", json={"sender_name": "Mill News"}, headers=headers)
    url = f"/api/campaigns/{campaign['id']}"
    shown = await (await client.get(url, headers=headers)).get_json()
    sent = await client.post(
        f"{url}/test",
        json={"email": "me@example.com"},
        headers=headers,
    )
    assert sent.status_code == 202, await sent.get_json()

    await run_worker_burst(config)
    [summary] = list_messages(platform_mailbox)
    message = get_message(platform_mailbox, summary.id)
    assert message is not None
    received = {h.name.lower(): h.value for h in message.headers}
    assert received["from"] == shown["from_address"]
    assert received["reply-to"] == "editor@harbour.example"
    assert parseaddr(received["to"])[1] == "me@example.com"
    # Merge tags filled with the sender's own first name.
    first_name = owner.user.name.split(" ")[0]
    assert message.subject == "[Test] " + shown["subject"].replace("{{ first_name }}", first_name)
