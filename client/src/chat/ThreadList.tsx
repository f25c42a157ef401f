import { NavLink } from "react-router";
import type { ThreadSummary } from "../api/chat";
import { errorMessage } from "../forms/errors";
import { relativeTime } from "../lib/format";
import { stateLabel } from "./messages";

interface ThreadListProps {
  threads: ThreadSummary[] | undefined;
  error: unknown;
  onNew(): void;
  onRetry(): void;
}

export function ThreadList({ threads, error, onNew, onRetry }: ThreadListProps) {
  return (
    <section className="chat-threads" aria-labelledby="conversations-title">
      <div className="chat-threads__header">
        <h2 id="conversations-title">Conversations</h2>
        <button type="button" className="button button--secondary button--small" onClick={onNew}>
          New conversation
        </button>
      </div>
      {error && !threads ? (
        <div className="notice notice--error" role="alert">
          <p>Could not load your conversations. {errorMessage(error)}</p>
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
      {threads === undefined && !error ? <p className="muted">Loading…</p> : null}
      {threads?.length === 0 ? <p className="muted">None yet.</p> : null}
      {threads && threads.length > 0 ? (
        <ul className="chat-threads__list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <NavLink to={`/chat/${thread.id}`} className="chat-thread">
                <span className="chat-thread__title">{thread.title || "Untitled"}</span>
                <span className="chat-thread__meta">
                  <span className="badge">{stateLabel(thread.state)}</span>
                  <span className="muted">{relativeTime(thread.updated_at)}</span>
                </span>
              </NavLink>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
