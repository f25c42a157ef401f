"""A real SMTP server (aiosmtpd, through the dev sink) that can misbehave on purpose.

Chosen recipients can be answered with any reply (4xx, 5xx) or have the connection dropped,
optionally only for their first N attempts; every accepted message is kept in memory (and
filed in the mailbox directory like the dev sink does), and DATA can be slowed down.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

from server.mail.sink import MailboxHandler

DROP = "DROP"
_PARSER = BytesParser(policy=policy.default)


@dataclass
class Received:
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return _PARSER.parsebytes(self.data)


class ScriptedHandler(MailboxHandler):
    """The sink's handler, but answering chosen recipients or DATA with given replies."""

    def __init__(self, mailbox_dir: Path, *, store: bool = True) -> None:
        super().__init__(mailbox_dir)
        self.store = store
        self.rcpt_replies: dict[str, str] = {}
        # How many times the scripted reply applies before the address is accepted (None: always).
        self.reply_times: dict[str, int] = {}
        self.data_reply: str | None = None
        self.data_delay = 0.0
        self.received: list[Received] = []
        self.attempts: dict[str, int] = {}

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        self.attempts[address] = self.attempts.get(address, 0) + 1
        reply = self.rcpt_replies.get(address)
        times = self.reply_times.get(address)
        if reply is not None and (times is None or self.attempts[address] <= times):
            if reply == DROP:
                assert server.transport is not None
                server.transport.close()
                return "421 4.4.2 closing"
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        if self.data_reply is not None:
            return self.data_reply
        data = envelope.original_content or envelope.content or b""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        self.received.append(Received(list(envelope.rcpt_tos), data))
        if self.store:
            return await super().handle_DATA(server, session, envelope)
        return "250 2.0.0 Message accepted for delivery"

    def count_for(self, address: str) -> int:
        return sum(address in r.rcpt_tos for r in self.received)
