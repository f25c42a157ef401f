/**
 * How the chat page talks to the realtime layer: the shared Socket.IO
 * connection when it is live, the reply's SSE stream when it is not. Kept in
 * one module so the page's tests can replace it.
 */
import { replyStreamUrl } from "../api/chat";
import type { ChatAck, ChatDone, ChatError, ChatStateChange, ChatToken } from "../realtime/events";
import { getSocket, on } from "../realtime/socket";

const ACK_TIMEOUT_MS = 5000;

export interface ChatHandlers {
  token(payload: ChatToken): void;
  done(payload: ChatDone): void;
  error(payload: ChatError): void;
  state(payload: ChatStateChange): void;
}

/** Listens to the chat events of one thread; returns a function that stops. */
export function subscribeThread(threadId: string, handlers: ChatHandlers): () => void {
  const mine = (payload: { thread_id: unknown }) => String(payload.thread_id) === threadId;
  const stops = [
    on("chat:token", (p) => mine(p) && handlers.token(p)),
    on("chat:done", (p) => mine(p) && handlers.done(p)),
    on("chat:error", (p) => mine(p) && handlers.error(p)),
    on("chat:state", (p) => mine(p) && handlers.state(p)),
  ];
  return () => stops.forEach((stop) => stop());
}

async function ask(send: () => Promise<ChatAck>): Promise<boolean> {
  try {
    const answer = await send();
    return answer.ok;
  } catch {
    // No answer in time: the caller falls back to re-reading over REST.
    return false;
  }
}

/** Joins the thread's room; resolves to whether the server said yes. */
export function joinThread(threadId: string): Promise<boolean> {
  return ask(() =>
    getSocket().timeout(ACK_TIMEOUT_MS).emitWithAck("chat:join", { thread_id: threadId }),
  );
}

/** Asks the server to replay a reply's tokens after `afterSeq`, then keep streaming it. */
export function resumeReply(threadId: string, messageId: string, afterSeq: number): Promise<boolean> {
  return ask(() =>
    getSocket()
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("chat:resume", { thread_id: threadId, message_id: messageId, after_seq: afterSeq }),
  );
}

export interface StreamHandlers {
  token(seq: number, delta: string): void;
  done(content: string): void;
  error(code: string, message: string): void;
  /** The connection dropped before `done` or `error`. */
  lost(): void;
}

export function canStreamOverSse(): boolean {
  return typeof EventSource !== "undefined";
}

function parse(data: unknown): Record<string, unknown> | null {
  if (typeof data !== "string") return null;
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Streams one reply over SSE from token `after + 1`; returns a function that closes it. */
export function streamReply(
  threadId: string,
  messageId: string,
  after: number,
  handlers: StreamHandlers,
): () => void {
  const source = new EventSource(replyStreamUrl(threadId, messageId, after), {
    withCredentials: true,
  });
  let finished = false;
  const finish = () => {
    finished = true;
    source.close();
  };
  source.addEventListener("token", (event) => {
    const body = parse(event.data);
    if (body && typeof body.seq === "number" && typeof body.delta === "string") {
      handlers.token(body.seq, body.delta);
    }
  });
  source.addEventListener("done", (event) => {
    const body = parse(event.data);
    finish();
    handlers.done(typeof body?.content === "string" ? body.content : "");
  });
  source.addEventListener("error", (event) => {
    if (finished) return;
    // A server `event: error` carries data; a dropped connection does not.
    const body = parse((event as MessageEvent).data);
    finish();
    if (body) {
      handlers.error(String(body.code ?? "error"), String(body.message ?? "The reply failed."));
    } else {
      // EventSource would reconnect with Last-Event-ID on its own; the page
      // reopens with `after` instead, after re-reading the thread.
      handlers.lost();
    }
  });
  return finish;
}
