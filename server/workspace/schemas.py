from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field, field_validator

from models.accounts import Plan


class WorkspaceSettings(BaseModel):
    id: UUID
    name: str
    plan: Plan
    # Shown as the sender and in every email's footer.
    sender_name: str
    # Printed in every email's footer, as anti-spam laws require.
    postal_address: str


class WorkspaceUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    sender_name: str | None = Field(default=None, max_length=200)
    postal_address: str | None = Field(default=None, max_length=1000)

    @field_validator("name", "sender_name")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "\n" in value or "\r" in value:
            raise ValueError("must be a single line")
        return value.strip()

    @field_validator("postal_address")
    @classmethod
    def _lines(cls, value: str | None) -> str | None:
        if value is None:
            return None
        lines = [line.strip() for line in value.replace("\r\n", "\n").split("\n")]
        lines = [line for line in lines if line]
        if len(lines) > 6:
            raise ValueError("at most 6 lines")
        return "\n".join(lines)
