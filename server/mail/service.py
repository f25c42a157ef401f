"""Platform mail leaves through the outbox, so it goes only if the transaction commits."""

from __future__ import annotations

from server.core import outbox
from server.mail.message import OutgoingMessage


async def queue_mail(message: OutgoingMessage) -> OutgoingMessage:
    """Queue ``message`` in the current transaction; returns it with its Message-ID fixed.

    The Message-ID is settled here, before the job exists, so every retry and every fallback
    transport sends the same message, and the job id derived from it makes a double enqueue
    a no-op.
    """
    resolved = message.resolved()
    await outbox.enqueue(
        "send_mail", resolved.model_dump(mode="json"), job_id=f"mail:{resolved.message_id}"
    )
    return resolved
