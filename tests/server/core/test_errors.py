"""Every failure leaves in the one error format, with the right status."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field
from quart import Blueprint, Quart
from quart.typing import TestClientProtocol
from quart_schema import validate_request

from server.core.config import Config
from server.core.errors import Conflict, RateLimited

probe = Blueprint("probe", __name__)


class Widget(BaseModel):
    name: str = Field(min_length=1)
    size: int = Field(gt=0)


@probe.post("/api/_probe/widgets")
@validate_request(Widget)
async def create_widget(data: Widget) -> dict[str, Any]:
    return {"name": data.name, "size": data.size}


@probe.post("/api/_probe/echo")
async def echo() -> dict[str, Any]:
    from quart import request

    return {"bytes": len(await request.get_data())}


@probe.get("/api/_probe/conflict")
async def conflict() -> dict[str, Any]:
    raise Conflict("Someone else changed it.", details={"current_version": 3})


@probe.get("/api/_probe/limited")
async def limited() -> dict[str, Any]:
    raise RateLimited(retry_after=17)


@probe.get("/api/_probe/boom")
async def boom() -> dict[str, Any]:
    raise RuntimeError("secret internals: password=hunter2")


@pytest.fixture
async def probe_client(db: None, config: Config) -> Any:
    from server.app import create_app

    app: Quart = create_app(config)
    app.register_blueprint(probe)
    async with app.test_app():
        yield app.test_client()


def assert_error_shape(body: dict[str, Any]) -> None:
    assert set(body) == {"code", "message", "details"}
    assert isinstance(body["message"], str)
    assert body["message"]


async def test_malformed_json_is_a_clear_400(probe_client: TestClientProtocol) -> None:
    response = await probe_client.post(
        "/api/_probe/widgets", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    body = await response.get_json()
    assert_error_shape(body)
    assert body["code"] == "malformed_json"


async def test_a_body_that_is_not_utf8_is_malformed_json_not_a_500(
    probe_client: TestClientProtocol,
) -> None:
    # Latin-1 "café": valid JSON text in the wrong encoding.
    response = await probe_client.post(
        "/api/_probe/widgets",
        data=b'{"name": "caf\xe9", "size": 1}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    body = await response.get_json()
    assert_error_shape(body)
    assert body["code"] == "malformed_json"
    assert body["details"] == {"error": "the body is not UTF-8 text (byte 13)"}


async def test_schema_violation_names_each_field(probe_client: TestClientProtocol) -> None:
    response = await probe_client.post("/api/_probe/widgets", json={"name": "", "size": -1})
    assert response.status_code == 422
    body = await response.get_json()
    assert_error_shape(body)
    assert body["code"] == "validation_error"
    assert set(body["details"]["fields"]) == {"name", "size"}


async def test_missing_field_is_reported(probe_client: TestClientProtocol) -> None:
    response = await probe_client.post("/api/_probe/widgets", json={"name": "x"})
    body = await response.get_json()
    assert response.status_code == 422
    assert "size" in body["details"]["fields"]


async def test_valid_body_passes(probe_client: TestClientProtocol) -> None:
    response = await probe_client.post("/api/_probe/widgets", json={"name": "x", "size": 2})
    assert response.status_code == 200
    assert await response.get_json() == {"name": "x", "size": 2}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "a\x00b", "size": 1}, "name"),
        ({"name": "x", "size": 1, "tags": ["ok", "\x00"]}, "tags.1"),
        ({"name": "x", "size": 1, "meta": {"de\x00ep": "ok"}}, "meta.de\x00ep"),
        ({"name": "x", "size": 1, "meta": [{"k": "\x00"}]}, "meta.0.k"),
        (["\x00"], "0"),
        ("\x00", "body"),
    ],
)
async def test_a_nul_anywhere_in_a_json_body_is_a_422_naming_where(
    probe_client: TestClientProtocol, body: Any, field: str
) -> None:
    """PostgreSQL cannot store a NUL in text: caught at the door, not as a 500 later."""
    response = await probe_client.post("/api/_probe/widgets", json=body)
    assert response.status_code == 422
    error = await response.get_json()
    assert_error_shape(error)
    assert error["code"] == "validation_error"
    assert error["details"]["fields"] == {field: ["must not contain NUL characters"]}


async def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(
    probe_client: TestClientProtocol,
) -> None:
    response = await probe_client.post(
        "/api/_probe/widgets",
        data=b'{"name": "C:\\\\u0000", "size": 1}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert (await response.get_json())["name"] == "C:\\u0000"


async def test_a_nul_in_a_query_parameter_is_a_422(probe_client: TestClientProtocol) -> None:
    response = await probe_client.get("/api/_probe/conflict?search=a%00b")
    assert response.status_code == 422
    error = await response.get_json()
    assert error["code"] == "validation_error"
    assert error["details"]["fields"] == {"search": ["must not contain NUL characters"]}


async def test_unknown_api_route_is_json_404(probe_client: TestClientProtocol) -> None:
    response = await probe_client.get("/api/no/such/thing")
    assert response.status_code == 404
    body = await response.get_json()
    assert_error_shape(body)
    assert body["code"] == "not_found"


async def test_wrong_method_is_405_with_allow(probe_client: TestClientProtocol) -> None:
    response = await probe_client.get("/api/_probe/widgets")
    assert response.status_code == 405
    assert (await response.get_json())["code"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]


async def test_oversized_body_is_413(probe_client: TestClientProtocol, config: Config) -> None:
    response = await probe_client.post("/api/_probe/echo", data=b"x" * (config.max_body_bytes + 1))
    assert response.status_code == 413
    assert (await response.get_json())["code"] == "payload_too_large"
    small = await probe_client.post("/api/_probe/echo", data=b"x" * 10)
    assert (await small.get_json()) == {"bytes": 10}


async def test_app_errors_keep_code_status_and_details(probe_client: TestClientProtocol) -> None:
    response = await probe_client.get("/api/_probe/conflict")
    assert response.status_code == 409
    body = await response.get_json()
    assert body == {
        "code": "conflict",
        "message": "Someone else changed it.",
        "details": {"current_version": 3},
    }


async def test_rate_limit_sets_retry_after(probe_client: TestClientProtocol) -> None:
    response = await probe_client.get("/api/_probe/limited")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "17"


async def test_unexpected_error_is_500_with_request_id_and_no_trace(
    probe_client: TestClientProtocol,
) -> None:
    response = await probe_client.get("/api/_probe/boom", headers={"X-Request-ID": "req-12345"})
    assert response.status_code == 500
    body = await response.get_json()
    assert_error_shape(body)
    assert body["code"] == "internal_error"
    assert body["details"] == {"request_id": "req-12345"}
    raw = await response.get_data(as_text=True)
    assert "hunter2" not in raw
    assert "Traceback" not in raw
    assert response.headers["X-Request-ID"] == "req-12345"
