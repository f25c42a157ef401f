import type { ReactNode } from "react";
import type { TemplateSummary } from "../api/templates";
import { relativeTime } from "../lib/format";

interface TemplateCardProps {
  template: TemplateSummary;
  children: ReactNode;
}

/** The preview page itself, so a thumbnail is the exact email and loads only when scrolled to. */
function thumbnailSrc(template: TemplateSummary): string {
  const query = template.scope === "mine" ? `?version=${template.version}` : "";
  return `/api/templates/${encodeURIComponent(template.id)}/preview${query}`;
}

/**
 * One template in a grid: a thumbnail of the email, its name, what it is for, "Pro" and its
 * status; actions below. The thumbnail is decoration for sighted users (hidden from assistive
 * technology and from the tab order); "Preview" shows the same email full size to everyone.
 */
export function TemplateCard({ template, children }: TemplateCardProps) {
  const titleId = `template-${template.id}-name`;
  return (
    <li className="template-card" aria-labelledby={titleId}>
      <div className="template-card__thumb" aria-hidden="true">
        <iframe src={thumbnailSrc(template)} title="" tabIndex={-1} sandbox="" loading="lazy" />
      </div>
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
