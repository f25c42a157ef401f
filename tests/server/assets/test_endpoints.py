"""Images over HTTP: upload with the type read from the bytes, limits, serving from our own
URL, URL imports refused for private hosts, and AI images through the OpenAI SDK against the
fake OpenAI server."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from quart.datastructures import FileStorage
from quart.typing import TestClientProtocol

from models.chat import AIRequest
from models.templates import Asset
from server.core.config import Config
from server.message_templates.banners import banner_png
from tests.factories import Login, login_as, make_user
from tests.fakes.openai_server import FakeOpenAI

PNG = banner_png("ocean")
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


async def upload(client: TestClientProtocol, login: Login, data: bytes, name: str) -> Any:
    return await client.post(
        "/api/assets",
        files={"file": FileStorage(io.BytesIO(data), filename=name)},
        headers=login.headers(),
    )


async def test_upload_is_stored_and_served_from_our_url(
    client: TestClientProtocol, owner: Login
) -> None:
    # The name says JPEG; the bytes say PNG, and the bytes win.
    response = await upload(client, owner, PNG, "photo.jpg")
    assert response.status_code == 201
    asset = await response.get_json()
    assert (asset["content_type"], asset["size"], asset["source"]) == (
        "image/png",
        len(PNG),
        "upload",
    )
    assert asset["path"] == f"/media/{asset['id']}"
    assert asset["url"].endswith(asset["path"])

    served = await client.get(asset["path"])  # no session: email clients fetch it
    assert served.status_code == 200
    assert served.content_type == "image/png"
    assert await served.get_data() == PNG
    assert "immutable" in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"

    gif = await upload(client, owner, GIF, "dot.gif")
    assert (await gif.get_json())["content_type"] == "image/gif"
    listed = await client.get("/api/assets", headers=owner.headers())
    assert len((await listed.get_json())["items"]) == 2
    stranger = await login_as(await make_user())
    theirs = await client.get("/api/assets", headers=stranger.headers())
    assert (await theirs.get_json())["items"] == []


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "x.svg"),
        (b"<html><script>alert(1)</script></html>", "x.png"),
        (b"%PDF-1.4 not an image", "doc.png"),
        (b"", "empty.png"),
    ],
)
async def test_anything_but_a_raster_image_is_refused(
    client: TestClientProtocol, owner: Login, data: bytes, name: str
) -> None:
    response = await upload(client, owner, data, name)
    assert response.status_code == 415
    assert (await response.get_json())["code"] == "unsupported_image"
    assert await Asset.all().count() == 0


async def test_size_limit_and_missing_file(
    client: TestClientProtocol, owner: Login, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "asset_max_bytes", 1000)
    too_big = await upload(client, owner, PNG, "big.png")
    assert too_big.status_code == 413
    assert (await too_big.get_json())["code"] == "image_too_large"
    missing = await client.post("/api/assets", form={"x": "y"}, headers=owner.headers())
    assert missing.status_code == 422
    assert (await client.get("/media/00000000-0000-4000-8000-000000000000")).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/a.png",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1/a.png",
        "https://localhost/a.png",
        "http://example.com/a.png",
    ],
)
async def test_url_import_refuses_private_hosts_and_plain_http(
    client: TestClientProtocol, owner: Login, url: str
) -> None:
    response = await client.post("/api/assets/import", json={"url": url}, headers=owner.headers())
    assert response.status_code == 422
    assert (await response.get_json())["code"] == "url_not_allowed"


async def test_ai_image_needs_openai(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    assert config.openai_api_key is None
    response = await client.post(
        "/api/assets/generate", json={"prompt": "a lighthouse at dawn"}, headers=owner.headers()
    )
    assert response.status_code == 409
    assert (await response.get_json())["code"] == "ai_images_not_configured"


async def test_ai_image_through_openai(
    client: TestClientProtocol,
    owner: Login,
    config: Config,
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.image_bytes = PNG
    response = await client.post(
        "/api/assets/generate",
        json={"prompt": "a lighthouse at dawn", "size": "1536x1024"},
        headers=owner.headers(),
    )
    assert response.status_code == 201, await response.get_json()
    asset = await response.get_json()
    assert (asset["source"], asset["prompt"], asset["content_type"]) == (
        "ai", "a lighthouse at dawn", "image/png",
    )  # fmt: skip
    assert await (await client.get(asset["path"])).get_data() == PNG
    sent = fake_openai.requests[-1]
    assert (sent["model"], sent["size"], sent["prompt"]) == (
        "gpt-image-1", "1536x1024", "a lighthouse at dawn",
    )  # fmt: skip

    ledger = await AIRequest.get(purpose="image", outcome="ok")
    assert (ledger.model, ledger.input_tokens, ledger.output_tokens) == ("gpt-image-1", 12, 1056)
    assert float(ledger.cost_usd) == pytest.approx((12 * 5.0 + 1056 * 40.0) / 1_000_000)

    fake_openai.image_refused = True
    refused = await client.post(
        "/api/assets/generate", json={"prompt": "something refused"}, headers=owner.headers()
    )
    assert refused.status_code == 422
    assert (await refused.get_json())["code"] == "ai_image_failed"

    fake_openai.image_refused = False
    fake_openai.image_bytes = b"<svg/>"  # the model's bytes are checked like an upload's
    odd = await client.post(
        "/api/assets/generate", json={"prompt": "vector art"}, headers=owner.headers()
    )
    assert odd.status_code == 415
    assert await AIRequest.filter(purpose="image", outcome="failed").count() == 1


async def test_ai_images_count_against_the_monthly_ai_budget(
    client: TestClientProtocol,
    owner: Login,
    config: Config,
    fake_openai: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_openai.image_bytes = PNG
    monkeypatch.setattr(config, "ai_budget_usd", {"free": 0.05, "pro": 20.0})
    first = await client.post(
        "/api/assets/generate", json={"prompt": "a lighthouse"}, headers=owner.headers()
    )
    assert first.status_code == 201  # about $0.042: under the allowance
    second = await client.post(
        "/api/assets/generate", json={"prompt": "another one"}, headers=owner.headers()
    )
    assert second.status_code == 201  # 84% used: allowed, over the soft share
    third = await client.post(
        "/api/assets/generate", json={"prompt": "and another"}, headers=owner.headers()
    )
    assert third.status_code == 429
    assert (await third.get_json())["code"] == "ai_budget_exceeded"
    assert len([r for r in fake_openai.requests if "prompt" in r]) == 2


async def test_catalog_banners_are_served_as_png(client: TestClientProtocol, db: None) -> None:
    served = await client.get("/media/catalog/ocean.png")
    assert served.status_code == 200
    assert served.content_type == "image/png"
    assert (await served.get_data(as_text=False)).startswith(b"\x89PNG\r\n\x1a\n")
    assert (await client.get("/media/catalog/nope.png")).status_code == 404


async def test_url_imports_are_rate_limited_per_workspace(
    client: TestClientProtocol, owner: Login, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(config.rate_limits, "asset_import:account", "2/hour")
    statuses = []
    for _ in range(3):
        response = await client.post(
            "/api/assets/import", json={"url": "https://127.0.0.1/a.png"}, headers=owner.headers()
        )
        statuses.append(response.status_code)
    assert statuses == [422, 422, 429]
    assert "Retry-After" in response.headers
