"""Idempotency keys: the first answer to a create, kept so a retry gets it again."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import Workspace


class IdempotencyRecord(Model):
    """The answer to the first request with a workspace's ``Idempotency-Key`` on one route.

    Written in the same transaction as the work it records, so a key is never stored for
    work that rolled back, and work never commits without its key.
    """

    id = fields.BigIntField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="idempotency_records", on_delete=fields.CASCADE
    )
    workspace_id: uuid.UUID
    route = fields.CharField(max_length=200)
    key = fields.CharField(max_length=200)
    # SHA-256 of the canonical request body: the same key with another body is refused.
    request_hash = fields.CharField(max_length=64)
    status_code = fields.IntField()
    response: fields.Field[dict[str, Any]] = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "idempotency_record"
        unique_together = (("workspace", "route", "key"),)
