from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

CheckState = Literal["ok", "failing"]


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ok", "failing"]
    checks: dict[str, str]
