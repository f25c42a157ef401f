"""A real SMTP server (aiosmtpd) for the campaign benchmark: accepts and discards, counting.

``python -m bench.smtp_counter PORT COUNT_FILE`` writes the number of messages received to
COUNT_FILE every 100 ms, so the benchmark reads it without sharing this process's CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

from server.mail.sink import SinkServer


class Counter:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.count += len(envelope.rcpt_tos)
        return "250 2.0.0 OK"


def write_count(count_file: Path, count: int) -> None:
    # Through a rename, so a reader never sees the file empty or half written.
    tmp = count_file.with_suffix(".tmp")
    tmp.write_text(str(count))
    tmp.replace(count_file)


async def serve(port: int, count_file: Path) -> None:
    counter = Counter()
    sink = SinkServer(counter)
    await sink.start("127.0.0.1", port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        while not stop.is_set():
            await asyncio.to_thread(write_count, count_file, counter.count)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.1)
    finally:
        await asyncio.to_thread(write_count, count_file, counter.count)
        await sink.close()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), Path(sys.argv[2])))
