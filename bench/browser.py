"""Debian's Chromium, as the browser tests and the benchmarks launch it through Playwright."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CLIENT_DIST = Path(__file__).resolve().parents[1] / "client" / "dist"
# No sandbox (containers run as root), no GPU, and none of the browser's own network traffic.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def missing() -> str | None:
    """Why the browser cannot be used here, or None."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not (CLIENT_DIST / "index.html").exists():
        return "the client is not built (make client)"
    return None
