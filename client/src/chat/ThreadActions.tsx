import { useState, type FormEvent } from "react";
import { deleteThread, renameThread } from "../api/chat";
import { NO_ERRORS } from "../forms/errors";
import { useSubmit } from "../forms/useSubmit";

// Every failure here is about the conversation as a whole, not a field.
const NO_FIELDS: string[] = [];

interface ThreadActionsProps {
  threadId: string;
  title: string;
  onRenamed(): void;
  onDeleted(): void;
}

/** Rename and delete, beside the conversation's title. Deleting asks first. */
export function ThreadActions({ threadId, title, onRenamed, onDeleted }: ThreadActionsProps) {
  const [mode, setMode] = useState<"idle" | "renaming" | "deleting">("idle");
  const [draft, setDraft] = useState(title);
  const { pending: busy, errors, run, reject, setErrors } = useSubmit({ fields: NO_FIELDS });
  const error = errors.general;

  function close() {
    setMode("idle");
    setErrors(NO_ERRORS);
  }

  function rename(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return reject({}, "Give the conversation a title.");
    void run(async () => {
      await renameThread(threadId, draft.trim());
      setMode("idle");
      onRenamed();
    });
  }

  return (
    <div className="chat-actions">
      {mode === "renaming" ? (
        <form className="chat-actions__form" onSubmit={rename}>
          <label htmlFor="thread-title" className="visually-hidden">
            Conversation title
          </label>
          <input
            id="thread-title"
            value={draft}
            maxLength={200}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button button--small" disabled={busy}>
            Save
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={close}
          >
            Cancel
          </button>
        </form>
      ) : null}
      {mode === "deleting" ? (
        <div className="chat-actions__form">
          <span>Delete this conversation and its messages?</span>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await deleteThread(threadId);
                onDeleted();
              })
            }
          >
            Delete conversation
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={close}
          >
            Keep
          </button>
        </div>
      ) : null}
      {mode === "idle" ? (
        <>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setDraft(title);
              setMode("renaming");
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setMode("deleting")}
          >
            Delete
          </button>
        </>
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
