import { useCallback } from "react";
import { getThread } from "../api/chat";
import { LoadError } from "../components/LoadError";
import { useLoad } from "../lib/useLoad";

/**
 * The chat draft a template is being chosen for (`?thread=`): its subject and
 * sections, so the user can pick a template that fits them.
 */
export function DraftContext({ threadId }: { threadId: string }) {
  const load = useCallback((signal: AbortSignal) => getThread(threadId, signal), [threadId]);
  const thread = useLoad(load);
  const draft = thread.data?.draft ?? null;

  return (
    <aside className="panel draft-context" aria-labelledby="draft-context-title">
      <h2 id="draft-context-title">Your draft</h2>
      {thread.status === "error" ? (
        <LoadError what="the draft" error={thread.error} onRetry={thread.reload} />
      ) : thread.data === undefined ? (
        <p className="muted" role="status">
          Loading the draft…
        </p>
      ) : draft ? (
        <>
          <dl className="draft__meta">
            <dt>Subject</dt>
            <dd className="draft__subject">{draft.subject}</dd>
          </dl>
          {draft.sections.length > 0 ? (
            <ol className="draft-context__sections" aria-label="Draft sections">
              {draft.sections.map((section, index) => (
                <li key={index}>{section.heading || section.body.slice(0, 80)}</li>
              ))}
            </ol>
          ) : null}
          <p className="muted">Pick a template for this draft. Choosing the audience comes next.</p>
        </>
      ) : (
        <p className="muted">This conversation has no draft yet.</p>
      )}
    </aside>
  );
}
