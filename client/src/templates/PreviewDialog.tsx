import { useId, type ReactNode } from "react";
import type { Section, Template, TemplateSummary } from "../api/templates";
import { Dialog } from "../components/Dialog";
import { PreviewFrame } from "./PreviewFrame";

interface PreviewDialogProps {
  template: Pick<TemplateSummary, "id" | "name" | "is_pro">;
  version?: number;
  /** Unsaved content (the editor's, while a save is pending). */
  unsaved?: { sections: Section[]; theme: Template["theme"] };
  onClose(): void;
  /** Actions beside Close ("Use this template"). */
  actions?: ReactNode;
}

export function PreviewDialog({ template, version, unsaved, onClose, actions }: PreviewDialogProps) {
  const titleId = useId();
  return (
    <Dialog labelledBy={titleId} onClose={onClose} variant="modal">
      <div className="dialog__header">
        <h2 id={titleId}>
          Preview: {template.name}
          {unsaved ? " (unsaved changes)" : version !== undefined ? ` (version ${version})` : null}
          {template.is_pro ? <span className="badge badge--accent">Pro</span> : null}
        </h2>
        <button type="button" className="button button--small button--link" onClick={onClose}>
          Close
        </button>
      </div>
      <PreviewFrame
        templateId={template.id}
        {...(version !== undefined ? { version } : {})}
        {...(unsaved ? { unsaved } : {})}
        title={`Preview of ${template.name}`}
      />
      {actions ? <div className="form__actions">{actions}</div> : null}
    </Dialog>
  );
}
