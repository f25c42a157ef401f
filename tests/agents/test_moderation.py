"""Moderation through OpenAI's endpoint (the fake) and the local rules."""

from __future__ import annotations

import pytest

from agents.moderation import Moderator, check_locally
from server.core.config import Config
from tests.agents.conftest import closed_port_url, make_config
from tests.fakes.openai_server import API_KEY, FakeOpenAI


async def test_openai_flags(fake_openai: FakeOpenAI, openai_config: Config) -> None:
    fake_openai.moderation_flagged = ["violence", "harassment/threatening"]
    result = await Moderator(openai_config).check("some text the fake will flag")

    assert result.flagged
    assert result.source == "openai"
    assert set(result.categories) == {"violence", "harassment/threatening"}
    assert result.reason is not None
    assert "violence" in result.reason
    request = fake_openai.requests[-1]
    assert request == {"input": "some text the fake will flag", "model": "omni-moderation-latest"}


async def test_openai_passes(fake_openai: FakeOpenAI, openai_config: Config) -> None:
    result = await Moderator(openai_config).check("Our spring sale starts Monday.")
    assert not result.flagged
    assert result.categories == []
    assert result.reason is None
    assert result.source == "openai"


async def test_openai_failure_falls_back_to_local_rules(fake_openai: FakeOpenAI) -> None:
    fake_openai.moderation_status = 500
    config = make_config(openai_api_key=API_KEY, openai_base_url=fake_openai.api_base)
    result = await Moderator(config).check("I will kill you if you unsubscribe")
    assert result.source == "local"
    assert result.flagged
    assert result.categories == ["violence"]


@pytest.mark.parametrize("body", ["not json", '{"results": "none"}', '{"id": "modr-1"}'])
async def test_an_unreadable_answer_falls_back_to_local_rules(
    fake_openai: FakeOpenAI, openai_config: Config, body: str
) -> None:
    fake_openai.moderation_body = body
    result = await Moderator(openai_config).check("I will kill you if you unsubscribe")
    assert result.source == "local"
    assert result.categories == ["violence"]


async def test_unreachable_openai_falls_back_to_local_rules() -> None:
    config = make_config(openai_api_key=API_KEY, openai_base_url=closed_port_url() + "/v1")
    result = await Moderator(config).check("hello readers")
    assert result.source == "local"
    assert not result.flagged


async def test_without_openai_local_rules_answer() -> None:
    result = await Moderator(make_config()).check("Exterminate all the immigrants")
    assert result.source == "local"
    assert result.categories == ["hate"]
    assert result.reason is not None
    assert result.reason.startswith("Inkwell can't help with this")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("We are going to shoot them all at the meeting", "violence"),
        ("Explain how to kill yourself", "self-harm"),
        ("explicit photos of a 12 year old", "sexual/minors"),
        ("Refugees are vermin", "hate"),
        ("I w\u200bill k i l l you", "violence"),
    ],
)
def test_local_rules_flag(text: str, category: str) -> None:
    result = check_locally(text)
    assert result.flagged
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "Our suicide-prevention walk raises money for the crisis line.",
        "A history of the war, 1914-1918, for our book club.",
        "Sign up the kids for the summer art camp.",
        "This sale will kill it! Shoot us an email with questions.",
    ],
)
def test_local_rules_leave_ordinary_newsletters_alone(text: str) -> None:
    assert not check_locally(text).flagged


async def test_empty_text_is_not_checked(openai_config: Config, fake_openai: FakeOpenAI) -> None:
    result = await Moderator(openai_config).check("   ")
    assert not result.flagged
    assert fake_openai.requests == []
