"""Account enumeration by timing: known vs unknown addresses, side by side in one run.

Drives the real app (Quart test client, real PostgreSQL and Redis, production argon2 cost) and
prints the median time of each public auth call for an address with an account and one without,
their ratio (1.00 = indistinguishable by median), and the status codes each answered.

Knob: ``BENCH_AUTH_ROUNDS`` (calls timed per address, default 15).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quart import Response

ROUNDS = int(os.environ.get("BENCH_AUTH_ROUNDS", "15"))


async def _run() -> None:
    # Limits off for the measurement; the point is the work per request, not throttling.
    os.environ["RATE_LIMITS"] = json.dumps({})
    os.environ["LOG_LEVEL"] = "WARNING"
    from server.app import create_app
    from server.core.config import get_config

    get_config.cache_clear()
    from datetime import UTC, datetime

    from models.accounts import Membership, Role, User, Workspace
    from server.auth.passwords import hash_password
    from server.cli import _migrate
    from server.core.db import transaction

    await _migrate(get_config())
    app = create_app(get_config())
    async with app.test_app():
        client = app.test_client()
        known = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        async with transaction():
            user = await User.create(
                id=uuid.uuid4(), email=known, name="Bench",
                password_hash=await hash_password("bench passphrase 1"),
                email_verified_at=datetime.now(UTC),
            )  # fmt: skip
            workspace = await Workspace.create(id=uuid.uuid4(), name="Bench")
            await Membership.create(user=user, workspace=workspace, role=Role.owner)

        async def timed(call: Callable[[], Awaitable[Response]]) -> tuple[float, str]:
            """The median in ms, and the status codes seen: timing an error against a success
            would say nothing about enumeration."""
            samples, statuses = [], set()
            for _ in range(ROUNDS):
                started = time.perf_counter()
                response = await call()
                samples.append(time.perf_counter() - started)
                statuses.add(response.status_code)
            return statistics.median(samples) * 1000, "/".join(map(str, sorted(statuses)))

        def unknown() -> str:
            return f"nobody-{uuid.uuid4().hex[:10]}@example.com"

        cases = {
            "register": (
                lambda: client.post("/api/auth/register", json={
                    "email": known, "password": "another long pass", "name": "B"}),
                lambda: client.post("/api/auth/register", json={
                    "email": unknown(), "password": "another long pass", "name": "B"}),
            ),
            "login (wrong password vs no account)": (
                lambda: client.post("/api/auth/login", json={
                    "email": known, "password": "wrong passphrase"}),
                lambda: client.post("/api/auth/login", json={
                    "email": unknown(), "password": "wrong passphrase"}),
            ),
            "password reset request": (
                lambda: client.post("/api/auth/password-reset", json={"email": known}),
                lambda: client.post("/api/auth/password-reset", json={"email": unknown()}),
            ),
            "send-code (login)": (
                lambda: client.post("/api/auth/send-code", json={
                    "email": known, "purpose": "login"}),
                lambda: client.post("/api/auth/send-code", json={
                    "email": unknown(), "purpose": "login"}),
            ),
        }  # fmt: skip
        print(f"\nAuth timing: median of {ROUNDS} calls each, known vs unknown address")
        for name, (with_account, without) in cases.items():
            (a, a_status), (b, b_status) = await timed(with_account), await timed(without)
            print(
                f"  {name:<38} known {a:7.1f} ms  unknown {b:7.1f} ms  ratio {a / b:4.2f}"
                f"  HTTP {a_status} vs {b_status}"
            )


def main() -> None:
    asyncio.run(_run())
