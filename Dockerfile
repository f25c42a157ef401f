# syntax=docker/dockerfile:1
#
# The production image: the built client plus the Python app. One image runs every process;
# the command picks which: `python -m server.cli web` (default), `worker`, `migrate`, `seed`.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- Stage 1: the TypeScript client -------------------------------------------------------
FROM ${NODE_IMAGE} AS client

WORKDIR /build/client
# The lock file alone decides node_modules, so this layer survives source edits.
COPY client/package.json client/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY client/ ./
RUN npm run build

# --- Stage 2: the Python app --------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS app

# The uv release that wrote uv.lock; an older uv may not read its format.
ARG UV_VERSION=0.13.9

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv

RUN pip install "uv==${UV_VERSION}"

WORKDIR /app

# Dependencies first, without the project: this layer changes only with the lock file.
# The embedded PostgreSQL/Redis group is for `make run` / `make test`; production uses
# DATABASE_URL and REDIS_URL.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-group embedded --no-install-project

COPY README.md ./
COPY server/ server/
COPY realtime/ realtime/
COPY agents/ agents/
COPY jobs/ jobs/
COPY models/ models/
COPY migrations/ migrations/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-group embedded \
    && python -m compileall -q server realtime agents jobs models migrations

COPY --from=client /build/client/dist/ client/dist/

# The code stays owned by root and read-only to the app; only DATA_DIR is writable.
RUN groupadd --system --gid 10001 inkwell \
    && useradd --system --uid 10001 --gid inkwell --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin inkwell \
    && mkdir -p /app/.data \
    && chown inkwell:inkwell /app/.data

USER inkwell

ENV APP_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1

EXPOSE 8000

# Liveness of the web process. Worker and one-shot containers override or disable it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=4)"]

CMD ["python", "-m", "server.cli", "web"]
