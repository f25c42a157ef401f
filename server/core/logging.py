"""structlog set-up: JSON in production, readable in development, secrets masked everywhere."""

from __future__ import annotations

import contextvars
import logging
import re
import sys
import uuid
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog
from structlog.contextvars import bind_contextvars, get_contextvars

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# Credentials inside URLs (postgres://user:pw@host, smtp://...) and bearer tokens.
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://[^:/@\s]*):[^@\s/]+@", re.IGNORECASE)
_BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_SECRET_KEYS = re.compile(
    r"pass(word)?|secret|token|api[_-]?key|authorization|cookie|code|encryption", re.IGNORECASE
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def mask_text(text: str) -> str:
    text = _EMAIL.sub(r"\1***@\2", text)
    text = _URL_PASSWORD.sub(r"\g<scheme>:***@", text)
    return _BEARER.sub(r"\1***", text)


def _mask_value(key: str, value: Any) -> Any:
    if _SECRET_KEYS.search(key) and key not in ("request_id", "status_code", "error_code"):
        return "***" if value else value
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, Mapping):
        return {k: _mask_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask_value(key, v) for v in value]
    return value


def mask_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor: no email address or secret leaves in a log line."""
    # Uvicorn adds an ANSI-coloured copy of its message for its own formatter.
    event_dict.pop("color_message", None)
    for key in list(event_dict):
        event_dict[key] = _mask_value(key, event_dict[key])
    return event_dict


def new_request_id(incoming: str | None = None) -> str:
    """Accept a caller's ``X-Request-ID`` when it is sane, otherwise make one."""
    if incoming and _REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def bind_request_id(request_id: str) -> None:
    bind_contextvars(request_id=request_id)


def current_request_id() -> str | None:
    value = get_contextvars().get("request_id")
    return str(value) if value is not None else None


def log_context() -> contextvars.Context:
    """A fresh context holding only the current log bindings (the request id): for a task
    that must not inherit the rest of its creator's context, such as an open transaction,
    but whose log lines still belong to the request that started it."""
    context = contextvars.Context()
    context.run(bind_contextvars, **get_contextvars())
    return context


def configure_logging(*, json: bool, level: str = "INFO", cache_loggers: bool = True) -> None:
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.format_exc_info,
            mask_secrets,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Cached loggers are faster, but ignore a later structlog.testing.capture_logs(); the
        # test environment leaves them uncached so any test can read what a module logged.
        cache_logger_on_first_use=cache_loggers,
    )
    # Library logs (uvicorn, arq, tortoise) go through the same renderer and masking.
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, mask_secrets],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "arq", "tortoise"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # One line per request comes from our own middleware; uvicorn's would repeat it.
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    # pgserver logs every pg_ctl call in full at INFO.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
