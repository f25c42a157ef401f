import { useId } from "react";
import type { Section, TemplateContent } from "../api/templates";
import { Dialog } from "../components/Dialog";
import type { Conflict } from "./autosave";
import { mergeContent } from "./merge";
import { SECTION_LABELS, summary } from "./sections";

function changedFrom(base: TemplateContent, section: Section): boolean {
  const before = base.sections.find((s) => s.id === section.id);
  return !before || JSON.stringify(before) !== JSON.stringify(section);
}

function Side({
  title,
  content,
  base,
}: {
  title: string;
  content: TemplateContent;
  base: TemplateContent;
}) {
  const titleId = useId();
  return (
    <section className="conflict__side" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <p>
        <span className="muted">Name:</span> {content.name}
      </p>
      <ol className="conflict__sections">
        {content.sections.map((section) => {
          const changed = changedFrom(base, section);
          return (
            <li key={section.id} className={changed ? "conflict__changed" : undefined}>
              <strong>{SECTION_LABELS[section.type]}</strong>
              {summary(section) ? `: ${summary(section)}` : null}
              {changed ? <span className="badge badge--accent">Changed</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface ConflictDialogProps {
  conflict: Conflict<TemplateContent>;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onMerge(content: TemplateContent): void;
}

/**
 * Someone saved this template since this editor last did. Shows both versions and
 * lets the user keep theirs, keep mine (saved on top, theirs stays in the history),
 * or combine both when they changed different sections.
 */
export function ConflictDialog({ conflict, onKeepMine, onTakeTheirs, onMerge }: ConflictDialogProps) {
  const titleId = useId();
  const { merged, conflicts } = mergeContent(conflict.base, conflict.mine, conflict.theirs.content);
  const mergeable = conflicts.length === 0;
  return (
    // Closing without a choice would leave the editor unable to save; Escape keeps it open.
    <Dialog labelledBy={titleId} onClose={() => undefined} initialFocus=".conflict__choice">
      <h2 id={titleId}>This template was changed elsewhere</h2>
      <p>
        Version {conflict.theirs.version} was saved in another tab or by someone else while you
        were editing. Your changes are not lost: choose what to keep.
      </p>
      <div className="conflict">
        <Side title="Your version" content={conflict.mine} base={conflict.base} />
        <Side
          title={`Current version (version ${conflict.theirs.version})`}
          content={conflict.theirs.content}
          base={conflict.base}
        />
      </div>
      {mergeable ? (
        <p className="muted">You changed different parts, so both sets of changes can be kept.</p>
      ) : (
        <p className="muted">Both versions changed the same part, so they cannot be combined.</p>
      )}
      <div className="form__actions">
        {mergeable ? (
          <button type="button" className="button button--primary conflict__choice" onClick={() => onMerge(merged)}>
            Keep both changes
          </button>
        ) : null}
        <button
          type="button"
          className={`button button--${mergeable ? "secondary" : "primary"} conflict__choice`}
          onClick={onKeepMine}
        >
          Keep mine
        </button>
        <button type="button" className="button button--secondary" onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
    </Dialog>
  );
}
