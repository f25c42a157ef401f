import { useEffect, useRef, useState } from "react";
import type { ChatMessage } from "../api/chat";
import { chatErrorMessage } from "./messages";
import { readableReply } from "./replyText";
import { isLive } from "./threadState";

interface MessageListProps {
  messages: ChatMessage[];
  onRetry(messageId: string): Promise<void>;
}

function RetryButton({ onRetry }: { onRetry(): Promise<void> }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retry() {
    setPending(true);
    setError(null);
    try {
      await onRetry();
    } catch (caught) {
      setError(chatErrorMessage(caught));
    } finally {
      setPending(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => void retry()}
        disabled={pending}
      >
        {pending ? "Retrying…" : "Retry"}
      </button>
      {error ? (
        <p className="chat-message__error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A reply as a person reads it: a draft's fields rather than its JSON. */
function ReplyText({ content }: { content: string }) {
  const reply = readableReply(content);
  if (reply.kind === "text") return <>{reply.text}</>;
  return (
    <>
      {reply.subject ? (
        <span className="chat-reply__line">
          <strong>Subject:</strong> {reply.subject}
        </span>
      ) : null}
      {reply.preheader ? (
        <span className="chat-reply__line muted">{reply.preheader}</span>
      ) : null}
      {reply.sections.map((section, index) => (
        <span key={index} className="chat-reply__section">
          {section.heading ? <strong className="chat-reply__heading">{section.heading}</strong> : null}
          {section.body ? <span className="chat-reply__body">{section.body}</span> : null}
        </span>
      ))}
    </>
  );
}

function Message({ message, onRetry }: { message: ChatMessage; onRetry(id: string): Promise<void> }) {
  const mine = message.role === "user";
  const streaming = isLive(message);
  return (
    <li>
      <article
        className={`chat-message chat-message--${mine ? "user" : "assistant"}`}
        data-status={message.status}
        aria-busy={streaming || undefined}
      >
        <p className="chat-message__role">
          {mine ? "You" : "Inkwell"}
        </p>
        {message.content || streaming ? (
          <div className="chat-message__content">
            {mine ? message.content : <ReplyText content={message.content} />}
            {streaming ? (
              <>
                {message.content ? null : <span className="muted">Writing…</span>}
                <span className="chat-cursor" aria-hidden="true" />
              </>
            ) : null}
          </div>
        ) : null}
        {message.content_unavailable ? (
          <p className="chat-message__content muted">(unavailable right now)</p>
        ) : null}
        {message.status === "failed" ? (
          <div className="chat-message__failure">
            <p className="chat-message__error">
              {message.error ?? "The reply could not be finished."}
            </p>
            <RetryButton onRetry={() => onRetry(message.id)} />
          </div>
        ) : null}
        {message.status === "withheld" ? (
          <p className="chat-message__withheld">
            <strong>Withheld.</strong> {message.error ?? "This message was not sent to the AI."}
          </p>
        ) : null}
      </article>
    </li>
  );
}

/** The conversation, oldest first; follows the newest text while the reader is at the bottom. */
export function MessageList({ messages, onRetry }: MessageListProps) {
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const last = messages.at(-1);
  const growth = `${messages.length}:${last?.content.length ?? 0}:${last?.status ?? ""}`;

  useEffect(() => {
    const element = list.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [growth]);

  return (
    <ol
      ref={list}
      className="chat-messages"
      role="log"
      aria-label="Conversation history"
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
      }}
    >
      {messages.map((message) => (
        <Message key={message.id} message={message} onRetry={onRetry} />
      ))}
    </ol>
  );
}
