"""The built client is served for app routes; server paths never fall back to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from quart.typing import TestClientProtocol

from server.core.config import get_config


@pytest.fixture
def dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Inkwell</title><div id=root>")
    (tmp_path / "assets" / "app-abc123.js").write_text("console.log('hi')")
    monkeypatch.setattr(get_config(), "client_dist", tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", ["/", "/chat", "/contacts", "/settings/billing"])
async def test_app_routes_get_the_shell(client: TestClientProtocol, dist: Path, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert "<div id=root>" in await response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-cache"


async def test_fingerprinted_assets_are_cached_forever(
    client: TestClientProtocol, dist: Path
) -> None:
    response = await client.get("/assets/app-abc123.js")
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    missing = await client.get("/assets/missing.js")
    assert missing.status_code == 404


@pytest.mark.parametrize("path", ["/api/unknown", "/api", "/u/abc/extra", "/dev/nothing"])
async def test_server_paths_do_not_fall_back(
    client: TestClientProtocol, dist: Path, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert (await response.get_json())["code"] == "not_found"


async def test_unbuilt_client_explains_itself(
    client: TestClientProtocol, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_config(), "client_dist", tmp_path / "nothing")
    response = await client.get("/chat")
    assert response.status_code == 200
    assert "make run" in await response.get_data(as_text=True)


async def test_openapi_and_docs_are_served(client: TestClientProtocol) -> None:
    spec = await (await client.get("/openapi.json")).get_json()
    assert spec["info"]["title"] == "Inkwell API"
    assert "/readyz" in spec["paths"]
    docs = await client.get("/docs")
    assert docs.status_code == 200
