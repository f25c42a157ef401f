"""The OpenAPI document names each operation's successes, its errors and how to sign in, and
the errors the API really answers are among those it names."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from quart import Quart
from quart.typing import TestClientProtocol

from server.core.errors import ErrorBody
from tests.factories import Login, login_as, make_user

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


@pytest.fixture
async def document(client: TestClientProtocol) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = await response.get_json()
    return body


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_every_operation_names_a_success_and_errors_in_the_one_shape(
    document: dict[str, Any],
) -> None:
    assert len(operations(document)) > 80
    assert document["components"]["schemas"]["ErrorBody"]["required"] == ["code", "message"]
    for method, path, operation in operations(document):
        responses = operation["responses"]
        successes = [status for status in responses if status[0] in "23"]
        assert successes, f"{method} {path} documents no success"
        for status, response in responses.items():
            if (path, status) == ("/readyz", "503"):
                continue  # the contract's readiness body, naming the failing check
            if status[0] in "45" or status == "default":
                assert response["content"]["application/json"]["schema"] == ERROR_REF, (
                    f"{method} {path} {status}"
                )
        assert "default" in responses, f"{method} {path}"


def test_errors_follow_from_what_the_operation_declares(document: dict[str, Any]) -> None:
    paths = document["paths"]
    # A body, a path id and a capability: every kind of error.
    patch = paths["/api/contacts/{contact_id}"]["patch"]["responses"]
    assert list(patch) == ["200", "400", "401", "403", "404", "422", "default"]
    assert paths["/api/contacts/{contact_id}"]["patch"]["requestBody"]["required"] is True
    assert "csrf_failed" in patch["403"]["description"]
    # Signed in, nothing to validate, nothing addressed by id: a safe read needs no capability
    # beyond being signed in, so no 403.
    assert list(paths["/api/auth/me"]["get"]["responses"]) == ["200", "401", "default"]
    # Public: no sign-in errors (a wrong password is one of "default"), and the global
    # security requirement is lifted.
    login = paths["/api/auth/login"]["post"]
    assert list(login["responses"]) == ["200", "400", "422", "default"]
    assert login["security"] == []
    assert paths["/healthz"]["get"]["security"] == []
    assert "security" not in paths["/api/contacts"]["get"]
    assert document["security"] == [{"session": []}, {"api_key": []}]
    assert document["components"]["securitySchemes"] == {
        "session": {"type": "apiKey", "in": "cookie", "name": "inkwell_session"},
        "api_key": {"type": "http", "scheme": "bearer"},
    }


def test_successes_that_are_not_json_models_are_named_with_their_type(
    document: dict[str, Any],
) -> None:
    paths = document["paths"]
    export = paths["/api/contacts/export.csv"]["get"]["responses"]["200"]
    assert list(export["content"]) == ["text/csv"]
    stream = paths["/api/chat/threads/{thread_id}/messages/{message_id}/stream"]["get"]
    assert list(stream["responses"]["200"]["content"]) == ["text/event-stream"]
    deleted = paths["/api/contacts/{contact_id}"]["delete"]["responses"]["204"]
    assert "content" not in deleted
    assert "302" in paths["/api/auth/oauth/{provider}/start"]["get"]["responses"]
    test_send = paths["/api/campaigns/{campaign_id}/test"]["post"]["responses"]["202"]
    schema = test_send["content"]["application/json"]["schema"]
    assert (schema["title"], schema["required"]) == ("CampaignTestSent", ["message_id"])


def test_integer_ids_are_bounded_by_their_columns(document: dict[str, Any]) -> None:
    version = next(
        p
        for p in document["paths"]["/api/templates/{template_id}/versions/{version}"]["get"][
            "parameters"
        ]
        if p["name"] == "version"
    )
    assert version["schema"] == {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}


def _unbounded_integers(schema: Any, components: dict[str, Any], where: str) -> list[str]:
    """Where ``schema`` (followed through ``$ref``) takes an integer with no maximum."""
    if isinstance(schema, list):
        return [
            x for i, item in enumerate(schema) for x in _unbounded_integers(item, components, where)
        ]
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return _unbounded_integers(components[name], components, f"{where}>{name}")
    bounded = {"maximum", "exclusiveMaximum", "enum", "const"} & set(schema)
    found = [where] if schema.get("type") == "integer" and not bounded else []
    for key, value in schema.items():
        if key == "properties":
            for field, inner in value.items():
                found += _unbounded_integers(inner, components, f"{where}.{field}")
        elif key in ("items", "anyOf", "oneOf", "allOf", "additionalProperties"):
            found += _unbounded_integers(value, components, where)
    return found


def test_every_integer_a_request_can_carry_is_bounded(document: dict[str, Any]) -> None:
    # Unbounded, a number past a column's range reaches the query and fails it (a 500).
    components = document["components"]["schemas"]
    unbounded = []
    for method, path, operation in operations(document):
        for parameter in operation["parameters"]:
            unbounded += _unbounded_integers(
                parameter["schema"], components, f"{method} {path} {parameter['name']}"
            )
        for media, body in operation.get("requestBody", {}).get("content", {}).items():
            unbounded += _unbounded_integers(body["schema"], components, f"{method} {path} {media}")
    assert unbounded == []


async def test_an_id_past_its_column_is_a_404_not_an_overflow(
    client: TestClientProtocol, owner: Login
) -> None:
    made = await client.post("/api/templates", json={"name": "Mine"}, headers=owner.headers())
    assert made.status_code == 201
    template_id = (await made.get_json())["id"]
    for method, path in (
        ("GET", f"/api/templates/{template_id}/versions/{2**31}"),
        ("POST", f"/api/templates/{template_id}/versions/{2**31}/restore"),
        ("POST", f"/api/campaigns/dead-letters/{2**63}/requeue"),
    ):
        # quart.typing's protocol makes ``json`` required; the client's default sends no body.
        response = await client.open(path, method=method, headers=owner.headers())  # type: ignore[call-arg]
        assert response.status_code == 404, path
        ErrorBody.model_validate(await response.get_json())
    # Within range and missing: the same answer, from the endpoint itself.
    response = await client.get(
        f"/api/templates/{template_id}/versions/{2**31 - 1}", headers=owner.headers()
    )
    assert response.status_code == 404


async def test_the_errors_the_api_answers_are_the_ones_it_documents(
    app: Quart, client: TestClientProtocol, document: dict[str, Any], owner: Login
) -> None:
    missing = uuid.uuid4()
    cases: list[tuple[str, str, str, dict[str, Any]]] = [
        # (method, documented path, real path, request options)
        ("PATCH", "/api/contacts/{contact_id}", f"/api/contacts/{missing}",
         {"json": {"first_name": "A"}, "headers": owner.headers()}),
        ("PATCH", "/api/contacts/{contact_id}", f"/api/contacts/{missing}",
         {"data": b"{", "headers": {**owner.headers(), "Content-Type": "application/json"}}),
        ("POST", "/api/contacts", "/api/contacts",
         {"json": {"email": "not an address"}, "headers": owner.headers()}),
        ("POST", "/api/contacts", "/api/contacts",
         {"json": {"email": "a@example.com"}, "headers": owner.headers(unsafe=False)}),
        ("GET", "/api/contacts", "/api/contacts", {}),
        ("GET", "/api/contacts", "/api/contacts",
         {"query_string": {"limit": "0"}, "headers": owner.headers()}),
        ("GET", "/api/campaigns/{campaign_id}", f"/api/campaigns/{missing}",
         {"headers": owner.headers()}),
    ]  # fmt: skip
    seen = set()
    for method, documented, path, options in cases:
        response = await client.open(path, method=method, **options)
        status = str(response.status_code)
        seen.add(status)
        responses = document["paths"][documented][method.lower()]["responses"]
        assert status in responses, f"{method} {path} answered {status}, not documented"
        ErrorBody.model_validate(await response.get_json())
    assert seen == {"400", "401", "403", "404", "422"}


# Signing out would end the session the rest of the sweep runs with, and readiness is 503
# here by design (no worker runs beside this test); their own tests cover both.
SWEEP_SKIPS = {("POST", "/api/auth/logout"), ("GET", "/readyz")}
SWEEP_BODIES: list[tuple[str, bytes | None]] = [
    ("no body", None),
    ("not UTF-8", b'{"name": "caf\xe9"}'),
    ("empty object", b"{}"),
    ("a list", b"[1]"),
]


def _concrete(path: str, parameters: list[dict[str, Any]]) -> str:
    """The path with every parameter filled with something that names nothing."""
    for parameter in parameters:
        if parameter["in"] != "path":
            continue
        schema = parameter["schema"]
        if schema.get("type") == "integer":
            # An id with no declared bound gets one past any column's.
            value = str(schema.get("maximum", 2**63))
        elif schema.get("format") == "uuid":
            value = str(uuid.uuid4())
        else:
            value = "nothing-here"
        path = path.replace("{" + parameter["name"] + "}", value)
    return path


async def assert_no_server_error(response: Any, where: str) -> None:
    """Only a service this test's configuration leaves unset may be unavailable (503)."""
    if response.status_code >= 500:
        error = await response.get_json()
        assert response.status_code == 503, f"{where} {error}"
        assert str(error.get("code")).endswith("_not_configured"), f"{where} {error}"


