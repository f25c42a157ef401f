from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class AuditEventRead(BaseModel):
    id: int
    action: str
    actor_email: str | None
    ip: str | None
    user_agent: str | None
    details: dict[str, object]
    created_at: datetime


class AuditEventList(BaseModel):
    items: list[AuditEventRead]
