"""Tracking tokens: our signer writes byte for byte what itsdangerous writes, so every link
in mail already sent keeps working, and itsdangerous reads ours."""

from __future__ import annotations

from itsdangerous import URLSafeSerializer

from server.core.config import get_config
from server.tracking.tokens import TokenKind, make_token, read_token

URLS = [
    "https://example.com/story",
    "http://example.com/",
    # Long and repetitive: itsdangerous compresses it (the "." prefix).
    "https://example.com/" + "page/" * 60 + "?utm_source=inkwell&utm_medium=email",
    'https://example.com/ünïcödé/路径?q="quoted"&x=\\back',
    "https://example.com/" + "x" * 2000,
]


def test_tokens_equal_itsdangerous_and_read_back() -> None:
    secret = get_config().secret_key
    kinds: list[TokenKind] = ["open", "click", "unsubscribe"]
    for kind in kinds:
        reference = URLSafeSerializer(secret, salt=f"inkwell.tracking.{kind}")
        # Ids around the length where compression is no longer skipped, and ids whose
        # JSON compresses (repeated digits).
        for rid in (0, 1, 42, 123_456, 99_999_999, 100_000_000, 11_111_111, 10**17, 2**62):
            urls = URLS if kind == "click" else [None]
            for url in urls:
                payload = [rid] if url is None else [rid, url]
                token = make_token(kind, rid, url)
                assert token == reference.dumps(payload), (kind, rid, url)
                assert read_token(kind, token) == (rid, url)
    compressed = make_token("click", 7, URLS[2])
    assert compressed.startswith("."), "the long URL took the compressed path"
    # A token of one kind never reads as another.
    assert read_token("unsubscribe", make_token("open", 7)) is None
