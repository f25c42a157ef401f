"""The campaign's email previewed before sending: its own snapshot, rendered as its readers get
it, with the caller's name in the merge tags and the sender details the send will carry."""

from __future__ import annotations

import html

from quart.typing import TestClientProtocol

from tests.factories import login_as, make_user
from tests.server.campaigns.conftest import Owner, create_campaign


async def preview_of(client: TestClientProtocol, owner: Owner, campaign_id: str) -> str:
    response = await client.get(
        f"/api/campaigns/{campaign_id}/preview", headers=owner.login.headers()
    )
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    # User content in our origin: it may only be framed by our pages, and runs no script.
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "sandbox" in policy
    return html.unescape(await response.get_data(as_text=True))


async def test_the_preview_is_the_campaigns_email_with_the_callers_name(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign = await create_campaign(client, owner)
    body = await preview_of(client, owner, campaign["id"])
    first_name = owner.user.name.split(" ")[0]
    assert f"Hello {first_name}" in body
    assert "{{" not in body
    assert "What grew this month" in body  # the preheader
    assert "1 Harbour Street" in body  # the footer's postal address
    assert "Unsubscribe" in body


async def test_until_it_goes_out_the_footer_follows_settings_then_stays(
    client: TestClientProtocol, owner: Owner
) -> None:
    headers = owner.login.headers()
    campaign = await create_campaign(client, owner)
    await client.patch(
        "/api/workspace",
        json={"sender_name": "Mill News", "postal_address": "2 New Road\nYork"},
        headers=headers,
    )
    before = await preview_of(client, owner, campaign["id"])
    assert "Mill News" in before
    assert "2 New Road" in before
    assert "1 Harbour Street" not in before

    sent = await client.post(f"/api/campaigns/{campaign['id']}/send", headers=headers)
    assert sent.status_code == 202
    await client.patch(
        "/api/workspace",
        json={"sender_name": "Later Name", "postal_address": "3 Other Street\nLeeds"},
        headers=headers,
    )
    after = await preview_of(client, owner, campaign["id"])
    assert "2 New Road" in after
    assert "Later Name" not in after


async def test_another_workspaces_campaign_has_no_preview(
    client: TestClientProtocol, owner: Owner
) -> None:
    campaign = await create_campaign(client, owner)
    stranger = await login_as(await make_user("mallory@example.com"))
    response = await client.get(
        f"/api/campaigns/{campaign['id']}/preview", headers=stranger.headers()
    )
    assert response.status_code == 404
    assert (await response.get_json())["code"] == "not_found"
