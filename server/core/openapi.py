"""The OpenAPI document, with the errors each operation can answer and how callers sign in.

quart-schema documents only the responses an endpoint declares with ``validate_response``,
which are its successes. A client generated from the document, or a person reading /docs,
would not learn that every failure has one shape (``ErrorBody``) nor which failures an
operation can have. They follow from what the endpoint declares, so they are added here for
every operation rather than repeated on each endpoint:

* a JSON body: 400 ``malformed_json`` when it does not parse;
* a body or query string model: 422 ``validation_error`` with per-field details;
* a path parameter: 404 when there is no such thing in the caller's workspace;
* signed in (``requires``): 401, and 403 for a missing capability or, on an unsafe method
  with a cookie session, a missing CSRF token;
* anything else (a conflict, a rate limit, an unavailable service): the ``default`` response,
  in the same shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import TypeAdapter
from quart_schema import APIKeySecurityScheme, HttpSecurityScheme
from quart_schema.openapi import OpenAPIProvider
from werkzeug.routing import BaseConverter, IntegerConverter, Rule, UUIDConverter

from server.core.auth import access_of
from server.core.config import Config
from server.core.errors import ErrorBody

ERROR_SCHEMA = "ErrorBody"
_ERROR_CONTENT = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}}
_UNSAFE = {"post", "put", "patch", "delete"}
_RESPONDS = "__inkwell_responds__"

F = TypeVar("F", bound=Callable[..., Any])


def responds(status: int, description: str, media_type: str | None = None) -> Callable[[F], F]:
    """Document a success that is not a JSON model (``validate_response`` documents those):
    no content (204), a redirect, or a body of ``media_type`` such as CSV, HTML or an image."""

    def decorate(fn: F) -> F:
        # quart-schema's and our own decorators keep the attribute (functools.wraps).
        setattr(fn, _RESPONDS, [*getattr(fn, _RESPONDS, []), (status, description, media_type)])
        return fn

    return decorate


def security_schemes(config: Config) -> dict[str, APIKeySecurityScheme | HttpSecurityScheme]:
    """The two ways to sign in (``DESCRIPTION`` explains them; these schemes carry no text)."""
    return {
        "session": APIKeySecurityScheme(name=config.session_cookie, in_="cookie"),
        "api_key": HttpSecurityScheme(scheme="bearer"),
    }


DESCRIPTION = """Signing in: the browser's session cookie (set by signing in; unsafe methods also
need the header `X-CSRF-Token` equal to the `csrf_token` cookie), or a workspace API key from
Settings → API keys, sent as `Authorization: Bearer ink_...` (no CSRF token needed).

Every error has one JSON shape, `{"code", "message", "details"}`, whatever its status."""


SECURITY: list[dict[str, list[str]]] = [{"session": []}, {"api_key": []}]


_BINARY = {"type": "string", "format": "binary"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _ERROR_CONTENT}


class InkwellOpenAPIProvider(OpenAPIProvider):
    def schema(self) -> dict[str, Any]:
        document = super().schema()
        document["components"]["schemas"][ERROR_SCHEMA] = TypeAdapter(ErrorBody).json_schema(
            ref_template="#/components/schemas/{model}"
        )
        return document

    def build_path_parameter(self, name: str, converter: BaseConverter) -> dict[str, Any]:
        # An integer id is bounded by its column (``<int(max=...)>``): a larger one matches no
        # route, a 404, instead of overflowing the query.
        parameter = super().build_path_parameter(name, converter)
        if isinstance(converter, UUIDConverter):
            # Anything else matches no route at all.
            parameter["schema"]["format"] = "uuid"
        if isinstance(converter, IntegerConverter):
            parameter["schema"]["minimum"] = 0 if converter.min is None else converter.min
            if converter.max is not None:
                parameter["schema"]["maximum"] = converter.max
        return parameter

    def build_paths(self, rule: Rule) -> tuple[dict[str, Any], dict[str, Any]]:
        paths, components = super().build_paths(rule)
        view = self._app.view_functions[rule.endpoint]
        access = access_of(view)
        successes: dict[str, Any] = {}
        for status, description, media_type in getattr(view, _RESPONDS, []):
            successes[str(status)] = {"description": description}
            if media_type is not None:
                successes[str(status)]["content"] = {media_type: {"schema": _BINARY}}
        for path_item in paths.values():
            for method, operation in path_item.items():
                # quart-schema keys responses by int; "default" is not one, so all are strings.
                operation["responses"] = {
                    **{
                        str(status): response for status, response in operation["responses"].items()
                    },
                    **successes,
                    **self._errors(method, operation, access),
                }
                json_body = operation.get("requestBody", {}).get("content", {})
                if "application/json" in json_body:
                    # quart-schema refuses a missing JSON body (422) but does not say it is
                    # required, and OpenAPI's default is optional.
                    operation["requestBody"]["required"] = True
                if access in (None, "public"):
                    # Anyone may call it (the probes declare nothing); the document's global
                    # requirement does not apply.
                    operation["security"] = []
        return paths, components

    @staticmethod
    def _errors(method: str, operation: dict[str, Any], access: str | None) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        body = operation.get("requestBody", {}).get("content", {})
        if "application/json" in body:
            errors["400"] = _error("The body is not JSON (`malformed_json`).")
        if any(p["in"] == "path" for p in operation["parameters"]):
            errors["404"] = _error("Nothing with this id in the caller's workspace.")
        if body or any(p["in"] == "query" for p in operation["parameters"]):
            errors["422"] = _error(
                "Invalid input (`validation_error`); `details.fields` names each field."
            )
        if access not in (None, "public"):
            errors["401"] = _error("Not signed in (`unauthorized`).")
            if access != "authenticated" or method in _UNSAFE:
                csrf = ", or the CSRF token is missing (`csrf_failed`)" if method in _UNSAFE else ""
                errors["403"] = _error(
                    f"The caller lacks the permission (`forbidden`, `details.capability`){csrf}."
                )
        errors["default"] = _error(
            "Any other failure (a conflict, a plan limit, a rate limit, an unavailable "
            "service), in the same shape."
        )
        # Successes first, then errors by status, as readers expect.
        return dict(sorted(errors.items(), key=lambda item: (item[0] == "default", item[0])))
