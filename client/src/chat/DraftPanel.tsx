import { Link, useNavigate } from "react-router";
import type { Draft } from "../api/chat";
import { STEPS, stepIndex, stateLabel } from "./messages";

interface DraftPanelProps {
  threadId: string | null;
  state: string;
  draft: Draft | null;
}

function Steps({ state }: { state: string }) {
  const current = stepIndex(state);
  return (
    <div className="steps-wrap">
      <ol className="steps" aria-label="Workflow">
        {STEPS.map((label, index) => (
          <li
            key={label}
            className="steps__step"
            data-done={index < current || undefined}
            aria-current={index === current ? "step" : undefined}
          >
            <span className="steps__dot" aria-hidden="true" />
            {label}
            {index < current ? <span className="visually-hidden"> (done)</span> : null}
          </li>
        ))}
      </ol>
      {current === -1 ? <p className="muted">State: {stateLabel(state)}</p> : null}
    </div>
  );
}

const AFTER_TEMPLATE = new Set(["template_chosen", "audience_chosen", "confirming"]);

/** What the user does next with the draft, by where the workflow stands. */
function NextStep({ threadId, state, canUse }: { threadId: string | null; state: string; canUse: boolean }) {
  const navigate = useNavigate();
  if (threadId && AFTER_TEMPLATE.has(state)) {
    return (
      <>
        <button
          type="button"
          className="button button--primary button--block"
          aria-describedby="use-draft-hint"
          onClick={() => void navigate(`/campaigns?new=1&thread=${encodeURIComponent(threadId)}`)}
        >
          Choose the audience
        </button>
        <p id="use-draft-hint" className="muted chat-draft__hint">
          Next: pick who gets it, check a test and send.
        </p>
      </>
    );
  }
  if (state === "handed_off") {
    return (
      <p className="muted chat-draft__hint">
        Handed to a campaign: follow it on <Link to="/activity">Activity</Link>.
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--primary button--block"
        disabled={!canUse}
        aria-describedby="use-draft-hint"
        onClick={() => {
          if (threadId) void navigate(`/templates?thread=${encodeURIComponent(threadId)}`);
        }}
      >
        Use this draft
      </button>
      <p id="use-draft-hint" className="muted chat-draft__hint">
        {canUse ? "Next: choose a template for it." : "Available once a draft is ready for review."}
      </p>
    </>
  );
}

/** The right-hand column: where the workflow stands and the draft as it will read. */
export function DraftPanel({ threadId, state, draft }: DraftPanelProps) {
  const canUse = threadId !== null && draft !== null && state === "reviewing";
  return (
    <section className="chat-draft" aria-labelledby="draft-preview-title">
      <h2 id="draft-preview-title">Draft preview</h2>
      <Steps state={state} />
      {draft ? (
        <article className="draft" aria-label="Draft">
          <dl className="draft__meta">
            <dt>Subject</dt>
            <dd className="draft__subject">{draft.subject}</dd>
            {draft.preheader ? (
              <>
                <dt>Preheader</dt>
                <dd className="draft__preheader">{draft.preheader}</dd>
              </>
            ) : null}
          </dl>
          {draft.sections.map((section, index) => (
            <section key={index} className="draft__section">
              {section.heading ? <h3>{section.heading}</h3> : null}
              {section.html ? (
                // Sanitized by the server (allow-listed tags and attributes only).
                <div className="draft__body" dangerouslySetInnerHTML={{ __html: section.html }} />
              ) : (
                <p className="draft__body">{section.body}</p>
              )}
            </section>
          ))}
        </article>
      ) : (
        <p className="muted">
          No draft yet. Tell Inkwell what your newsletter is about and the draft shows up here.
        </p>
      )}
      <NextStep threadId={threadId} state={state} canUse={canUse} />
    </section>
  );
}