async def test_no_operation_answers_bad_input_with_a_server_error_or_an_undocumented_status(
    client: TestClientProtocol, document: dict[str, Any], owner: Login
) -> None:
    # The failures a schema fuzzer found here (a body that is not UTF-8, an id past its
    # column, a filter checked only once a stream had started) belonged to whole classes of
    # input, so every operation gets each class, signed in with every capability.
    answered = 0
    for method, template, operation in operations(document):
        if (method, template) in SWEEP_SKIPS:
            continue
        path = _concrete(template, operation["parameters"])
        for label, body in SWEEP_BODIES if method in {"POST", "PUT", "PATCH"} else [("", None)]:
            headers = owner.headers()
            if body is not None:
                headers["Content-Type"] = "application/json"
            response = await client.open(path, method=method, data=body, headers=headers)  # type: ignore[call-arg]
            await response.get_data()
            status = response.status_code
            where = f"{method} {path} with {label or 'no body'}: {status}"
            await assert_no_server_error(response, where)
            if status in (400, 401, 403, 404, 422):
                assert str(status) in operation["responses"], where
            if status >= 400:
                ErrorBody.model_validate(await response.get_json())
            answered += 1
    assert answered > 150


async def test_without_signing_in_every_signed_in_operation_is_a_401_and_nothing_fails(
    client: TestClientProtocol, document: dict[str, Any]
) -> None:
    # The document's security says which operations need a caller; the API must agree, and
    # the public ones must cope with an anonymous caller's bad input too.
    signed_in = public = 0
    for method, template, operation in operations(document):
        if (method, template) in SWEEP_SKIPS:
            continue
        path = _concrete(template, operation["parameters"])
        body = b"{}" if method in {"POST", "PUT", "PATCH"} else None
        headers = {"Content-Type": "application/json"} if body is not None else {}
        response = await client.open(path, method=method, data=body, headers=headers)  # type: ignore[call-arg]
        await response.get_data()
        where = f"{method} {path}: {response.status_code}"
        if operation.get("security") == []:
            public += 1
            await assert_no_server_error(response, where)
        else:
            signed_in += 1
            assert response.status_code == 401, where
            assert "401" in operation["responses"], where
            ErrorBody.model_validate(await response.get_json())
    assert signed_in > 60
    assert public > 10
