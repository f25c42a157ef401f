"""Database wiring: Tortoise on PostgreSQL, and transactions with after-commit hooks."""

from __future__ import annotations

import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import asyncpg
import structlog
from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term, ValueWrapper
from pypika_tortoise.utils import format_alias_sql
from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import MODEL_MODULES
from server.core.config import Config, get_config
from server.core.errors import NotFound

log = structlog.get_logger(__name__)

AfterCommit = Callable[[], Awaitable[None]]
_after_commit: contextvars.ContextVar[list[AfterCommit] | None] = contextvars.ContextVar(
    "after_commit", default=None
)

# Used only when generating migrations offline; no connection is made with it.
# The largest values of PostgreSQL's integer and bigint columns. A number from a request that
# is compared with such a column must be bounded by it: asyncpg refuses a larger one when it
# encodes the query, which would be a 500 instead of a 404 or a 422.
INT_MAX = 2**31 - 1
BIGINT_MAX = 2**63 - 1

_PLACEHOLDER_URL = "postgres://postgres@127.0.0.1:5432/inkwell"


def tortoise_url(url: str) -> str:
    """Tortoise names the asyncpg backend ``postgres://``; accept the usual spellings."""
    scheme, _, rest = url.partition("://")
    if scheme in ("postgresql", "postgres", "asyncpg", "postgresql+asyncpg"):
        return f"postgres://{rest}"
    raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got scheme {scheme!r}")


def describe_url(url: str) -> str:
    """``host:port/db`` for messages, never the password."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 5432}{parts.path}"


def _with_pool_size(url: str, config: Config) -> str:
    """The asyncpg pool's upper bound from ``DATABASE_POOL_MAX``, unless the URL sets one."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if "maxsize" in query:
        return url
    extra = urlencode({"maxsize": config.database_pool_max})
    return urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))


