"""The catalog's header images are valid PNGs of the gradient their names promise."""

from __future__ import annotations

import struct
import zlib

import pytest

from server.message_templates.banners import BANNERS, HEIGHT, WIDTH, banner_png


def decode(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the raw RGB rows of an 8-bit truecolour PNG, checking every chunk's
    CRC and every row's filter type (none) on the way."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF, kind
        chunks[kind] = data
        at += 12 + length
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + width * 3
    assert len(raw) == height * stride
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert {row[0] for row in rows} == {0}
    return width, height, [row[1:] for row in rows]


def pixel(rows: list[bytes], x: int, y: int) -> tuple[int, ...]:
    return tuple(rows[y][x * 3 : x * 3 + 3])


@pytest.mark.parametrize("name", sorted(BANNERS))
def test_each_banner_is_its_diagonal_gradient(name: str) -> None:
    width, height, rows = decode(banner_png(name))
    assert (width, height) == (WIDTH, HEIGHT)
    start, end = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in BANNERS[name])
    span = WIDTH + HEIGHT

    def expected(x: int, y: int) -> tuple[int, ...]:
        t = (x + y) / span
        return tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))

    assert pixel(rows, 0, 0) == start
    for x, y in ((WIDTH - 1, HEIGHT - 1), (0, HEIGHT - 1), (WIDTH - 1, 0), (600, 200), (37, 311)):
        assert pixel(rows, x, y) == expected(x, y), (x, y)
    # Every diagonal from bottom left to top right is one colour.
    for x, y in ((0, HEIGHT - 1), (150, 250), (WIDTH - 2, 1), (1000, 399)):
        assert pixel(rows, x, y) == pixel(rows, x + 1, y - 1), (x, y)


def test_an_unknown_banner_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        banner_png("plaid")
