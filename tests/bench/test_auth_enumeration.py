from __future__ import annotations

import re

from tests.bench.conftest import run_benchmark

# What each public call answers, the same with an account and without.
STATUSES = {
    "register": "201",
    "login (wrong password vs no account)": "401",
    "password reset request": "202",
    "send-code (login)": "202",
}


def test_known_and_unknown_addresses_are_timed_side_by_side(db: None) -> None:
    out = run_benchmark("auth_enumeration", {"BENCH_AUTH_ROUNDS": "2"})
    assert "median of 2 calls each, known vs unknown address" in out, out
    for name, status in STATUSES.items():
        found = re.search(
            rf"^  {re.escape(name)} +known +[\d.]+ ms  unknown +[\d.]+ ms  ratio +[\d.]+"
            r"  HTTP (\S+) vs (\S+)$",
            out,
            re.MULTILINE,
        )
        assert found is not None, out
        assert found.groups() == (status, status), out
