"""Password policy and hashing."""

from __future__ import annotations

import pytest

from server.auth import passwords


@pytest.mark.parametrize("password", ["12345678", "Password", "QWERTYUIOP", "football"])
def test_common_passwords_are_refused(password: str) -> None:
    with pytest.raises(passwords.WeakPassword, match="too common"):
        passwords.check_policy(password)


def test_the_email_itself_is_refused() -> None:
    with pytest.raises(passwords.WeakPassword):
        passwords.check_policy("me@example.com", email="me@example.com")


@pytest.mark.parametrize("password", ["n" * 8 + "!", "correct horse battery", "é" * 128])
def test_reasonable_passwords_pass(password: str) -> None:
    passwords.check_policy(password)


async def test_hash_is_argon2id_and_verifies(config: object) -> None:
    hashed = await passwords.hash_password("a fine passphrase")
    assert hashed.startswith("$argon2id$")
    assert await passwords.verify_password(hashed, "a fine passphrase")
    assert not await passwords.verify_password(hashed, "a fine passphrasE")
    # No hash (unknown user): still does the work, and never says yes.
    assert not await passwords.verify_password(None, "a fine passphrase")
    assert not await passwords.verify_password("garbage", "a fine passphrase")
