"""The chat workflow's legal and illegal transitions."""

from __future__ import annotations

import pytest

from agents.workflow import ALLOWED, IllegalTransition, WorkflowState, transition

S = WorkflowState


def test_the_happy_path_reaches_handed_off() -> None:
    state = S.briefing
    for target in (
        S.drafting,
        S.reviewing,
        S.template_chosen,
        S.audience_chosen,
        S.confirming,
        S.handed_off,
    ):
        state = transition(state, target)
    assert state is S.handed_off


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.drafting, S.briefing),
        (S.reviewing, S.drafting),
        (S.template_chosen, S.reviewing),
        (S.audience_chosen, S.template_chosen),
        (S.confirming, S.audience_chosen),
    ],
)
def test_each_step_can_go_back_one(current: S, target: S) -> None:
    assert transition(current, target) is target


def test_string_values_are_accepted() -> None:
    assert transition("briefing", "drafting") is S.drafting


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.briefing, S.handed_off),
        (S.drafting, S.confirming),
        (S.reviewing, S.audience_chosen),
        (S.briefing, S.briefing),
        (S.handed_off, S.briefing),
    ],
)
def test_skipping_ahead_is_illegal_and_names_the_allowed_steps(current: S, target: S) -> None:
    with pytest.raises(IllegalTransition) as caught:
        transition(current, target)
    assert caught.value.current is current
    assert caught.value.target is target
    assert caught.value.allowed == ALLOWED[current]
    for allowed in ALLOWED[current]:
        assert str(allowed) in str(caught.value)


def test_handed_off_is_final() -> None:
    assert ALLOWED[S.handed_off] == frozenset()
    with pytest.raises(IllegalTransition, match="this step is final"):
        transition(S.handed_off, S.confirming)


def test_every_state_has_an_entry() -> None:
    assert set(ALLOWED) == set(S)


def test_unknown_state_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="sending"):
        transition("briefing", "sending")
