"""Chat threads, their messages, and one telemetry record per AI request."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, Workspace


class MessageRole(StrEnum):
    user = "user"
    assistant = "assistant"


class MessageStatus(StrEnum):
    pending = "pending"
    streaming = "streaming"
    complete = "complete"
    failed = "failed"
    withheld = "withheld"


class ChatThread(Model):
    id = fields.UUIDField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="chat_threads", on_delete=fields.CASCADE
    )
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="chat_threads", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200)
    # The workflow state (agents.workflow) and a version bumped by every transition.
    state = fields.CharField(max_length=30, default="briefing")
    state_version = fields.IntField(default=1)
    draft: fields.Field[dict[str, object] | None] = fields.JSONField(null=True)
    prompt_version = fields.CharField(max_length=40, null=True)
    # Set when the provider keeps the conversation (e.g. "openai" with stored responses): the
    # history is read back from it, continuing from the last response id.
    provider_conversation = fields.CharField(max_length=30, null=True)
    provider_response_id = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "chat_thread"
        indexes = (("workspace_id", "updated_at"),)


class ChatMessage(Model):
    id = fields.UUIDField(primary_key=True)
    thread: fields.ForeignKeyRelation[ChatThread] = fields.ForeignKeyField(
        "models.ChatThread", related_name="messages", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(MessageRole, max_length=20)
    content = fields.TextField(default="")
    status = fields.CharEnumField(MessageStatus, max_length=20, default=MessageStatus.complete)
    # Tokens streamed so far; content holds exactly the text of tokens 1..seq.
    seq = fields.IntField(default=0)
    # Where each token ends in content, so tokens can be replayed exactly after the live
    # stream in Redis has expired.
    seq_offsets: fields.Field[list[int]] = fields.JSONField(default=list)
    error_code = fields.CharField(max_length=60, null=True)
    error = fields.TextField(null=True)
    provider = fields.CharField(max_length=30, null=True)
    model = fields.CharField(max_length=100, null=True)
    # The provider's response that holds this message's text (its output for a reply, its
    # input for the user's message); content is then "" and read back from the provider.
    provider_item_id = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "chat_message"
        indexes = (("thread_id", "created_at"),)


class AIRequest(Model):
    """One call to a model: who, which provider and model, how fast, how much, how it ended."""

    id = fields.BigIntField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="ai_requests", on_delete=fields.CASCADE
    )
    thread_id = fields.UUIDField(null=True)
    message_id = fields.UUIDField(null=True)
    provider = fields.CharField(max_length=30)
    model = fields.CharField(max_length=100)
    purpose = fields.CharField(max_length=30, default="reply")
    latency_ms = fields.IntField(null=True)
    ttft_ms = fields.IntField(null=True)
    input_tokens = fields.IntField(default=0)
    output_tokens = fields.IntField(default=0)
    cost_usd = fields.DecimalField(max_digits=12, decimal_places=6, default=0)
    outcome = fields.CharField(max_length=20)
    error_class = fields.CharField(max_length=100, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ai_request"
        indexes = (("workspace_id", "created_at"),)


class AIUsageMonth(Model):
    """A workspace's AI usage in one calendar month (UTC).

    The running total of its ``AIRequest`` rows, updated in the same transaction as each row,
    so the budget check before every reply reads one row instead of summing the month.
    """

    id = fields.BigIntField(primary_key=True)
    workspace: fields.ForeignKeyRelation[Workspace] = fields.ForeignKeyField(
        "models.Workspace", related_name="ai_usage_months", on_delete=fields.CASCADE
    )
    # The first day of the month.
    month = fields.DateField()
    requests = fields.IntField(default=0)
    input_tokens = fields.BigIntField(default=0)
    output_tokens = fields.BigIntField(default=0)
    cost_usd = fields.DecimalField(max_digits=14, decimal_places=6, default=0)

    class Meta:
        table = "ai_usage_month"
        unique_together = (("workspace", "month"),)
