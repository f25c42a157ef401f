import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { chatErrorMessage } from "./messages";

interface ComposerProps {
  onSend(content: string): Promise<void>;
  /** A reply is being written: nothing new can be sent. */
  busy: boolean;
  placeholder?: string;
  autoFocus?: boolean;
}

/** "Message" and "Send": Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, busy, placeholder, autoFocus = false }: ComposerProps) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  // Disabling the field drops focus; give it back when the reply ends.
  const refocus = useRef(false);
  const id = useId();
  const disabled = busy || sending;

  useEffect(() => {
    if (!disabled && refocus.current) {
      refocus.current = false;
      field.current?.focus();
    }
  }, [disabled]);

  async function submit() {
    const content = text.trim();
    if (!content || disabled) return;
    refocus.current = document.activeElement === field.current;
    setSending(true);
    setError(null);
    try {
      await onSend(content);
      setText("");
    } catch (caught) {
      setError(chatErrorMessage(caught));
    } finally {
      setSending(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  }

  return (
    <form className="composer" onSubmit={onSubmit} aria-busy={disabled}>
      <label htmlFor={`${id}-message`} className="composer__label">
        Message
      </label>
      <textarea
        id={`${id}-message`}
        ref={field}
        className="composer__input"
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        placeholder={placeholder}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        autoFocus={autoFocus}
      />
      <div className="composer__row">
        <p id={`${id}-hint`} className="composer__hint muted">
          {busy ? "Inkwell is replying…" : "Enter to send, Shift+Enter for a new line."}
        </p>
        <button
          type="submit"
          className="button button--primary"
          disabled={disabled || text.trim() === ""}
        >
          {sending ? "Sending…" : "Send"}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="composer__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
