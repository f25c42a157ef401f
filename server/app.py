"""The application factory: Quart + quart-schema, with Socket.IO beside it in one ASGI app."""

from __future__ import annotations

import time
from typing import Any

import socketio
import structlog
from quart import Quart, Response, g, request
from quart_schema import QuartSchema
from structlog.contextvars import clear_contextvars

from agents.providers.lazy import preload as preload_providers
from realtime.emit import set_emitter
from realtime.server import create_sio
from server.core.auth import load_actor
from server.core.config import Config, get_config
from server.core.db import close_db, init_db
from server.core.errors import InkwellRequest, register_error_handlers, reject_nul_in_query
from server.core.logging import bind_request_id, configure_logging, new_request_id
from server.core.metrics import LATENCY, REQUESTS
from server.core.openapi import DESCRIPTION as OPENAPI_DESCRIPTION
from server.core.openapi import SECURITY, InkwellOpenAPIProvider, security_schemes
from server.core.redis import close_redis, connect_redis, has_redis

log = structlog.get_logger(__name__)


def create_app(config: Config | None = None) -> Quart:
    config = config or get_config()
    app = Quart(__name__, static_folder=None, template_folder=None)
    app.request_class = InkwellRequest
    InkwellRequest.upload_limits = {
        "POST /api/contacts/imports": config.import_max_bytes,
        # The image plus the multipart envelope; the service enforces the exact limit.
        "POST /api/assets": config.asset_max_bytes + 64 * 1024,
    }
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.config["INKWELL"] = config
    QuartSchema(
        app,
        info={"title": "Inkwell API", "version": "0.1.0", "description": OPENAPI_DESCRIPTION},
        redoc_ui_path=None,
        scalar_ui_path=None,
        swagger_ui_path="/docs",
        openapi_provider_class=InkwellOpenAPIProvider,
        security_schemes=dict(security_schemes(config)),
        security=SECURITY,
    )
    register_error_handlers(app)
    _register_request_hooks(app)
    _register_blueprints(app, config)

    @app.before_serving
    async def _start() -> None:
        configure_logging(
            json=config.is_production, level=config.log_level, cache_loggers=not config.is_test
        )
        config.check()
        preload_providers(config)
        # A process that already has the ORM and Redis (a worker, the test suite) keeps them.
        owned = {"db": await init_db(config), "redis": not has_redis()}
        await connect_redis(config)
        app.config["INKWELL_OWNS"] = owned

    @app.after_serving
    async def _stop() -> None:
        from server.chat import generation

        # Replies this process is writing get a moment to end; the rest are stopped, and
        # their queued jobs end them once the leases are released.
        await generation.finish_running(seconds=5.0)
        owned = app.config.get("INKWELL_OWNS", {})
        if owned.get("redis"):
            await close_redis()
        if owned.get("db"):
            await close_db()

    return app


def _register_blueprints(app: Quart, config: Config) -> None:
    # Imported here: nothing but the factory imports endpoint modules.
    from server.assets.endpoints import bp as assets_bp
    from server.audit.endpoints import bp as audit_bp
    from server.auth.endpoints import bp as auth_bp
    from server.campaigns.endpoints import bp as campaigns_bp
    from server.chat.endpoints import bp as chat_bp
    from server.contacts.endpoints import bp as contacts_bp
    from server.entitlements.endpoints import bp as entitlements_bp
    from server.message_templates.endpoints import bp as templates_bp
    from server.ops.endpoints import bp as ops_bp
    from server.spa import ClientPathConverter
    from server.spa import bp as spa_bp
    from server.tracking.endpoints import bp as tracking_bp
    from server.workspace.endpoints import bp as workspace_bp

    app.register_blueprint(ops_bp)
    app.register_blueprint(auth_bp)
    from server.auth.oauth_endpoints import bp as oauth_bp

    app.register_blueprint(oauth_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(chat_bp)
    app.register_blueprint(contacts_bp)
    app.register_blueprint(campaigns_bp)
    app.register_blueprint(tracking_bp)
    app.register_blueprint(workspace_bp)
    app.register_blueprint(entitlements_bp)
    app.register_blueprint(templates_bp)
    app.register_blueprint(assets_bp)
    if not config.is_production:
        from server.mail.endpoints import bp as mailbox_bp

        app.register_blueprint(mailbox_bp)
    # Last: its catch-all route must not shadow anything above.
    app.url_map.converters["client_path"] = ClientPathConverter
    app.register_blueprint(spa_bp)


def _register_request_hooks(app: Quart) -> None:
    @app.before_request
    async def _begin() -> None:
        clear_contextvars()
        g.request_id = new_request_id(request.headers.get("X-Request-ID"))
        g.started = time.perf_counter()
        bind_request_id(g.request_id)
        reject_nul_in_query()
        await load_actor()

    @app.after_request
    async def _finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id") or new_request_id()
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        LATENCY.labels(route, request.method).observe(elapsed)
        if route not in ("/healthz", "/metrics"):
            log.info(
                "request",
                method=request.method,
                path=request.path,
                status=response.status_code,
                duration_ms=round(elapsed * 1000, 2),
            )
        return response


def create_asgi_app(config: Config | None = None) -> Any:
    """Quart for HTTP, python-socketio for ``/socket.io``, one ASGI callable."""
    config = config or get_config()
    quart_app = create_app(config)
    sio = create_sio(config)
    set_emitter(sio)
    quart_app.config["SOCKETIO"] = sio
    return socketio.ASGIApp(sio, other_asgi_app=quart_app, socketio_path="socket.io")
