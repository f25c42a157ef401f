"""The offline drafter: a real, parseable draft built from the brief, and honest edits."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from agents.guardrails import Draft, parse_draft
from agents.providers.base import ChatTurn, Usage
from agents.providers.offline import OFFLINE_NOTICE, OfflineDrafter, compose, draft_from_brief

BRIEF = (
    "Write a newsletter announcing our spring plant sale: 20% off all houseplants until "
    "April 30, a free composting workshop on Saturday, and free delivery on orders over $50. "
    "Details at https://shop.example.com/spring."
)


async def reply(turns: list[ChatTurn]) -> tuple[str, list[str], Usage]:
    items = [item async for item in OfflineDrafter().stream(turns, model="offline", max_tokens=1)]
    deltas = [item for item in items if isinstance(item, str)]
    usage = items[-1]
    assert isinstance(usage, Usage)
    return "".join(deltas), deltas, usage


def text_of(draft: Draft) -> str:
    return " ".join(
        [draft.subject, draft.preheader] + [s.heading + " " + s.body for s in draft.sections]
    )


async def test_draft_parses_and_reflects_the_brief() -> None:
    text, deltas, usage = await reply([ChatTurn(role="user", content=BRIEF)])
    draft = parse_draft(text)

    assert draft is not None
    assert len(deltas) > 20, "streamed word by word"
    assert usage == Usage(input_tokens=0, output_tokens=0)
    assert "spring plant sale" in draft.subject.lower()
    assert 3 <= len(draft.sections) <= 4
    headings = [s.heading for s in draft.sections]
    assert headings[1:] == ["Highlights", "Dates to remember", "What's next"]
    highlights = draft.sections[1].body
    assert "- 20% off all houseplants until April 30" in highlights
    assert "- A free composting workshop on Saturday" in highlights
    assert "- Free delivery on orders over $50" in highlights
    # Each date with what happens then, in the brief's words, not a bare "Saturday".
    assert draft.sections[2].body == (
        "- Until April 30: 20% off all houseplants\n- On Saturday: a free composting workshop"
    )
    assert "https://shop.example.com/spring" in draft.sections[-1].body
    assert "lorem" not in text.lower()


async def test_brief_without_lists_still_gives_a_full_draft() -> None:
    brief = (
        "Our bakery is opening a second location downtown next month. We want to thank "
        "our regulars and invite them to the opening party."
    )
    text, _, _ = await reply([ChatTurn(role="user", content=brief)])
    draft = parse_draft(text)

    assert draft is not None
    assert "bakery" in draft.subject.lower()
    combined = text_of(draft).lower()
    for keyword in ("downtown", "regulars", "opening party"):
        assert keyword in combined
    assert draft.sections[-1].heading == "What's next"


def test_dates_keep_their_context_and_a_long_topic_ends_at_a_phrase() -> None:
    draft = draft_from_brief(
        "Spring fair on May 3 at the town hall. Volunteers needed, sign up by April 20. "
        "New this year: a Saturday workshop, cake stall and raffle."
    )
    # Nine words would be cut at eight ("... at the town"); the subject ends before "at".
    assert draft.subject == "Spring Fair on May 3"
    # ...but not so early that it loses what the sentence is about.
    long_head = "Monthly update for our bakery customers about the new sourdough range"
    assert draft_from_brief(long_head).subject == "Monthly Update for Our Bakery Customers"
    dates = next(s for s in draft.sections if s.heading == "Dates to remember")
    assert dates.body.split("\n") == [
        "- On May 3: spring fair at the town hall",
        "- By April 20: sign up",
        "- A Saturday workshop, cake stall and raffle",
    ]


async def conversation(request: str) -> tuple[Draft, Draft]:
    first, _, _ = await reply([ChatTurn(role="user", content=BRIEF)])
    turns = [
        ChatTurn(role="user", content=BRIEF),
        ChatTurn(role="assistant", content=first),
        ChatTurn(role="user", content=request),
    ]
    second, _, _ = await reply(turns)
    before, after = parse_draft(first), parse_draft(second)
    assert before is not None
    assert after is not None
    return before, after


async def test_make_it_shorter() -> None:
    before, after = await conversation("Make it shorter please")
    assert len(text_of(after)) < len(text_of(before))
    assert len(after.sections) <= 3


async def test_add_a_section_uses_what_the_brief_says() -> None:
    before, after = await conversation("Add a section about the composting workshop")
    assert len(after.sections) == len(before.sections) + 1
    added = after.sections[-2]
    assert added.heading == "Composting Workshop"
    assert "Saturday" in added.body
    assert after.sections[-1].heading == "What's next"


async def test_add_a_section_about_something_unknown_invents_nothing() -> None:
    _, after = await conversation("add a section about our volunteers")
    added = after.sections[-2]
    assert added.heading == "Volunteers"
    assert "add the details" in added.body


async def test_remove_a_section_and_change_the_subject() -> None:
    _, removed = await conversation("Remove the dates section")
    assert "Dates to remember" not in [s.heading for s in removed.sections]
    _, renamed = await conversation('Change the subject to "Spring is here"')
    assert renamed.subject == "Spring is here"


async def test_unknown_request_is_read_as_more_brief() -> None:
    _, after = await conversation("Also mention the new cactus collection.")
    assert "cactus" in text_of(after).lower()


def test_offline_is_always_configured_and_labelled() -> None:
    drafter = OfflineDrafter()
    assert drafter.configured()
    assert drafter.name == "offline"
    assert "offline drafter" in OFFLINE_NOTICE


LONG_BRIEFS = {
    "one long word": "Newsletter about " + "0" * 7_980,
    "long sentences": " ".join(
        f"Sentence {i} goes on {'and on ' * 60}until it ends." for i in range(18)
    )[:8_000],
    "many points": "Announce: " + ", ".join(f"item {i} {'x' * 30}" for i in range(180))[:7_990],
    "long points": "Sale: " + ", ".join("y" * 1_990 for _ in range(4)),
    "many dates and links": " ".join(
        f"On April {1 + i % 28} see https://example.com/{'p' * 40}{i}." for i in range(120)
    )[:8_000],
}


async def test_a_brief_as_long_as_a_message_may_be_still_gets_a_draft_within_its_limits() -> None:
    # A chat message may hold 8,000 characters, more than a section's body may (5,000): the
    # drafter must fit what it lays out from the brief into the draft's limits, not fail the
    # reply.
    for name, brief in LONG_BRIEFS.items():
        assert len(brief) <= 8_000, name
        text, _, _ = await reply([ChatTurn(role="user", content=brief)])
        draft = parse_draft(text)
        assert draft is not None, name
        # Edits build on the previous draft, and an unknown follow-up rebuilds from the whole
        # conversation, twice the brief.
        turns = [ChatTurn(role="user", content=brief), ChatTurn(role="assistant", content=text)]
        for follow_up in ("Make it shorter", f"Add a section about {brief[:300]}", brief):
            edited, _, _ = await reply([*turns, ChatTurn(role="user", content=follow_up)])
            assert parse_draft(edited) is not None, (name, follow_up[:40])


EDITS = ["", "Make it shorter", "Add a section about ", "Remove the ", "Change the subject to "]


@settings(max_examples=300, deadline=None)
@given(brief=st.text(max_size=400), edit=st.sampled_from(EDITS))
@example(brief="\u200b", edit="")  # zero-width only: nothing to make a subject of
@example(brief="\x03", edit="")
def test_any_brief_and_edit_gets_a_valid_draft(brief: str, edit: str) -> None:
    # The drafter answers whatever the user typed; a draft that fails its own model would
    # fail the reply instead.
    draft = compose([ChatTurn(role="user", content=brief)])
    turns = [
        ChatTurn(role="user", content=brief),
        ChatTurn(role="assistant", content=json.dumps(draft.model_dump())),
        ChatTurn(role="user", content=edit + brief),
    ]
    assert compose(turns).subject.strip()
