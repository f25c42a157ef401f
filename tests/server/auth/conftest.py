"""Auth tests read codes out of real mail: a real SMTP sink and the real worker deliver it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.core.config import Config
from server.mail.mailbox import get_message, list_messages
from tests.jobs.worker_harness import run_worker_burst


class Inbox:
    def __init__(self, config: Config, directory: Path) -> None:
        self.config = config
        self.directory = directory

    async def deliver(self) -> None:
        await run_worker_burst(self.config)

    async def messages_to(self, email: str) -> list[tuple[str, str]]:
        """(subject, text) of every message to ``email``, oldest first, after delivering."""
        await self.deliver()
        found = []
        for summary in reversed(list_messages(self.directory)):
            if email in summary.envelope_to:
                full = get_message(self.directory, summary.id)
                assert full is not None
                found.append((full.subject, full.text or ""))
        return found

    async def latest_code(self, email: str) -> str:
        messages = await self.messages_to(email)
        assert messages, f"no mail reached {email}"
        match = re.search(r"\b(\d{6})\b", messages[-1][1])
        assert match, messages[-1]
        return match.group(1)


@pytest.fixture
def inbox(platform_mailbox: Path, config: Config, db: None) -> Inbox:
    return Inbox(config, platform_mailbox)
