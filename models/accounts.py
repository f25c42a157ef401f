"""Accounts: users, workspaces (the tenant), memberships, sessions, codes, keys, audit log."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Plan(StrEnum):
    free = "free"
    pro = "pro"


class Role(StrEnum):
    owner = "owner"
    admin = "admin"
    member = "member"


class CodePurpose(StrEnum):
    verify_email = "verify_email"
    password_reset = "password_reset"  # noqa: S105 - a purpose, not a secret
    login = "login"
    link_account = "link_account"


class Workspace(Model):
    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=200)
    plan = fields.CharEnumField(Plan, default=Plan.free, max_length=20)
    # Who campaign mail is from, and the postal address every message's footer carries
    # (anti-spam laws require it).
    sender_name = fields.CharField(max_length=200, default="")
    postal_address = fields.CharField(max_length=1000, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "workspace"


class User(Model):
    id = fields.UUIDField(primary_key=True)
    # Stored normalised (lower-case, IDNA domain), so uniqueness is case-insensitive.
    email = fields.CharField(max_length=320, unique=True)
    name = fields.CharField(max_length=200)
    # Null for accounts that only ever signed in with a provider.
    password_hash = fields.CharField(max_length=255, null=True)
    email_verified_at = fields.DatetimeField(null=True)
    password_changed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "app_user"


class Membership(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=20)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "membership"
        unique_together = (("user", "workspace"),)


class AuthSession(Model):
    """A server-side session; the cookie holds a random token whose SHA-256 is stored here."""

    id = fields.UUIDField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    ip = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "auth_session"
        indexes = (("user_id", "revoked_at"),)


class AuthCode(Model):
    """A 6-digit code mailed to an address; only its keyed hash is kept."""

    id = fields.BigIntField(primary_key=True)
    email = fields.CharField(max_length=320)
    purpose = fields.CharEnumField(CodePurpose, max_length=30)
    code_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    attempts = fields.IntField(default=0)
    used_at = fields.DatetimeField(null=True)
    voided_at = fields.DatetimeField(null=True)
    # What confirming the code completes (for account linking: the provider identity).
    payload: fields.Field[dict[str, object]] = fields.JSONField(default=dict)

    class Meta:
        table = "auth_code"
        indexes = (("email", "purpose", "used_at", "voided_at"),)


class OAuthAccount(Model):
    id = fields.BigIntField(primary_key=True)
    provider = fields.CharField(max_length=30)
    subject = fields.CharField(max_length=255)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="oauth_accounts", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=320, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "oauth_account"
        unique_together = (("provider", "subject"),)


class ApiKey(Model):
    """A workspace API key: shown once, stored as SHA-256, recognisable by its prefix."""

    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="api_keys", on_delete=fields.CASCADE
    )
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_keys", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    prefix = fields.CharField(max_length=20, unique=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    scopes: fields.Field[list[str]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_key"


class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    workspace: fields.ForeignKeyNullableRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="audit_events", null=True, on_delete=fields.SET_NULL
    )
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_events", null=True, on_delete=fields.SET_NULL
    )
    action = fields.CharField(max_length=60)
    ip = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=300, null=True)
    details: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_event"
        indexes = (("workspace_id", "created_at"), ("action", "created_at"))
