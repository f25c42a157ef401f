"""Password policy and hashing (argon2id through argon2-cffi).

Very common passwords are refused using the 30,000-entry password frequency list that ships
with zxcvbn (Dropbox's strength estimator), compared case-insensitively.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from server.core.config import Config, get_config
from server.core.errors import AppError

MIN_LENGTH = 8
MAX_LENGTH = 256


class WeakPassword(AppError):
    code = "weak_password"
    status = 422

    def __init__(self, reason: str, field: str = "password") -> None:
        super().__init__(reason, details={"fields": {field: [reason]}})


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_policy(password: str, *, field: str = "password", email: str | None = None) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Use at least {MIN_LENGTH} characters.", field)
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Use at most {MAX_LENGTH} characters.", field)
    lowered = password.lower()
    if lowered in _common() or (email and lowered == email.lower()):
        raise WeakPassword("This password is too common. Choose another one.", field)


def hasher(config: Config | None = None) -> PasswordHasher:
    config = config or get_config()
    return _hasher(config.argon2_time_cost, config.argon2_memory_kib, config.argon2_parallelism)


@lru_cache(maxsize=4)
def _hasher(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)


@lru_cache(maxsize=4)
def _dummy_hash(time_cost: int, memory_kib: int, parallelism: int) -> str:
    return _hasher(time_cost, memory_kib, parallelism).hash("not-a-real-password")


async def hash_password(password: str) -> str:
    # argon2 takes tens of milliseconds of CPU; keep it off the event loop.
    hashed: str = await asyncio.to_thread(hasher().hash, password)
    return hashed


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not there is a hash, so timing does not reveal accounts."""
    ph = hasher()
    target = password_hash or _dummy_hash(ph.time_cost, ph.memory_cost, ph.parallelism)

    def check() -> bool:
        try:
            return bool(ph.verify(target, password))
        except (VerificationError, InvalidHashError):
            return False

    ok = await asyncio.to_thread(check)
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return bool(hasher().check_needs_rehash(password_hash))
