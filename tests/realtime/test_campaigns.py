"""Live campaign progress over a real Socket.IO connection, published by a real worker."""

from __future__ import annotations

import time
from typing import Any

import socketio
from quart.typing import TestClientProtocol

from models.campaigns import CampaignStatus
from server.mail.sink import SinkServer
from tests.fakes.smtp_server import ScriptedHandler
from tests.server.campaigns.conftest import (
    create_campaign,
    make_owner,
    smtp,
    wait_for_status,
    wait_until,
)

__all__ = ["smtp"]


async def test_watch_returns_a_snapshot_then_throttled_live_progress(
    live_server: str,
    client: TestClientProtocol,
    smtp: tuple[SinkServer, ScriptedHandler],
    running_worker: object,
) -> None:
    _, handler = smtp
    handler.data_delay = 0.02
    owner = await make_owner(contacts=120)
    campaign = await create_campaign(client, owner)
    events: list[tuple[float, dict[str, Any]]] = []
    sock = socketio.AsyncClient(reconnection=False)
    sock.on("campaign:progress", lambda data: events.append((time.monotonic(), data)))
    await sock.connect(
        live_server,
        socketio_path="socket.io",
        transports=["polling", "websocket"],
        headers={"Cookie": owner.login.cookie_header},
    )
    try:
        answer = await sock.call("campaign:watch", {"campaign_id": campaign["id"]}, timeout=5)
        assert answer["ok"] is True
        assert answer["progress"]["status"] == "draft"
        assert answer["progress"]["campaign_id"] == campaign["id"]
        bad = await sock.call("campaign:watch", {"campaign_id": "nope"}, timeout=5)
        assert bad["ok"] is False
        # No payload, or more than one: answered, not left waiting for an acknowledgement.
        for event in ("campaign:watch", "campaign:unwatch"):
            for answer in (
                await sock.call(event, timeout=5),
                await sock.call(event, ({"campaign_id": "nope"}, "extra"), timeout=5),
            ):
                assert answer == {
                    "ok": False,
                    "code": "bad_request",
                    "message": "campaign_id is not valid.",
                }

        started = time.monotonic()
        await client.post(f"/api/campaigns/{campaign['id']}/send", headers=owner.login.headers())
        await wait_for_status(campaign["id"], CampaignStatus.sent)
        await wait_until(lambda: bool(events) and events[-1][1]["status"] == "sent", seconds=5)
        elapsed = time.monotonic() - started
    finally:
        await sock.disconnect()

    last = events[-1][1]
    assert last["sent"] == 120
    assert last["total"] == 120
    assert last["queued"] == 0
    sent_counts = [e[1]["sent"] for e in events]
    assert len(set(sent_counts)) >= 3, "progress arrived in steps while sending"
    # About ten updates a second at most (plus the forced ones at state changes), and one
    # copy per update although the socket is in both the campaign and the workspace room.
    assert len(events) <= 10 * elapsed + 8
    stamps = [e[1]["updated_at"] for e in events]
    assert len(stamps) == len(set(stamps))
