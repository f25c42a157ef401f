"""Code generation and checking, below the HTTP layer."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from models.accounts import AuthCode, CodePurpose
from server.auth import codes


def test_codes_are_six_digits_and_spread_out() -> None:
    drawn = [codes.generate_code() for _ in range(5000)]
    assert all(len(c) == 6 and c.isdigit() for c in drawn)
    # Leading zeros are kept; no digit dominates the first position.
    first = Counter(c[0] for c in drawn)
    assert set(first) == set("0123456789")
    assert max(first.values()) < 700
    assert len(set(drawn)) > 4900


def test_hash_binds_code_to_address_and_purpose() -> None:
    base = codes.hash_code("a@example.com", CodePurpose.login, "123456")
    assert base == codes.hash_code("a@example.com", CodePurpose.login, "123456")
    assert base != codes.hash_code("b@example.com", CodePurpose.login, "123456")
    assert base != codes.hash_code("a@example.com", CodePurpose.password_reset, "123456")
    assert base != codes.hash_code("a@example.com", CodePurpose.login, "123457")
    assert "123456" not in base


async def test_issue_voids_earlier_codes_and_consume_uses_once(db: None) -> None:
    first = await codes.issue_code("a@example.com", CodePurpose.login)
    second = await codes.issue_code("a@example.com", CodePurpose.login)
    rows = await AuthCode.filter(email="a@example.com").order_by("id")
    assert rows[0].voided_at is not None
    assert rows[1].voided_at is None
    if first != second:
        with pytest.raises(codes.InvalidCode):
            await codes.consume_code("a@example.com", CodePurpose.login, first)
    used = await codes.consume_code("a@example.com", CodePurpose.login, f" {second} ")
    assert used.used_at is not None
    with pytest.raises(codes.InvalidCode):
        await codes.consume_code("a@example.com", CodePurpose.login, second)


async def test_wrong_guesses_are_counted_even_though_the_call_fails(db: None) -> None:
    code = await codes.issue_code("a@example.com", CodePurpose.verify_email)
    wrong = "000000" if code != "000000" else "111111"
    for attempt in range(1, 6):
        with pytest.raises(codes.InvalidCode):
            await codes.consume_code("a@example.com", CodePurpose.verify_email, wrong)
        row = await AuthCode.get(email="a@example.com")
        assert row.attempts == attempt
    assert row.voided_at is not None
    with pytest.raises(codes.InvalidCode):
        await codes.consume_code("a@example.com", CodePurpose.verify_email, code)


async def test_expired_code_fails(db: None) -> None:
    code = await codes.issue_code("a@example.com", CodePurpose.login)
    await AuthCode.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(codes.InvalidCode):
        await codes.consume_code("a@example.com", CodePurpose.login, code)
