"""The chat workflow: where a newsletter conversation stands, and where it may go next.

    briefing → drafting → reviewing → template_chosen → audience_chosen → confirming
                                                                            → handed_off

Each step may go back one step (the user changes their mind), never skip ahead. The last
step, ``handed_off`` (the campaign is handed to the sending pipeline), is taken only on the
user's explicit confirmation — a button or command the user issues — never because of
anything a model wrote: model output is untrusted text and must not be able to send mail.
``handed_off`` is final.
"""

from __future__ import annotations

from enum import StrEnum


class WorkflowState(StrEnum):
    briefing = "briefing"
    drafting = "drafting"
    reviewing = "reviewing"
    template_chosen = "template_chosen"
    audience_chosen = "audience_chosen"
    confirming = "confirming"
    handed_off = "handed_off"


ALLOWED: dict[WorkflowState, frozenset[WorkflowState]] = {
    WorkflowState.briefing: frozenset({WorkflowState.drafting}),
    WorkflowState.drafting: frozenset({WorkflowState.reviewing, WorkflowState.briefing}),
    WorkflowState.reviewing: frozenset({WorkflowState.drafting, WorkflowState.template_chosen}),
    WorkflowState.template_chosen: frozenset(
        {WorkflowState.reviewing, WorkflowState.audience_chosen}
    ),
    WorkflowState.audience_chosen: frozenset(
        {WorkflowState.template_chosen, WorkflowState.confirming}
    ),
    WorkflowState.confirming: frozenset({WorkflowState.audience_chosen, WorkflowState.handed_off}),
    WorkflowState.handed_off: frozenset(),
}


class IllegalTransition(Exception):
    def __init__(
        self, current: WorkflowState, target: WorkflowState, allowed: frozenset[WorkflowState]
    ) -> None:
        names = ", ".join(sorted(allowed)) or "nothing (this step is final)"
        super().__init__(f"cannot go from {current} to {target}; allowed: {names}")
        self.current = current
        self.target = target
        self.allowed = allowed


def transition(current: WorkflowState | str, target: WorkflowState | str) -> WorkflowState:
    """``target`` if the workflow may move there from ``current``; else IllegalTransition.

    Accepts the stored string values too; an unknown name raises ValueError.
    """
    now, to = WorkflowState(current), WorkflowState(target)
    allowed = ALLOWED[now]
    if to not in allowed:
        raise IllegalTransition(now, to, allowed)
    return to
