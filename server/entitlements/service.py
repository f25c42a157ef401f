"""What a workspace may use, decided in one place from its plan.

Billing changes ``Workspace.plan``; everything that gates a feature asks here, on the
server, so no client can unlock a pro feature by skipping a check.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.accounts import Plan, Workspace
from models.templates import EmailTemplate
from server.core.errors import AppError


class PlanRequired(AppError):
    code = "plan_required"
    status = 403
    message = "This needs the Pro plan."


@dataclass(frozen=True)
class Entitlements:
    plan: Plan
    # Copy, edit and send templates marked pro.
    pro_templates: bool


def entitlements_for(workspace: Workspace) -> Entitlements:
    return Entitlements(plan=workspace.plan, pro_templates=workspace.plan is Plan.pro)


def may_use_template(workspace: Workspace, template: EmailTemplate) -> bool:
    return not template.is_pro or entitlements_for(workspace).pro_templates


def require_template(workspace: Workspace, template: EmailTemplate, *, action: str) -> None:
    """Refuse ``action`` (copy, edit, send) on a pro template without the pro plan."""
    if not may_use_template(workspace, template):
        raise PlanRequired(
            f"“{template.name}” is a Pro template: upgrade to Pro to {action} it.",
            details={
                "feature": "pro_templates",
                "required_plan": Plan.pro.value,
                "plan": workspace.plan.value,
                "template_id": str(template.id),
                "action": action,
            },
        )


def require_template_send(workspace: Workspace, template: EmailTemplate) -> None:
    """For campaigns: a pro template is sent only while the workspace has the pro plan."""
    require_template(workspace, template, action="send")
