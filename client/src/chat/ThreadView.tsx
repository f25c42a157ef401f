import { Link } from "react-router";
import { ApiError } from "../api/client";
import { errorMessage } from "../forms/errors";
import { Composer } from "./Composer";
import { DraftPanel } from "./DraftPanel";
import { MessageList } from "./MessageList";
import { liveReply } from "./threadState";
import { useThread } from "./useThread";

export function AiNotice({ notice }: { notice: string | null }) {
  if (!notice) return null;
  return <p className="notice notice--plain chat-notice">{notice}</p>;
}

interface ThreadViewProps {
  threadId: string;
  onChanged(): void;
}

/** The middle and right columns for one conversation. */
export function ThreadView({ threadId, onChanged }: ThreadViewProps) {
  const { state, loadError, send, retry, refresh } = useThread(threadId, onChanged);
  const thread = state.thread;

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
        <h2 id="conversation-title" className="chat-conversation__title">
          {thread.title || "Untitled conversation"}
        </h2>
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
