"""Contacts, lists, list memberships and the per-contact timeline."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.contrib.postgres.indexes import GinIndex
from tortoise.models import Model

from models.accounts import User, Workspace


class ContactStatus(StrEnum):
    subscribed = "subscribed"
    unsubscribed = "unsubscribed"
    bounced = "bounced"
    complained = "complained"


class Contact(Model):
    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="contacts", on_delete=fields.CASCADE
    )
    # Normalised (lower-case, IDNA domain); unique within the workspace.
    email = fields.CharField(max_length=320)
    first_name = fields.CharField(max_length=200, default="")
    last_name = fields.CharField(max_length=200, default="")
    # The reader's IANA zone (server/core/zones.py), for campaigns sent at a time in each
    # reader's zone; None: the campaign's own zone.
    timezone = fields.CharField(max_length=64, null=True)
    status = fields.CharEnumField(ContactStatus, max_length=20, default=ContactStatus.subscribed)
    attributes: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    tags: fields.Field[list[str]] = ArrayField(element_type="text", default=list)
    # Consent: where it came from, when, from which address and what the person agreed to.
    consent_source = fields.CharField(max_length=60, default="manual")
    consent_at = fields.DatetimeField(null=True)
    consent_ip = fields.CharField(max_length=64, null=True)
    consent_text = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contact"
        unique_together = (("workspace", "email"),)
        indexes = (
            ("workspace_id", "created_at", "id"),
            ("workspace_id", "status"),
            GinIndex(fields=("tags",)),
        )


class ContactList(Model):
    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="contact_lists", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "contact_list"
        unique_together = (("workspace", "name"),)


class ListMembership(Model):
    id = fields.BigIntField(primary_key=True)
    contact_list: fields.ForeignKeyRelation[ContactList] = fields.ForeignKeyField(
        "models.ContactList", related_name="memberships", on_delete=fields.CASCADE
    )
    contact: fields.ForeignKeyRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="list_memberships", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "list_membership"
        unique_together = (("contact_list", "contact"),)
        indexes = (("contact_id",),)


class ContactEvent(Model):
    """One line of a contact's timeline; later features (sends, opens, ...) append here."""

    id = fields.BigIntField(primary_key=True)
    contact: fields.ForeignKeyRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=40)
    data: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "contact_event"
        indexes = (("contact_id", "created_at"),)


class ImportStatus(StrEnum):
    queued = "queued"
    running = "running"
    completed = "completed"
    failed = "failed"


class DuplicatePolicy(StrEnum):
    skip = "skip"
    update = "update"
    error = "error"


class ImportJob(Model):
    """One CSV import; counts and ``rows_done`` are committed with each batch, so a restarted
    job resumes after the last committed batch."""

    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="contact_imports", on_delete=fields.CASCADE
    )
    workspace_id: uuid.UUID
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="contact_imports", on_delete=fields.CASCADE
    )
    file_path = fields.CharField(max_length=1000)
    original_name = fields.CharField(max_length=500, default="")
    status = fields.CharEnumField(ImportStatus, max_length=20, default=ImportStatus.queued)
    list_id = fields.UUIDField(null=True)
    duplicate_policy = fields.CharEnumField(
        DuplicatePolicy, max_length=10, default=DuplicatePolicy.skip
    )
    mapping: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    total_rows = fields.IntField(default=0)
    imported = fields.IntField(default=0)
    updated = fields.IntField(default=0)
    skipped = fields.IntField(default=0)
    failed = fields.IntField(default=0)
    rows_done = fields.IntField(default=0)
    error = fields.TextField(null=True)
    report_path = fields.CharField(max_length=1000, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contact_import"
        indexes = (("workspace_id", "created_at"),)


class BulkJob(Model):
    """A bulk action by filter too large to run inside a request. Contacts are processed in
    id order; ``last_id`` and the counts are committed with each chunk, so a restarted job
    carries on after the last committed chunk."""

    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="contact_bulk_jobs", on_delete=fields.CASCADE
    )
    workspace_id: uuid.UUID
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="contact_bulk_jobs", on_delete=fields.CASCADE
    )
    action = fields.CharField(max_length=20)
    # The filter and the action's arguments (tag, list_id), as the request gave them.
    params: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    status = fields.CharEnumField(ImportStatus, max_length=20, default=ImportStatus.queued)
    total = fields.IntField(default=0)
    done = fields.IntField(default=0)
    affected = fields.IntField(default=0)
    last_id = fields.UUIDField(null=True)
    error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contact_bulk_job"
        indexes = (("workspace_id", "created_at"),)
