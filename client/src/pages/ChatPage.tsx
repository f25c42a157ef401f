import { useCallback, useRef } from "react";
import { useNavigate, useParams } from "react-router";
import { createThread, listThreads, sendMessage, type ThreadSummary } from "../api/chat";
import { Composer } from "../chat/Composer";
import { DraftPanel } from "../chat/DraftPanel";
import { titleFrom } from "../chat/messages";
import { ThreadList } from "../chat/ThreadList";
import { ThreadView } from "../chat/ThreadView";
import { Page } from "../components/Page";
import { useLoad } from "../lib/useLoad";
import { useConnectionState } from "../realtime/socket";

function NewConversation({
  hasThreads,
  onCreated,
}: {
  hasThreads: boolean;
  onCreated(threadId: string): void;
}) {
  const navigate = useNavigate();
  const created = useRef<string | null>(null);

  async function start(content: string) {
    // A failed send keeps the thread made for it, so a second try does not make another.
    const threadId = (created.current ??= (await createThread(titleFrom(content))).id);
    try {
      await sendMessage(threadId, content);
    } finally {
      // The list shows the new thread, and its state after the send.
      onCreated(threadId);
    }
    // The conversation view reads the thread and streams the reply from its first token.
    void navigate(`/chat/${threadId}`);
  }

  return (
    <>
      <section className="chat-conversation" aria-labelledby="conversation-title">
        <h2 id="conversation-title" className="chat-conversation__title">
          New conversation
        </h2>
        <div className="chat-intro">
          {hasThreads ? (
            <p>Start a new newsletter here, or pick one of your conversations.</p>
          ) : (
            <p>Describe your newsletter and the assistant drafts it.</p>
          )}
          <p className="muted">
            Say who it is for and what is new. Inkwell replies with a draft you can refine, then
            you choose a template and an audience.
          </p>
        </div>
        <Composer
          onSend={start}
          busy={false}
          autoFocus
          placeholder="Monthly update for our bakery: new sourdough, Saturday workshop, holiday hours"
        />
      </section>
      <DraftPanel threadId={null} state="briefing" draft={null} />
    </>
  );
}

export default function ChatPage() {
  const { threadId } = useParams();
  const navigate = useNavigate();
  const threads = useLoad(listThreads);
  const connection = useConnectionState();
  const reloadThreads = threads.reload;
  const onChanged = useCallback(() => reloadThreads(), [reloadThreads]);
  const setThreads = threads.set;
  const onSeen = useCallback(
    (seen: ThreadSummary) =>
      setThreads((items) => {
        const index = items.findIndex((item) => item.id === seen.id);
        const listed = items[index];
        // The newer of the two wins: a list read after a later change keeps that change.
        if (!listed || Date.parse(listed.updated_at) >= Date.parse(seen.updated_at)) return items;
        return items.map((item, i) => (i === index ? { ...item, ...seen } : item));
      }),
    [setThreads],
  );

  function startNew() {
    if (threadId) {
      void navigate("/chat");
      return;
    }
    document.querySelector<HTMLTextAreaElement>(".chat-conversation textarea")?.focus();
  }

  return (
    <Page title="Chat" className="page--chat">
      {connection === "reconnecting" ? (
        <p className="chat-banner" role="status">
          Reconnecting…
        </p>
      ) : null}
      <div className="chat">
        <ThreadList
          threads={threads.data}
          error={threads.error}
          onNew={startNew}
          onRetry={threads.reload}
        />
        {threadId ? (
          <ThreadView key={threadId} threadId={threadId} onChanged={onChanged} onSeen={onSeen} />
        ) : (
          <NewConversation
            hasThreads={(threads.data?.length ?? 0) > 0}
            onCreated={onChanged}
          />
        )}
      </div>
    </Page>
  );
}
