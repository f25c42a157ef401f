import type { ReactNode } from "react";
import type { TemplateSummary } from "../api/templates";
import { relativeTime } from "../lib/format";

interface TemplateCardProps {
  template: TemplateSummary;
  children: ReactNode;
}

/** One template in a grid: its name, what it is for, "Pro" and its status; actions below. */
export function TemplateCard({ template, children }: TemplateCardProps) {
  const titleId = `template-${template.id}-name`;
  return (
    <li className="template-card" aria-labelledby={titleId}>
      <div className="template-card__head">
        <h3 id={titleId} className="template-card__name">
          {template.name}
        </h3>
        <span className="template-card__badges">
          {template.is_pro ? <span className="badge badge--accent">Pro</span> : null}
          {template.scope === "mine" ? (
            <span className="badge">{template.status === "published" ? "Published" : "Draft"}</span>
          ) : null}
        </span>
      </div>
      {template.category ? <p className="template-card__category muted">{template.category}</p> : null}
      {template.description ? <p className="template-card__description">{template.description}</p> : null}
      {template.scope === "mine" ? (
        <p className="muted template-card__meta">
          Version {template.version} · edited {relativeTime(template.updated_at)}
        </p>
      ) : null}
      <div className="template-card__actions">{children}</div>
    </li>
  );
}
