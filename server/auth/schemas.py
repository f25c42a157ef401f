from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from models.accounts import Plan, Role

CodePurposeIn = Literal["verify_email", "password_reset", "login"]


class RegisterRequest(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)
    name: str = Field(min_length=1, max_length=200)


class RegisterResponse(BaseModel):
    status: Literal["pending_verification"]
    email: str


class SendCodeRequest(BaseModel):
    email: str = Field(max_length=320)
    purpose: CodePurposeIn


class Accepted(BaseModel):
    status: Literal["sent", "accepted"]


class VerifyRequest(BaseModel):
    email: str = Field(max_length=320)
    code: str = Field(min_length=1, max_length=12)
    purpose: Literal["verify_email", "login"] = "verify_email"


class LoginRequest(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class PasswordResetRequest(BaseModel):
    email: str = Field(max_length=320)


class PasswordResetConfirm(BaseModel):
    email: str = Field(max_length=320)
    code: str = Field(min_length=1, max_length=12)
    password: str = Field(max_length=1024)


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class WorkspaceRead(BaseModel):
    id: UUID
    name: str
    plan: Plan


class Me(BaseModel):
    id: UUID
    email: str
    name: str
    workspace: WorkspaceRead
    role: Role
    capabilities: list[str]


class SessionRead(BaseModel):
    id: UUID
    created_at: datetime
    last_seen_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool


class SessionList(BaseModel):
    items: list[SessionRead]


class RevokedCount(BaseModel):
    revoked: int


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    scopes: list[str] = Field(min_length=1, max_length=50)


class ApiKeyRead(BaseModel):
    id: UUID
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The secret key. It is shown only in this response.")


class ApiKeyList(BaseModel):
    items: list[ApiKeyRead]


class CapabilityList(BaseModel):
    items: list[str]


class Provider(BaseModel):
    id: Literal["google", "github"]
    name: str


class ProviderList(BaseModel):
    items: list[Provider]


class OAuthStartQuery(BaseModel):
    # No length limit here: an unusable value lands on /chat rather than an error page.
    next: str | None = Field(
        default=None,
        description="A path on this site to land on after signing in; anything else is /chat.",
    )


class OAuthLinkSendCode(BaseModel):
    token: str = Field(min_length=1, max_length=200)


class OAuthLinkConfirm(BaseModel):
    """Proof that the existing account is yours: its password, or the code we emailed."""

    token: str = Field(min_length=1, max_length=200)
    password: str | None = Field(default=None, max_length=1024)
    code: str | None = Field(default=None, min_length=1, max_length=12)

    @model_validator(mode="after")
    def _one_proof(self) -> OAuthLinkConfirm:
        if (self.password is None) == (self.code is None):
            raise ValueError("Send either password or code.")
        return self
