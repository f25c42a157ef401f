"""The one configuration object. Nothing else in the code base reads ``os.environ``."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105 - the known default production refuses


class AppEnv(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class SmtpSettings(BaseModel):
    """What ``SMTP_URL`` means, parsed once."""

    host: str
    port: int
    username: str | None = None
    password: str | None = None
    use_tls: bool = False  # implicit TLS (smtps://)
    start_tls: bool = False
    validate_certs: bool = True

    @classmethod
    def from_url(cls, url: str) -> SmtpSettings:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("SMTP_URL must start with smtp:// or smtps://")
        if not parts.hostname:
            raise ValueError("SMTP_URL has no host")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        implicit = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if implicit else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_tls=implicit,
            start_tls=query.get("starttls", "0") in ("1", "true", "yes"),
            validate_certs=query.get("verify", "1") not in ("0", "false", "no"),
        )


class ConfigError(Exception):
    """Configuration that must not boot; the message names every problem."""


class Config(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    app_env: AppEnv = AppEnv.development
    host: str = "127.0.0.1"
    port: int = 8000
    web_workers: int = 1
    # Above a load balancer's idle timeout (AWS ALB: 60 s), so the balancer never reuses a
    # connection the app has just closed (a 502 for the request it sent on it).
    web_keepalive_seconds: int = Field(default=75, ge=1)
    public_url: str = ""
    data_dir: Path = Path(".data")

    database_url: str | None = None
    redis_url: str | None = None

    secret_key: str = DEFAULT_SECRET_KEY
    encryption_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)

    smtp_url: str | None = None
    mail_from: str = "Inkwell <no-reply@inkwell.localhost>"
    resend_api_key: str | None = None
    resend_api_base: str = "https://api.resend.com"
    mail_sink_port: int = 1025
    # A transiently refused platform mail is retried after (attempt number * this) seconds.
    mail_retry_seconds: float = 5.0

    openai_api_key: str | None = None
    openai_base_url: str | None = None
    ollama_host: str | None = None
    stripe_secret_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None
    google_client_id: str | None = None
    google_client_secret: str | None = None
    github_client_id: str | None = None
    github_client_secret: str | None = None

    # Sessions: idle timeout and absolute lifetime.
    session_idle_minutes: int = 60 * 24 * 7
    session_max_days: int = 30
    # Emailed codes.
    code_ttl_minutes: int = 10
    code_max_attempts: int = 5
    # argon2id cost; changing it rehashes each password at its next login.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4
    # Extra origins allowed to make cookie-authenticated unsafe requests (the app's own
    # origin, from PUBLIC_URL or the request, is always allowed).
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Rate limits in the `limits` notation, keyed "<action>:<ip|account>".
    rate_limits: dict[str, str] = Field(
        default_factory=lambda: {
            "login:ip": "30/minute;300/hour",
            "login:account": "10/15 minutes",
            "register:ip": "20/hour",
            "register:account": "5/hour",
            "send_code:ip": "20/hour",
            "send_code:account": "5/15 minutes",
            "verify:ip": "60/hour",
            "verify:account": "20/15 minutes",
            "reset:ip": "20/hour",
            "reset:account": "5/hour",
            "oauth:ip": "30/minute",
            # Per workspace: fetching URLs and generating images cost us bandwidth and money.
            "asset_import:account": "60/hour",
            "ai_image:account": "30/hour",
            "test_send:account": "20/hour",
        }
    )
    # AI: providers are tried in this order, skipping unconfigured or failing ones.
    ai_provider_order: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["openai", "ollama", "offline"]
    )
    openai_model: str = "gpt-4o-mini"
    openai_cheap_model: str = "gpt-4.1-nano"
    ollama_model: str = "llama3.2"
    ollama_cheap_model: str = "llama3.2:1b"
    # Let OpenAI keep the conversation (Responses API, store=True): our database then keeps
    # the thread with OpenAI's response ids and reads the text back instead of a second copy.
    openai_store_responses: bool = False
    # How long text read back from OpenAI is cached in Redis.
    openai_readback_cache_seconds: int = 300
    ai_first_token_timeout_seconds: float = 15.0
    ai_max_output_tokens: int = 2000
    # Prices in US dollars per million tokens, "in/out", by model.
    ai_model_prices: dict[str, list[float]] = Field(
        default_factory=lambda: {
            "gpt-4o-mini": [0.15, 0.60],
            "gpt-4.1-nano": [0.10, 0.40],
            # Text in, image out.
            "gpt-image-1": [5.0, 40.0],
        }
    )
    # Monthly budget per plan: tokens (in + out) and dollars; near it (this share) the cheaper
    # model is used, past it generation is refused.
    ai_budget_tokens: dict[str, int] = Field(
        default_factory=lambda: {"free": 200_000, "pro": 5_000_000}
    )
    ai_budget_usd: dict[str, float] = Field(default_factory=lambda: {"free": 0.5, "pro": 20.0})
    ai_budget_soft_share: float = 0.8
    # Live token streams in Redis are kept this long after a reply ends.
    chat_stream_ttl_seconds: int = 3600
    # The web process that accepts a message writes its reply itself, in a task detached from
    # the request, under a Redis lease it renews; the queued job runs only this long after the
    # message (and again while the lease is held), and writes the reply only when no live
    # process holds it. Off: every reply is written by a worker.
    chat_replies_in_web: bool = True
    chat_lease_seconds: float = Field(default=10.0, gt=0)
    # A web process writing this many replies leaves the next ones to the workers: it also
    # delivers every token to its sockets, and one process is one core.
    chat_web_max_replies: int = Field(default=10, ge=0)
    # OAuth provider endpoints (overridable for self-hosted or test providers).
    google_discovery_url: str = "https://accounts.google.com/.well-known/openid-configuration"
    github_oauth_base: str = "https://github.com"
    github_api_base: str = "https://api.github.com"

    # Campaign sending. Each campaign runs CAMPAIGN_SENDERS sender jobs, each with up to
    # CAMPAIGN_CONCURRENCY messages in flight over as many reused SMTP connections.
    campaign_senders: int = 2
    campaign_concurrency: int = 8
    campaign_batch_size: int = 50
    # Messages per second per workspace across every sender (0: no limit).
    campaign_rate_per_second: int = 100
    # A claimed recipient whose lease ran out (its worker died) is claimed again.
    campaign_lease_seconds: float = 60.0
    # A sender proves it is alive this often; a slot silent for this long is restarted.
    campaign_sender_ttl_seconds: float = 10.0
    # Transient failures retry with exponential backoff and jitter, up to this many attempts.
    campaign_max_attempts: int = 5
    campaign_retry_base_seconds: float = 30.0
    campaign_retry_max_seconds: float = 3600.0
    # This many failures within the window pause the campaign by itself.
    campaign_autopause_failures: int = 50
    campaign_autopause_window_seconds: int = 60
    # Progress events per campaign are sent at most this often.
    campaign_progress_interval_seconds: float = 0.1
    # Shared secret that signs bounce and complaint webhooks (HMAC-SHA256 of the body).
    mail_webhook_secret: str | None = None

    # Bodies larger than this answer 413; file uploads raise it per endpoint.
    max_body_bytes: int = 1_048_576
    # The largest CSV accepted by POST /api/contacts/imports.
    import_max_bytes: int = 200 * 1024 * 1024
    # Images: the largest accepted (upload, URL import, AI), and how long a URL import may take.
    asset_max_bytes: int = 5 * 1024 * 1024
    asset_fetch_timeout_seconds: float = 10.0
    openai_image_model: str = "gpt-image-1"
    # Rows per import batch: one COPY, one merge and one commit each.
    import_batch_rows: int = Field(default=20_000, ge=1)
    # A bulk action by filter over more contacts than this runs as a job (202).
    bulk_sync_limit: int = Field(default=5_000, ge=1)
    log_level: str = "INFO"
    # How often the worker proves it is alive, and how stale /readyz tolerates.
    worker_heartbeat_seconds: int = 5
    outbox_poll_seconds: float = 0.5
    # ARQ's job timeout. A job whose worker died (SIGKILL, power loss) runs again on another
    # worker once this plus 10 s has passed since it started.
    job_timeout_seconds: int = Field(default=300, ge=1)
    # Jobs one worker runs at once. Chat replies spend their time waiting on the model, so a
    # worker can carry many; lower it for workers that mostly import large CSV files.
    worker_max_jobs: int = 200
    # How often an idle worker looks for jobs nobody woke it for: deferred jobs, retries and
    # cron. Jobs queued through the outbox wake a worker at once (jobs.worker.Worker).
    worker_poll_seconds: float = 0.1
    # PostgreSQL connections per process (asyncpg pool); concurrent replies share them.
    database_pool_max: int = 20
    queue_name: str = "inkwell:queue"
    client_dist: Path = Path("client/dist")
    # Set by the dev launcher when it started PostgreSQL / Redis itself.
    embedded_services: bool = False
    embedded_pg_port: int = 54329
    embedded_redis_port: int = 63799

    @field_validator("encryption_keys", "allowed_origins", "ai_provider_order", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [k.strip() for k in value.split(",") if k.strip()]
        return value

    @property
    def is_production(self) -> bool:
        return self.app_env is AppEnv.production

    @property
    def is_test(self) -> bool:
        return self.app_env is AppEnv.test

    @property
    def effective_public_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def smtp(self) -> SmtpSettings | None:
        """Where platform mail goes: ``SMTP_URL``, or the dev sink outside production."""
        if self.smtp_url:
            return SmtpSettings.from_url(self.smtp_url)
        if self.is_production:
            return None
        return SmtpSettings(host="127.0.0.1", port=self.mail_sink_port)

    @property
    def session_cookie(self) -> str:
        # __Host- makes the browser insist on Secure, Path=/ and no Domain attribute.
        return "__Host-inkwell_session" if self.is_production else "inkwell_session"

    @property
    def secure_cookies(self) -> bool:
        return self.is_production

    @property
    def mailbox_dir(self) -> Path:
        return self.data_dir / "mailbox"

    def problems(self) -> list[str]:
        """Everything that makes this configuration unfit to boot, in words."""
        found: list[str] = []
        if self.database_url is None:
            found.append("DATABASE_URL is not set")
        if self.redis_url is None:
            found.append("REDIS_URL is not set")
        if self.smtp_url:
            try:
                SmtpSettings.from_url(self.smtp_url)
            except ValueError as exc:
                found.append(f"SMTP_URL is invalid: {exc}")
        if not self.is_production:
            return found
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32:
            found.append("SECRET_KEY is the default or shorter than 32 characters")
        if not self.encryption_keys:
            found.append("ENCRYPTION_KEYS is missing")
        if self.embedded_services:
            found.append("an embedded database is in use; set DATABASE_URL and REDIS_URL")
        if not self.public_url:
            found.append("PUBLIC_URL is missing")
        if not (self.smtp_url or self.resend_api_key):
            found.append("no mail transport: set SMTP_URL or RESEND_API_KEY")
        return found

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise ConfigError("Inkwell cannot start: " + "; ".join(problems) + ".")


@lru_cache(maxsize=1)
def get_config() -> Config:
    return Config()
