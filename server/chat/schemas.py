from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field, field_validator

from agents.guardrails import one_line
from models.chat import MessageRole, MessageStatus
from server.core.db import INT_MAX


class ThreadCreate(BaseModel):
    title: str | None = Field(default=None, max_length=200)


class ThreadUpdate(BaseModel):
    title: str = Field(min_length=1, max_length=200, pattern=r"\S")

    @field_validator("title", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        # A title is one line in the list: pasted line breaks and tabs become spaces.
        return one_line(value) if isinstance(value, str) else value


class DraftSectionRead(BaseModel):
    heading: str
    body: str
    html: str


class DraftRead(BaseModel):
    subject: str
    preheader: str
    sections: list[DraftSectionRead]


class MessageRead(BaseModel):
    id: UUID
    role: MessageRole
    content: str
    # The provider keeps this message's text (OpenAI stored responses) and could not be
    # reached just now; content is "" until a later read.
    content_unavailable: bool = False
    status: MessageStatus
    error: str | None
    error_code: str | None
    seq: int
    provider: str | None
    model: str | None
    created_at: datetime


class ThreadSummary(BaseModel):
    id: UUID
    title: str
    state: str
    updated_at: datetime
    has_draft: bool = Field(
        description="Whether the assistant has written a draft a campaign can be made from."
    )


class ThreadList(BaseModel):
    items: list[ThreadSummary]


class ThreadRead(ThreadSummary):
    state_version: int
    draft: DraftRead | None
    messages: list[MessageRead]
    allowed_transitions: list[str]
    ai_notice: str | None


class MessageCreate(BaseModel):
    content: str = Field(min_length=1, max_length=8000)


class MessageAccepted(BaseModel):
    user_message_id: UUID
    reply_message_id: UUID


class TransitionRequest(BaseModel):
    target: str
    version: int = Field(ge=0, le=INT_MAX)


class StreamQuery(BaseModel):
    after: int = Field(default=0, ge=0, le=INT_MAX)


class UsageSummary(BaseModel):
    month: str
    plan: str
    requests: int
    input_tokens: int
    output_tokens: int
    cost_usd: float
    budget_tokens: int
    budget_usd: float
    model_tier: str
    refused: bool
