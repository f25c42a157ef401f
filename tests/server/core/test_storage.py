"""Local storage: files under the root, written whole, keys that cannot escape the root."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.core.storage import LocalStorage


async def test_put_get_delete(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "uploads")
    await storage.put("ws-1/a.png", b"image bytes")
    assert (tmp_path / "uploads" / "ws-1" / "a.png").read_bytes() == b"image bytes"
    assert await storage.get("ws-1/a.png") == b"image bytes"
    assert list((tmp_path / "uploads" / "ws-1").iterdir()) == [
        tmp_path / "uploads" / "ws-1" / "a.png"
    ]  # no partial file left behind
    await storage.delete("ws-1/a.png")
    assert await storage.get("ws-1/a.png") is None
    await storage.delete("ws-1/a.png")  # deleting twice is fine


@pytest.mark.parametrize(
    "key", ["../secret", "/etc/passwd", "a/../../b", "a//b", "", ".hidden", "a\\b", "a/ b"]
)
async def test_keys_cannot_leave_the_root(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError, match="invalid storage key"):
        await LocalStorage(tmp_path).put(key, b"x")
