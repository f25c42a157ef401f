"""The transactional outbox: jobs written with the change that causes them."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class OutboxMessage(Model):
    """A job to hand to the queue once the transaction that wrote it has committed.

    The relay marks ``relayed_at``; the ARQ job id is stable, so relaying the same row twice
    (a crash between enqueue and marking) enqueues the job once.
    """

    id = fields.BigIntField(primary_key=True)
    job_name = fields.CharField(max_length=100)
    args: fields.Field[list[object]] = fields.JSONField(default=list)
    kwargs: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    job_id = fields.CharField(max_length=200, unique=True)
    request_id = fields.CharField(max_length=128, null=True)
    available_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)
    relayed_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(null=True)

    class Meta:
        table = "outbox_message"
        indexes = (("relayed_at", "available_at"),)
