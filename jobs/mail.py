"""Sending one email: the job behind every platform mail (codes, notices)."""

from __future__ import annotations

from typing import Any

import structlog
from arq import Retry

from jobs.registry import job
from server.core.config import get_config
from server.mail.message import OutgoingMessage
from server.mail.sender import MailError, build_mail_sender

log = structlog.get_logger(__name__)


@job
async def send_mail(ctx: dict[str, Any], message: dict[str, Any]) -> str:
    # queue_mail fixed the Message-ID, so a retry re-sends the very same message.
    msg = OutgoingMessage.model_validate(message)
    sender = ctx.get("mail_sender")
    if sender is None:
        sender = ctx["mail_sender"] = build_mail_sender(get_config())
    try:
        result = await sender.send(msg)
    except MailError as exc:
        if exc.transient:
            # Linear back-off (5 s, 10 s, 15 s by default) up to the worker's max_tries.
            delay = ctx.get("job_try", 1) * get_config().mail_retry_seconds
            log.info("mail_deferred", code=exc.code, retry_in=delay)
            raise Retry(defer=delay) from exc
        log.warning("mail_rejected", code=exc.code, error=str(exc))
        raise
    log.info("mail_sent", provider=result.provider, message_id=result.message_id)
    return result.message_id
