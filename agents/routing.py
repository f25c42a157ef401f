"""Which model tier a request gets, from the workspace's AI spending this month.

Budgets are per plan, in tokens (input + output) and in dollars, from config. Nearing
either (``ai_budget_soft_share``, 80% by default) switches to the cheaper model so the
month lasts; reaching either refuses generation until the budget resets on the first of
the next month (UTC). The offline drafter costs nothing and may still answer a refused
request; that choice belongs to the caller.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel

from agents.providers.base import Usage
from server.core.config import Config

# A plan missing from the budget tables gets the smallest plan's budget, so a typo or a new
# plan name can never grant unlimited spending.
FALLBACK_PLAN = "free"


class RouteDecision(BaseModel):
    model_tier: Literal["standard", "cheap"]
    refused: bool
    reason: str | None


def _next_reset(now: datetime) -> date:
    if now.month == 12:
        return date(now.year + 1, 1, 1)
    return date(now.year, now.month + 1, 1)


def _share(used: float, budget: float) -> float:
    # A zero budget means no AI allowance on that plan, not unlimited.
    if budget <= 0:
        return float("inf")
    return used / budget


def decide(
    plan: str,
    used_tokens: int,
    used_usd: float,
    config: Config,
    *,
    now: datetime | None = None,
) -> RouteDecision:
    """The tier for the next request of a workspace on ``plan`` with this month's usage."""
    tokens_budget = config.ai_budget_tokens.get(plan, config.ai_budget_tokens.get(FALLBACK_PLAN, 0))
    usd_budget = config.ai_budget_usd.get(plan, config.ai_budget_usd.get(FALLBACK_PLAN, 0.0))
    token_share = _share(used_tokens, tokens_budget)
    usd_share = _share(used_usd, usd_budget)
    if token_share >= 1 or usd_share >= 1:
        reset = _next_reset(now or datetime.now(UTC))
        limit = (
            f"{tokens_budget:,} tokens"
            if token_share >= usd_share
            else f"${usd_budget:,.2f} of AI usage"
        )
        return RouteDecision(
            model_tier="cheap",
            refused=True,
            reason=(
                f"Your workspace has used this month's AI allowance on the {plan} plan "
                f"({limit}). It resets on the first of next month "
                f"({reset.day} {reset:%B %Y}, UTC)."
            ),
        )
    if max(token_share, usd_share) >= config.ai_budget_soft_share:
        return RouteDecision(model_tier="cheap", refused=False, reason=None)
    return RouteDecision(model_tier="standard", refused=False, reason=None)


def cost_usd(model: str, usage: Usage, config: Config) -> float:
    """Dollars for ``usage`` on ``model`` from ``ai_model_prices`` (per million tokens).

    Models without a price (local Ollama models, the offline drafter) cost nothing.
    """
    prices = config.ai_model_prices.get(model)
    if not prices or len(prices) < 2:
        return 0.0
    price_in, price_out = prices[0], prices[1]
    return (usage.input_tokens * price_in + usage.output_tokens * price_out) / 1_000_000