def tortoise_config(config: Config | None = None, *, url: str | None = None) -> dict[str, Any]:
    config = config or get_config()
    db_url = url or config.database_url or _PLACEHOLDER_URL
    return {
        "connections": {"default": _with_pool_size(tortoise_url(db_url), config)},
        "apps": {
            "models": {
                "models": [*MODEL_MODULES, "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


# aerich reads this name (see [tool.aerich] in pyproject.toml).
TORTOISE_ORM = tortoise_config()


class PooledConnection(asyncpg.Connection):  # type: ignore[misc]
    """An asyncpg connection that goes back to the pool without a reset query.

    asyncpg's pool resets every connection it takes back (``pg_advisory_unlock_all(); CLOSE
    ALL; UNLISTEN *; RESET ALL``): one more round trip after every query run outside a
    transaction and after every transaction, which doubled the round trips of a chat request
    and of a reply's job. Inkwell keeps no session state on a connection: its settings are
    ``SET LOCAL`` and its advisory locks ``pg_advisory_xact_lock``, both gone when their
    transaction ends, and it never LISTENs or keeps a cursor. A transaction left open (a
    cancelled request) is still rolled back by the pool before the connection is reused.
    """

    def get_reset_query(self) -> str:
        return ""


def _runtime_config(config: Config | None, url: str | None) -> dict[str, Any]:
    """``tortoise_config`` with the connection spelled out, to use ``PooledConnection``."""
    settings = tortoise_config(config, url=url)
    connection = expand_db_url(settings["connections"]["default"])
    connection["credentials"]["connection_class"] = PooledConnection
    settings["connections"]["default"] = connection
    return settings


async def init_db(config: Config | None = None, *, url: str | None = None) -> bool:
    """Connect the ORM unless this process already has; True when this call did it."""
    if Tortoise.is_inited():
        return False
    # The global fallback lets request tasks (not children of the lifespan task) see the ORM.
    await Tortoise.init(config=_runtime_config(config, url), _enable_global_fallback=True)
    return True


async def close_db() -> None:
    await Tortoise.close_connections()
    from tortoise import context

    # Let a later init in the same process (tests, the dev launcher) set a fresh global context.
    context._global_context = None


@asynccontextmanager
async def transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """The one way to open a transaction. Hooks added with :func:`on_commit` run after COMMIT.

    A nested call becomes a savepoint; its hooks join the outer transaction's only if the
    savepoint is released, and run only when the outermost transaction commits.
    """
    outer = _after_commit.get()
    hooks: list[AfterCommit] = []
    token = _after_commit.set(hooks)
    try:
        async with in_transaction() as conn:
            yield conn
    finally:
        _after_commit.reset(token)
    if outer is not None:
        outer.extend(hooks)
        return
    for hook in hooks:
        try:
            await hook()
        except Exception:
            # The data is committed; a failed side effect is logged, and the outbox relay
            # (for jobs) or the client's re-read over REST (for emits) covers it.
            log.exception("after_commit_hook_failed", hook=getattr(hook, "__qualname__", "?"))


def on_commit(hook: AfterCommit) -> None:
    """Run ``hook`` after the current transaction commits; never if it rolls back."""
    hooks = _after_commit.get()
    if hooks is None:
        raise RuntimeError("on_commit() needs an open transaction()")
    hooks.append(hook)


def in_transaction_now() -> bool:
    return _after_commit.get() is not None


class Sql(Term):
    """A SQL condition Tortoise cannot spell, with its values sent as query parameters.

    ``Sql("(created_at, id) < ({}, {})", when, ident)``: each ``{}`` becomes ``$n``. Use it in
    ``annotate(name=Sql(...)).filter(name=True)``; the template must be parenthesised.
    """

    def __init__(self, template: str, *values: Any) -> None:
        super().__init__()
        self.template = template
        self.values = values

    def get_sql(self, ctx: SqlContext) -> str:
        sql = self.template.format(*(ValueWrapper(v).get_sql(ctx) for v in self.values))
        return format_alias_sql(sql, self.alias, ctx) if ctx.with_alias else sql


def query_sql(query: Any) -> tuple[str, list[Any]]:
    """The parameterised SQL of a Tortoise query (``qs.values(...)`` and the like), to use as a
    subquery in SQL Tortoise cannot spell."""
    query._choose_db_if_not_chosen()
    query._make_query()
    sql, params = query.query.get_parameterized_sql()
    return sql, list(params)


OwnedModel = TypeVar("OwnedModel", bound=Model)


# --- hand-written reads of whole rows ------------------------------------------------------
# Building a query through Tortoise costs about half a millisecond of CPU before it leaves
# (pypika renders the SQL afresh every time); a statement written once and sent as it is
# costs a round trip and the row's conversion only. For the few reads every request makes.


def columns(model: type[Model], alias: str) -> str:
    """Every column of ``model``'s table under ``alias``, named ``"alias.column"``, for a
    statement whose rows ``from_row`` turns back into instances (after ``init_db``)."""
    return ", ".join(f'"{alias}"."{name}" AS "{alias}.{name}"' for name in model._meta.db_fields)


def from_row(model: type[OwnedModel], alias: str, row: Any) -> OwnedModel:
    """The instance of ``model`` in a row selected with ``columns(model, alias)``, converted
    as Tortoise converts its own rows."""
    prefix = alias + "."
    values = {key[len(prefix) :]: value for key, value in row.items() if key.startswith(prefix)}
    return model._init_from_db(**values)


async def locked_in_workspace(
    model: type[OwnedModel], object_id: Any, workspace_id: Any, missing: str
) -> OwnedModel:
    """The workspace's row ``object_id`` of ``model``, locked ``FOR UPDATE`` in the caller's
    transaction. Another workspace's row answers the same 404 (``missing``) as no row, so ids
    reveal nothing across workspaces."""
    row = await model.filter(id=object_id, workspace_id=workspace_id).select_for_update().first()
    if row is None:
        raise NotFound(missing)
    return row
