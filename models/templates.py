"""Email templates: the marketplace and each workspace's own, their immutable versions, and
the images (assets) they use."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, Workspace


class TemplateStatus(StrEnum):
    draft = "draft"
    published = "published"


class EmailTemplate(Model):
    """A template; ``workspace`` is null for the marketplace catalog.

    The content lives in :class:`TemplateVersion` rows; ``version`` is the number of the
    current one and doubles as the optimistic-concurrency token (``If-Match``).
    """

    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyNullableRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="templates", null=True, on_delete=fields.CASCADE
    )
    workspace_id: uuid.UUID | None
    # The catalog's natural key, so seeding again updates instead of duplicating.
    slug = fields.CharField(max_length=100, null=True, unique=True)
    name = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    category = fields.CharField(max_length=40, default="")
    is_pro = fields.BooleanField(default=False)
    status = fields.CharEnumField(TemplateStatus, max_length=20, default=TemplateStatus.draft)
    version = fields.IntField(default=1)
    # The template this one was copied from (a plain column: the catalog may drop it later).
    source_template_id = fields.UUIDField(null=True)
    # The chat thread whose draft was poured in, if any (a plain column: threads may go).
    source_thread_id = fields.UUIDField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="templates", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    published_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "email_template"
        indexes = (("workspace_id", "updated_at"),)


class TemplateVersion(Model):
    """One saved state of a template; never updated. Restoring writes a new version."""

    id = fields.BigIntField(primary_key=True)
    template: fields.ForeignKeyRelation[EmailTemplate] = fields.ForeignKeyField(
        "models.EmailTemplate", related_name="versions", on_delete=fields.CASCADE
    )
    template_id: uuid.UUID
    number = fields.IntField()
    name = fields.CharField(max_length=200)
    sections: fields.Field[list[dict[str, Any]]] = fields.JSONField()
    theme: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    restored_from = fields.IntField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="template_versions", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "email_template_version"
        unique_together = (("template", "number"),)


class AssetSource(StrEnum):
    upload = "upload"
    url = "url"
    ai = "ai"


class Asset(Model):
    """An image stored through the ``Storage`` adapter and served from our own URL."""

    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="assets", on_delete=fields.CASCADE
    )
    workspace_id: uuid.UUID
    source = fields.CharEnumField(AssetSource, max_length=10)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    storage_key = fields.CharField(max_length=300)
    original_name = fields.CharField(max_length=300, default="")
    # Where a URL import came from, or the prompt of an AI image.
    source_url = fields.TextField(null=True)
    prompt = fields.TextField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assets", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "asset"
        indexes = (("workspace_id", "created_at"),)
