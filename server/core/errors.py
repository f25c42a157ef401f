"""One error scheme: every failure leaves as ``{"code", "message", "details"}``."""

from __future__ import annotations

from typing import Any, ClassVar

import structlog
from pydantic import BaseModel, Field, ValidationError
from quart import Quart, Response, jsonify, request
from quart.wrappers import Request
from quart_schema import RequestSchemaValidationError
from werkzeug.exceptions import HTTPException

from server.core.logging import current_request_id

log = structlog.get_logger(__name__)


class ErrorBody(BaseModel):
    """The body of every error response."""

    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class AppError(Exception):
    """An expected failure with a stable code; subclasses fix the code and status."""

    code = "error"
    status = 400
    message = "The request could not be completed."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or type(self).message
        self.code = code or type(self).code
        self.status = status or type(self).status
        self.details = details or {}
        self.headers = headers or {}
        super().__init__(self.message)


class BadRequest(AppError):
    code = "bad_request"
    status = 400


class MalformedJson(AppError):
    code = "malformed_json"
    status = 400
    message = "The request body is not valid JSON."


class ValidationFailed(AppError):
    code = "validation_error"
    status = 422
    message = "Some fields are invalid."


class Unauthorized(AppError):
    code = "unauthorized"
    status = 401
    message = "You need to sign in."


class Forbidden(AppError):
    code = "forbidden"
    status = 403
    message = "You are not allowed to do that."


class NotFound(AppError):
    code = "not_found"
    status = 404
    message = "Not found."


class Conflict(AppError):
    code = "conflict"
    status = 409
    message = "The request conflicts with the current state."


class PayloadTooLarge(AppError):
    code = "payload_too_large"
    status = 413
    message = "The request body is too large."


class RateLimited(AppError):
    code = "rate_limited"
    status = 429
    message = "Too many requests. Try again later."

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(
            message,
            details={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


class ServiceUnavailable(AppError):
    code = "service_unavailable"
    status = 503
    message = "The service is temporarily unavailable."


class InkwellRequest(Request):
    """Quart's request, but a body that is not JSON is our ``malformed_json`` error.

    ``upload_limits`` maps ``"METHOD /path"`` to a larger body limit for file uploads. It has
    to apply when the body is created, before any of it arrives, so it lives here rather than
    in the handler.
    """

    upload_limits: ClassVar[dict[str, int]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = self.upload_limits.get(f"{self.method} {self.path}")
        if limit is not None:
            self._max_content_length = limit
            self.body = self.body_class(self.content_length, limit)

    def on_json_loading_failed(self, error: Exception) -> Any:
        raise MalformedJson(details={"error": str(error)[:200]})

    async def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        """The body as JSON; a NUL character in any of its strings is a 422 here, as
        PostgreSQL cannot store one in text and would fail the request later."""
        try:
            data = await super().get_json(force=force, silent=silent, cache=cache)
        except UnicodeDecodeError as error:
            # Quart decodes the body as UTF-8 before parsing it, outside its own JSON error
            # handling, so a body in another encoding would otherwise be a 500.
            if silent:
                return None
            raise MalformedJson(
                details={"error": f"the body is not UTF-8 text (byte {error.start})"}
            ) from error
        where = _nul_in(data, "")
        if where is not None:
            raise ValidationFailed(details={"fields": {where or "body": [NUL_MESSAGE]}})
        return data


NUL_MESSAGE = "must not contain NUL characters"


def _nul_in(value: Any, path: str) -> str | None:
    """The dotted path of the first string (or key) in ``value`` holding a NUL, or None."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return inner
            found = _nul_in(item, inner)
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_in(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


def reject_nul_in_query() -> None:
    """Before every request: a NUL in a query parameter is a 422 (see ``get_json``)."""
    for name, value in request.args.items(multi=True):
        if "\x00" in value or "\x00" in name:
            raise ValidationFailed(details={"fields": {name: [NUL_MESSAGE]}})


# Names the HTTP statuses werkzeug raises so clients get a stable code.
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def validation_details(error: ValidationError) -> dict[str, Any]:
    """Per-field messages keyed by the dotted field path."""
    fields: dict[str, list[str]] = {}
    for item in error.errors(include_url=False, include_input=False):
        loc = ".".join(str(part) for part in item["loc"]) or "body"
        fields.setdefault(loc, []).append(item["msg"])
    return {"fields": fields}


def error_response(
    code: str,
    message: str,
    status: int,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = ErrorBody(code=code, message=message, details=details or {})
    response = jsonify(body.model_dump())
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def register_error_handlers(app: Quart) -> None:
    @app.errorhandler(AppError)
    async def _app_error(error: AppError) -> Response:
        return error_response(error.code, error.message, error.status, error.details, error.headers)

    @app.errorhandler(RequestSchemaValidationError)
    async def _schema_error(error: RequestSchemaValidationError) -> Response:
        inner = error.validation_error
        if isinstance(inner, ValidationError):
            details = validation_details(inner)
        else:
            details = {"fields": {"body": [str(inner)]}}
        return error_response(ValidationFailed.code, ValidationFailed.message, 422, details)

    @app.errorhandler(HTTPException)
    async def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        code = _HTTP_CODES.get(status, "http_error")
        message = error.description or error.name
        if status == 404:
            message = f"No such resource: {request.path}"
        if status == 413:
            message = PayloadTooLarge.message
        headers = {}
        if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
            headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
        return error_response(code, message, status, None, headers)

    @app.errorhandler(Exception)
    async def _unexpected(error: Exception) -> Response:
        request_id = current_request_id()
        log.exception("unhandled_error", error_class=type(error).__name__)
        return error_response(
            "internal_error",
            "Something went wrong on our side. Quote the request id if you contact support.",
            500,
            {"request_id": request_id},
        )
