from __future__ import annotations

from pydantic import BaseModel

from models.accounts import Plan


class EntitlementsRead(BaseModel):
    """What this workspace's plan lets it use."""

    plan: Plan
    pro_templates: bool
