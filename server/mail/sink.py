"""The development mail sink: a real SMTP server that files every message on disk.

Run it with ``python -m server.mail.sink`` (``make run`` does), or inside an asyncio
program with ``serve_sink`` / ``start_sink``. Nothing is relayed anywhere.
"""

from __future__ import annotations

import asyncio
import errno
import signal
import sys
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from server.core.config import get_config
from server.mail.mailbox import store_message

# A fixed name: aiosmtpd would otherwise call socket.getfqdn(), a blocking DNS lookup.
SINK_HOSTNAME = "inkwell-mail-sink"


class MailboxHandler:
    """aiosmtpd handler that stores each message in ``mailbox_dir``."""

    def __init__(self, mailbox_dir: Path) -> None:
        self.mailbox_dir = mailbox_dir

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or envelope.content or b""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        await asyncio.to_thread(
            store_message,
            self.mailbox_dir,
            envelope.mail_from or "",
            list(envelope.rcpt_tos),
            data,
        )
        return "250 2.0.0 Message accepted for delivery"


class _SinkSMTP(SMTP):
    """aiosmtpd's protocol, reporting its connections to the owning ``SinkServer``."""

    def __init__(self, handler: Any, sink: SinkServer) -> None:
        super().__init__(
            handler,
            hostname=SINK_HOSTNAME,
            enable_SMTPUTF8=True,
            loop=asyncio.get_running_loop(),
        )
        self._sink = sink

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._sink._opened(self)

    def connection_lost(self, error: Exception | None) -> None:
        super().connection_lost(error)
        self._sink._live.discard(self)


class SinkServer:
    """A listening sink. Tracks its client connections so that it can close them.

    ``asyncio.Server.close`` stops listening but (before Python 3.13) leaves accepted
    connections open, which would keep a stopping process alive.
    """

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.connections_total = 0
        self._live: set[_SinkSMTP] = set()
        self._server: asyncio.Server | None = None

    def _opened(self, protocol: _SinkSMTP) -> None:
        if protocol not in self._live:
            self._live.add(protocol)
            self.connections_total += 1

    async def start(self, host: str, port: int) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _SinkSMTP(self.handler, self), host, port)

    @property
    def server(self) -> asyncio.Server:
        if self._server is None:
            raise RuntimeError("the sink is not started")
        return self._server

    @property
    def port(self) -> int:
        return int(self.server.sockets[0].getsockname()[1])

    @property
    def live_connections(self) -> int:
        return len(self._live)

    def drop_connections(self) -> None:
        """Hang up on every connected client, as a server restarting would."""
        for protocol in list(self._live):
            if protocol.transport is not None:
                protocol.transport.close()

    async def close(self) -> None:
        server = self.server
        server.close()
        self.drop_connections()
        await server.wait_closed()


async def start_sink(
    host: str, port: int, mailbox_dir: Path, *, handler: Any | None = None
) -> SinkServer:
    """Listen on ``host:port`` (0 picks a free port) and return the running sink."""
    sink = SinkServer(handler if handler is not None else MailboxHandler(mailbox_dir))
    await sink.start(host, port)
    return sink


async def serve_sink(host: str, port: int, mailbox_dir: Path) -> None:
    """Run the sink until the surrounding task is cancelled."""
    sink = await start_sink(host, port, mailbox_dir)
    try:
        await asyncio.Event().wait()
    finally:
        await sink.close()


async def _run(host: str, port: int, mailbox_dir: Path) -> int:
    try:
        sink = await start_sink(host, port, mailbox_dir)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"port {port} is in use; set MAIL_SINK_PORT to use another", file=sys.stderr)
            return 1
        raise
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"mail sink listening on {host}:{sink.port}", flush=True)
    try:
        await stop.wait()
    finally:
        await sink.close()
    return 0


def main() -> int:
    config = get_config()
    return asyncio.run(_run("127.0.0.1", config.mail_sink_port, config.mailbox_dir))


if __name__ == "__main__":
    raise SystemExit(main())
