"""SMTP reply codes in words, for the activity page and auto-pause reasons."""

from __future__ import annotations

_EXACT = {
    421: "the receiving server is closing the connection for now (often overloaded or "
    "rate-limiting us)",
    450: "the mailbox is temporarily unavailable (busy, or greylisting)",
    451: "the receiving server hit a local error and asked us to try later",
    452: "the receiving server is out of storage for now",
    454: "the receiving server could not secure or authenticate the session for now",
    500: "the receiving server did not understand a command",
    501: "the receiving server rejected an address or argument as malformed",
    503: "the receiving server saw commands in the wrong order",
    521: "the receiving server does not accept mail",
    530: "the receiving server requires authentication",
    535: "the SMTP username or password was refused",
    550: "the mailbox does not exist or refused the message",
    551: "the recipient is not local to that server",
    552: "the message is larger than the mailbox accepts",
    553: "the address is not allowed or malformed",
    554: "the receiving server rejected the message (often as spam or by policy)",
}


def explain(code: int | None) -> str:
    """A sentence a person understands, for a reply code or its absence."""
    if code is None:
        return "the connection failed or timed out before the server answered"
    if code in _EXACT:
        return _EXACT[code]
    if 400 <= code < 500:
        return "the receiving server refused for now; we will retry"
    if 500 <= code < 600:
        return "the receiving server refused the message permanently"
    return "the receiving server gave an unexpected answer"


def describe_failure(code: int | None, error: str | None) -> str | None:
    if code is None and not error:
        return None
    prefix = f"{code}: " if code is not None else ""
    return prefix + explain(code)
