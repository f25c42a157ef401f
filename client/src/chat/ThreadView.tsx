import { useEffect } from "react";
import { Link, useNavigate } from "react-router";
import type { ThreadSummary } from "../api/chat";
import { ApiError } from "../api/client";
import { errorMessage } from "../forms/errors";
import { Composer } from "./Composer";
import { DraftPanel } from "./DraftPanel";
import { MessageList } from "./MessageList";
import { ThreadActions } from "./ThreadActions";
import { liveReply } from "./threadState";
import { useThread } from "./useThread";

export function AiNotice({ notice }: { notice: string | null }) {
  if (!notice) return null;
  return <p className="notice notice--plain chat-notice">{notice}</p>;
}

interface ThreadViewProps {
  threadId: string;
  onChanged(): void;
  /** The thread as this view last read it, for the list beside it to show the same. */
  onSeen(summary: ThreadSummary): void;
}

/** The middle and right columns for one conversation. */
export function ThreadView({ threadId, onChanged, onSeen }: ThreadViewProps) {
  const { state, loadError, send, retry, refresh } = useThread(threadId, onChanged);
  const thread = state.thread;
  const navigate = useNavigate();

  // A reply that finished before this view joined its room sends no event this view hears
  // (the offline drafter often does), so its read of the thread is the only news of the new
  // state: hand it to the list rather than leave the list with the state before the reply.
  const id = thread?.id;
  const title = thread?.title;
  const workflowState = thread?.state;
  const updatedAt = thread?.updated_at;
  const hasDraft = thread ? thread.draft !== null : undefined;
  useEffect(() => {
    if (
      id !== undefined &&
      title !== undefined &&
      workflowState !== undefined &&
      updatedAt &&
      hasDraft !== undefined
    ) {
      onSeen({ id, title, state: workflowState, updated_at: updatedAt, has_draft: hasDraft });
    }
  }, [id, title, workflowState, updatedAt, hasDraft, onSeen]);

  if (!thread) {
    return (
      <>
        <section className="chat-conversation" aria-label="Conversation">
          {loadError ? (
            <div className="notice notice--error" role="alert">
              {loadError instanceof ApiError && loadError.status === 404 ? (
                <p>
                  This conversation does not exist or is not yours.{" "}
                  <Link to="/chat">Start a new one</Link>.
                </p>
              ) : (
                <>
                  <p>Could not load this conversation. {errorMessage(loadError)}</p>
                  <button type="button" className="button button--small" onClick={() => void refresh()}>
                    Try again
                  </button>
                </>
              )}
            </div>
          ) : (
            <p className="page-loading">
              <span className="spinner" aria-hidden="true" /> Loading the conversation…
            </p>
          )}
        </section>
        <DraftPanel threadId={null} state="briefing" draft={null} />
      </>
    );
  }

  const busy = liveReply(thread) !== undefined;
  return (
    <>
      <section className="chat-conversation" aria-labelledby="conversation-title">
        <div className="chat-conversation__header">
          <h2 id="conversation-title" className="chat-conversation__title">
            {thread.title || "Untitled conversation"}
          </h2>
          <ThreadActions
            key={thread.id}
            threadId={thread.id}
            title={thread.title}
            onRenamed={() => {
              void refresh();
              onChanged();
            }}
            onDeleted={() => {
              onChanged();
              void navigate("/chat");
            }}
          />
        </div>
        {thread.messages.length > 0 ? (
          <MessageList messages={thread.messages} onRetry={retry} />
        ) : (
          <p className="muted chat-conversation__empty">
            Describe your newsletter: who it is for, what is new, and anything it must mention.
          </p>
        )}
        <AiNotice notice={thread.ai_notice} />
        <Composer onSend={send} busy={busy} autoFocus />
      </section>
      <DraftPanel threadId={thread.id} state={thread.state} draft={thread.draft} />
    </>
  );
}
