"""The dev mail sink, in-process and as ``python -m server.mail.sink``."""

from __future__ import annotations

import asyncio
import os
import signal
import smtplib
import socket
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import pytest

from server.mail.mailbox import list_messages
from server.mail.sink import SinkServer, serve_sink, start_sink
from tests.server.mail.conftest import free_port

ROOT = Path(__file__).resolve().parents[3]


def raw_message(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "news@inkwell.test"
    msg["To"] = "reader@example.com"
    msg["Subject"] = subject
    msg.set_content("body")
    return msg


async def test_stores_what_it_receives_with_the_envelope(
    sink: SinkServer, mailbox_dir: Path
) -> None:
    # A Bcc-style recipient: in the envelope only, so only the envelope header shows it.
    await aiosmtplib.send(
        raw_message("hello"),
        hostname="127.0.0.1",
        port=sink.port,
        sender="bounce@inkwell.test",
        recipients=["reader@example.com", "blind@example.org"],
        start_tls=False,
    )

    [summary] = list_messages(mailbox_dir)
    assert summary.subject == "hello"
    assert summary.to == "reader@example.com"
    assert summary.envelope_to == ["reader@example.com", "blind@example.org"]
    files = [p.name for p in mailbox_dir.iterdir()]
    assert files == [f"{summary.id}.eml"]
    assert (
        (mailbox_dir / files[0])
        .read_bytes()
        .startswith(b"X-Inkwell-Envelope-From: <bounce@inkwell.test>\r\n")
    )


async def test_serve_sink_runs_until_cancelled(mailbox_dir: Path) -> None:
    port = free_port()
    task = asyncio.create_task(serve_sink("127.0.0.1", port, mailbox_dir))
    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.01)
            continue
        writer.close()
        await writer.wait_closed()
        break

    await aiosmtplib.send(raw_message("served"), hostname="127.0.0.1", port=port, start_tls=False)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert [m.subject for m in list_messages(mailbox_dir)] == ["served"]
    with pytest.raises(ConnectionRefusedError):
        await asyncio.open_connection("127.0.0.1", port)


async def test_close_hangs_up_on_connected_clients(mailbox_dir: Path) -> None:
    sink = await start_sink("127.0.0.1", 0, mailbox_dir)
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=sink.port, start_tls=False, timeout=5)
    await client.connect()
    assert sink.live_connections == 1

    await sink.close()
    for _ in range(100):
        if not client.is_connected:
            break
        await asyncio.sleep(0.01)

    assert not client.is_connected
    client.close()


def _run_module(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "MAIL_SINK_PORT": str(port), "DATA_DIR": str(tmp_path / "data")}
    return subprocess.Popen(
        [sys.executable, "-m", "server.mail.sink"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_module_announces_itself_stores_mail_and_stops_on_signal(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    port = free_port()
    with _run_module(tmp_path, port) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line == f"mail sink listening on 127.0.0.1:{port}\n"

            with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
                client.send_message(raw_message("via module"))

            proc.send_signal(stop_signal)
            _, stderr = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()

    assert proc.returncode == 0, stderr
    mailbox = tmp_path / "data" / "mailbox"
    assert [m.subject for m in list_messages(mailbox)] == ["via module"]


def test_module_exits_1_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _run_module(tmp_path, port)
        _, stderr = proc.communicate(timeout=30)

    assert proc.returncode == 1
    assert stderr.strip() == f"port {port} is in use; set MAIL_SINK_PORT to use another"
