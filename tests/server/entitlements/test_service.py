"""Entitlements follow the plan."""

from __future__ import annotations

import pytest
from quart.typing import TestClientProtocol

from models.accounts import Plan, Workspace
from models.templates import EmailTemplate
from server.entitlements.service import (
    PlanRequired,
    entitlements_for,
    may_use_template,
    require_template_send,
)
from tests.factories import login_as, make_user


def test_pro_templates_follow_the_plan() -> None:
    free, pro = Workspace(name="f", plan=Plan.free), Workspace(name="p", plan=Plan.pro)
    plain, fancy = (
        EmailTemplate(name="plain", is_pro=False),
        EmailTemplate(name="fancy", is_pro=True),
    )
    assert entitlements_for(free).pro_templates is False
    assert entitlements_for(pro).pro_templates is True
    assert may_use_template(free, plain)
    assert not may_use_template(free, fancy)
    assert may_use_template(pro, fancy)
    require_template_send(pro, fancy)
    with pytest.raises(PlanRequired) as refused:
        require_template_send(free, fancy)
    assert refused.value.details["action"] == "send"


async def test_entitlements_endpoint(client: TestClientProtocol, db: None) -> None:
    login = await login_as(await make_user())
    response = await client.get("/api/entitlements", headers=login.headers())
    assert await response.get_json() == {"plan": "free", "pro_templates": False}
