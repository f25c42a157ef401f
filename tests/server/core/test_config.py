"""Configuration: parsing, and production refusing to boot on unsafe settings."""

from __future__ import annotations

import pytest

from server.core.config import DEFAULT_SECRET_KEY, Config, ConfigError, SmtpSettings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests build Config from explicit values; the suite's own environment stays out."""
    for field in Config.model_fields:
        monkeypatch.delenv(field.upper(), raising=False)


SAFE = {
    "app_env": "production",
    "database_url": "postgres://app@db:5432/inkwell",
    "redis_url": "redis://cache:6379/0",
    "secret_key": "s" * 40,
    "encryption_keys": "k1,k2",
    "public_url": "https://mail.example.com",
    "smtp_url": "smtps://user:pw@smtp.example.com",
}


def make(**overrides: object) -> Config:
    values = {**SAFE, **overrides}
    return Config(_env_file=None, **values)  # type: ignore[arg-type]


def test_safe_production_config_boots() -> None:
    config = make()
    config.check()
    assert config.encryption_keys == ["k1", "k2"]


def test_production_names_every_problem_in_one_message() -> None:
    config = make(secret_key=DEFAULT_SECRET_KEY, encryption_keys="", embedded_services=True)
    with pytest.raises(ConfigError) as caught:
        config.check()
    message = str(caught.value)
    assert "SECRET_KEY" in message
    assert "ENCRYPTION_KEYS" in message
    assert "embedded database" in message


def test_short_secret_is_refused_in_production() -> None:
    assert any("SECRET_KEY" in p for p in make(secret_key="short").problems())


def test_development_accepts_defaults() -> None:
    config = Config(
        _env_file=None,
        database_url="postgres://x@127.0.0.1/db",
        redis_url="redis://127.0.0.1:6379/0",
    )
    assert config.problems() == []
    # Outside production, platform mail goes to the local dev sink.
    assert config.smtp == SmtpSettings(host="127.0.0.1", port=1025)


def test_missing_urls_are_named() -> None:
    config = Config(_env_file=None)
    problems = config.problems()
    assert "DATABASE_URL is not set" in problems
    assert "REDIS_URL is not set" in problems


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user:p%40ss@mail.example.com:587?starttls=1",
            SmtpSettings(
                host="mail.example.com", port=587, username="user", password="p@ss", start_tls=True
            ),
        ),
        ("smtps://mail.example.com", SmtpSettings(host="mail.example.com", port=465, use_tls=True)),
        (
            "smtp://localhost:1025?verify=0",
            SmtpSettings(host="localhost", port=1025, validate_certs=False),
        ),
    ],
)
def test_smtp_url_parsing(url: str, expected: SmtpSettings) -> None:
    assert SmtpSettings.from_url(url) == expected


def test_bad_smtp_url_is_a_config_problem() -> None:
    assert any("SMTP_URL" in p for p in make(smtp_url="http://nope").problems())


def test_production_needs_a_mail_transport() -> None:
    problems = make(smtp_url=None).problems()
    assert any("mail transport" in p for p in problems)
    assert make(smtp_url=None, resend_api_key="re_123").problems() == []
