"""Socket.IO campaign events: watch a campaign's progress live."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import socketio

from server.campaigns import service
from server.core.auth import Actor
from server.core.errors import AppError


def register_campaign_handlers(sio: socketio.AsyncServer, actor_for: Any) -> None:
    async def watch(sid: str, data: Any = None, *_: Any) -> dict[str, Any]:
        """Join the campaign's room; the answer carries the current snapshot, so a client that
        (re)connects starts from the truth and then applies ``campaign:progress`` events."""
        actor: Actor = await actor_for(sid)
        try:
            campaign = await service.access_campaign(actor, UUID(str(data.get("campaign_id"))))
        except AppError as exc:
            return {"ok": False, "code": exc.code, "message": exc.message}
        except (ValueError, AttributeError):
            return {"ok": False, "code": "bad_request", "message": "campaign_id is not valid."}
        await sio.enter_room(sid, service.campaign_room(campaign.id))
        snapshot = await service.progress_event(campaign)
        return {"ok": True, "progress": snapshot.model_dump(mode="json")}

    async def unwatch(sid: str, data: Any = None, *_: Any) -> dict[str, Any]:
        try:
            campaign_id = UUID(str(data.get("campaign_id")))
        except (ValueError, AttributeError):
            return {"ok": False, "code": "bad_request", "message": "campaign_id is not valid."}
        await sio.leave_room(sid, service.campaign_room(campaign_id))
        return {"ok": True}

    sio.on("campaign:watch", watch)
    sio.on("campaign:unwatch", unwatch)
