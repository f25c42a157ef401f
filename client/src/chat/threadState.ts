/**
 * The open conversation as a pure reducer. Tokens arrive from the socket, from
 * the SSE fallback and again after a resume, so each reply keeps the number of
 * the last token applied: older or repeated numbers are dropped, and a number
 * that skips ahead marks a gap the page fills by re-reading the thread.
 */
import type { ChatMessage, MessageStatus, Thread } from "../api/chat";

export const WITHHELD = "message_withheld";

export interface Gap {
  message_id: string;
  /** The last token applied before the gap. */
  after_seq: number;
}

export interface ThreadState {
  thread: Thread | null;
  /** Set when a token skipped ahead; cleared by the next `loaded`. */
  gap: Gap | null;
}

export type ThreadAction =
  | { type: "loaded"; thread: Thread }
  | { type: "token"; message_id: string; seq: number; delta: string }
  | { type: "done"; message_id: string; content: string }
  | { type: "error"; message_id: string; code: string; message: string }
  | { type: "state"; state: string }
  | { type: "sent"; content: string; user_message_id: string; reply_message_id: string; at: string };

export const EMPTY_THREAD_STATE: ThreadState = { thread: null, gap: null };

export type TokenOutcome = "applied" | "duplicate" | "gap";

/** Whether token `seq` follows `lastSeq`, repeats an earlier one, or skips ahead. */
export function classifyToken(lastSeq: number, seq: number): TokenOutcome {
  if (seq <= lastSeq) return "duplicate";
  if (seq > lastSeq + 1) return "gap";
  return "applied";
}

const LIVE_STATUSES: ReadonlySet<MessageStatus> = new Set(["pending", "streaming"]);

export function isLive(message: ChatMessage): boolean {
  return message.role === "assistant" && LIVE_STATUSES.has(message.status);
}

/** The reply still being written, if any. */
export function liveReply(thread: Thread | null): ChatMessage | undefined {
  return thread?.messages.find(isLive);
}

function placeholderReply(id: string, at: string): ChatMessage {
  return {
    id,
    role: "assistant",
    content: "",
    content_unavailable: false,
    status: "pending",
    error: null,
    error_code: null,
    seq: 0,
    provider: null,
    model: null,
    created_at: at,
  };
}

function replaceMessage(thread: Thread, id: string, update: (m: ChatMessage) => ChatMessage): Thread {
  return { ...thread, messages: thread.messages.map((m) => (m.id === id ? update(m) : m)) };
}

/**
 * A fresh read of the thread wins, except for a reply the server still calls
 * live while this page already holds more of its tokens (a REST answer can
 * lag the socket by a few tokens).
 */
export function mergeThread(local: Thread | null, server: Thread): Thread {
  if (!local || local.id !== server.id) return server;
  const known = new Map(local.messages.map((m) => [m.id, m]));
  return {
    ...server,
    messages: server.messages.map((fresh) => {
      const mine = known.get(fresh.id);
      if (mine && isLive(fresh) && mine.seq > fresh.seq) {
        return { ...fresh, content: mine.content, seq: mine.seq, status: "streaming" };
      }
      return fresh;
    }),
  };
}

export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  if (action.type === "loaded") {
    return { thread: mergeThread(state.thread, action.thread), gap: null };
  }
  const thread = state.thread;
  if (!thread) return state;

  switch (action.type) {
    case "token": {
      const message = thread.messages.find((m) => m.id === action.message_id);
      // A token can beat the POST's answer; the first one opens the reply here.
      if (!message) {
        if (action.seq !== 1) {
          return { ...state, gap: { message_id: action.message_id, after_seq: 0 } };
        }
        const reply: ChatMessage = {
          ...placeholderReply(action.message_id, new Date().toISOString()),
          content: action.delta,
          seq: 1,
          status: "streaming",
        };
        return { ...state, thread: { ...thread, messages: [...thread.messages, reply] } };
      }
      // A finished reply never grows again, whatever a late replay says.
      if (!isLive(message)) return state;
      const outcome = classifyToken(message.seq, action.seq);
      if (outcome === "duplicate") return state;
      if (outcome === "gap") {
        return { ...state, gap: { message_id: message.id, after_seq: message.seq } };
      }
      return {
        ...state,
        thread: replaceMessage(thread, message.id, (m) => ({
          ...m,
          content: m.content + action.delta,
          seq: action.seq,
          status: "streaming",
        })),
      };
    }
    case "done": {
      if (!thread.messages.some((m) => m.id === action.message_id)) return state;
      return {
        ...state,
        thread: replaceMessage(thread, action.message_id, (m) => ({
          ...m,
          content: action.content,
          status: "complete",
          error: null,
          error_code: null,
        })),
      };
    }
    case "error": {
      if (!thread.messages.some((m) => m.id === action.message_id)) return state;
      return {
        ...state,
        thread: replaceMessage(thread, action.message_id, (m) =>
          isLive(m)
            ? {
                ...m,
                // Withheld by moderation is final; anything else failed and can be retried.
                status: action.code === WITHHELD ? "withheld" : "failed",
                error: action.message,
                error_code: action.code,
              }
            : m,
        ),
      };
    }
    case "state":
      return thread.state === action.state ? state : { ...state, thread: { ...thread, state: action.state } };
    case "sent": {
      const messages = [...thread.messages];
      if (!messages.some((m) => m.id === action.user_message_id)) {
        const user: ChatMessage = {
          ...placeholderReply(action.user_message_id, action.at),
          role: "user",
          content: action.content,
          status: "complete",
        };
        // The reply may already be here if its first token beat the POST's answer.
        const replyAt = messages.findIndex((m) => m.id === action.reply_message_id);
        if (replyAt === -1) messages.push(user);
        else messages.splice(replyAt, 0, user);
      }
      if (!messages.some((m) => m.id === action.reply_message_id)) {
        messages.push(placeholderReply(action.reply_message_id, action.at));
      }
      return { ...state, thread: { ...thread, messages } };
    }
  }
}
