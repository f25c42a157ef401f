"""Budget routing at 0%, 80% and 100%, and cost from the price table."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.providers.base import Usage
from agents.routing import cost_usd, decide
from tests.agents.conftest import make_config

CONFIG = make_config()
NOW = datetime(2025, 12, 14, 9, 30, tzinfo=UTC)


def test_fresh_month_uses_the_standard_model() -> None:
    decision = decide("free", 0, 0.0, CONFIG, now=NOW)
    assert decision.model_tier == "standard"
    assert not decision.refused
    assert decision.reason is None


@pytest.mark.parametrize(("tokens", "usd"), [(160_000, 0.0), (0, 0.40), (170_000, 0.45)])
def test_soft_share_of_either_budget_switches_to_the_cheap_model(tokens: int, usd: float) -> None:
    decision = decide("free", tokens, usd, CONFIG, now=NOW)
    assert decision.model_tier == "cheap"
    assert not decision.refused


def test_just_below_the_soft_share_stays_standard() -> None:
    assert decide("free", 159_999, 0.39, CONFIG, now=NOW).model_tier == "standard"


def test_full_token_budget_is_refused_naming_the_limit_and_the_reset() -> None:
    decision = decide("free", 200_000, 0.1, CONFIG, now=NOW)
    assert decision.refused
    assert decision.reason is not None
    assert "200,000 tokens" in decision.reason
    assert "free plan" in decision.reason
    assert "the first of next month (1 January 2026, UTC)" in decision.reason


def test_full_dollar_budget_is_refused() -> None:
    decision = decide("pro", 10, 20.0, CONFIG, now=datetime(2025, 3, 31, tzinfo=UTC))
    assert decision.refused
    assert decision.reason is not None
    assert "$20.00" in decision.reason
    assert "1 April 2025" in decision.reason


def test_pro_budget_is_larger() -> None:
    assert decide("pro", 200_000, 0.5, CONFIG, now=NOW).model_tier == "standard"


def test_unknown_plan_gets_the_free_budget() -> None:
    assert decide("enterprise-typo", 200_000, 0.0, CONFIG, now=NOW).refused


def test_zero_budget_means_no_allowance() -> None:
    config = make_config(ai_budget_tokens={"free": 0}, ai_budget_usd={"free": 1.0})
    assert decide("free", 0, 0.0, config, now=NOW).refused


def test_cost_from_the_price_table() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=500_000)
    assert cost_usd("gpt-4o-mini", usage, CONFIG) == pytest.approx(0.15 + 0.30)
    assert cost_usd("gpt-4.1-nano", Usage(input_tokens=1000, output_tokens=1000), CONFIG) == (
        pytest.approx(0.0005)
    )
    assert cost_usd("llama3.2", usage, CONFIG) == 0.0
    assert cost_usd("offline", usage, CONFIG) == 0.0
