import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { getThread, retryMessage, sendMessage, type Thread } from "../api/chat";
import { ApiError } from "../api/client";
import { useConnectionState } from "../realtime/socket";
import {
  EMPTY_THREAD_STATE,
  isLive,
  liveReply,
  mergeThread,
  threadReducer,
  type ThreadState,
  WITHHELD,
} from "./threadState";
import {
  canStreamOverSse,
  joinThread,
  resumeReply,
  streamReply,
  subscribeThread,
} from "./transport";

/** With a live socket and a reply in flight, silence this long means re-read and resume. */
const STALL_MS = 6000;
/** Without a socket or EventSource, how often a reply in flight is re-read. */
const POLL_MS = 1500;
const SSE_RETRY_MS = 1000;
/** A hole still open this long after its replay was asked for is asked for again. */
const GAP_REASK_MS = 2000;

export interface ThreadController {
  state: ThreadState;
  /** The first read failed (the thread is gone, or the server is away). */
  loadError: unknown;
  live: boolean;
  send(content: string): Promise<void>;
  retry(messageId: string): Promise<void>;
  refresh(): Promise<void>;
}

/**
 * One open conversation: read over REST, streamed over the socket when it is
 * live and over SSE when it is not. Socket events are hints: every (re)connect
 * re-reads the thread first, then resumes a reply in flight from the last
 * token this page holds.
 */
export function useThread(threadId: string, onChanged: () => void): ThreadController {
  const [state, dispatch] = useReducer(threadReducer, EMPTY_THREAD_STATE);
  const [loadError, setLoadError] = useState<unknown>(null);
  const connection = useConnectionState();
  const live = connection === "live";

  const stateRef = useRef(state);
  stateRef.current = state;
  const liveRef = useRef(live);
  liveRef.current = live;
  const changed = useRef(onChanged);
  changed.current = onChanged;
  const lastEventAt = useRef(Date.now());

  /** Re-reads the thread; then, on a live socket, resumes replies in flight. */
  const resync = useCallback(async (): Promise<Thread | null> => {
    let fresh: Thread;
    try {
      fresh = await getThread(threadId);
    } catch (error) {
      if (!stateRef.current.thread) setLoadError(error);
      return null;
    }
    setLoadError(null);
    const merged = mergeThread(stateRef.current.thread, fresh);
    dispatch({ type: "loaded", thread: fresh });
    lastEventAt.current = Date.now();
    if (liveRef.current) {
      for (const message of merged.messages.filter(isLive)) {
        void resumeReply(threadId, message.id, message.seq);
      }
    }
    return merged;
  }, [threadId]);

  // Connect, reconnect and drop all land here: listen, join, re-read, resume.
  useEffect(() => {
    let active = true;
    let stop = () => {};
    if (live) {
      stop = subscribeThread(threadId, {
        token: (p) => {
          lastEventAt.current = Date.now();
          dispatch({ type: "token", message_id: String(p.message_id), seq: p.seq, delta: p.delta });
        },
        done: (p) => {
          lastEventAt.current = Date.now();
          dispatch({ type: "done", message_id: String(p.message_id), content: p.content });
          // The finished reply may have brought a draft and a new state.
          void resync().then(() => changed.current());
        },
        error: (p) => {
          lastEventAt.current = Date.now();
          dispatch({
            type: "error",
            message_id: String(p.message_id),
            code: p.code,
            message: p.message,
          });
          // Moderation may have withheld the user's message as well as the reply.
          if (p.code === WITHHELD) void resync();
        },
        state: (p) => {
          dispatch({ type: "state", state: p.state });
          void resync().then(() => changed.current());
        },
      });
      void joinThread(threadId).then(() => {
        if (active) void resync();
      });
    } else {
      void resync();
    }
    return () => {
      active = false;
      stop();
    };
  }, [threadId, live, resync]);

  // A token skipped ahead: fill the hole. On a live socket the server replays the missing
  // tokens of that reply (one Redis read); a whole re-read per hole would, on a busy machine,
  // turn every early token into a request. One ask per hole: tokens that keep skipping ahead
  // while the replay is on its way are the same hole.
  const gap = state.gap;
  const asked = useRef<{ key: string; at: number } | null>(null);
  useEffect(() => {
    if (!gap) return;
    const key = `${gap.message_id}:${gap.after_seq}`;
    if (asked.current?.key === key && Date.now() - asked.current.at < GAP_REASK_MS) return;
    asked.current = { key, at: Date.now() };
    const known = stateRef.current.thread?.messages.some((m) => m.id === gap.message_id);
    if (!liveRef.current || !known) {
      void resync();
      return;
    }
    void resumeReply(threadId, gap.message_id, gap.after_seq).then((ok) => {
      if (!ok) void resync();
    });
  }, [gap, threadId, resync]);

  const reply = liveReply(state.thread);
  const replyId = reply?.id ?? null;

  // No socket: stream the reply in flight over SSE (or poll without EventSource).
  const [sseAttempt, setSseAttempt] = useState(0);
  useEffect(() => {
    if (live || !replyId) return;
    if (!canStreamOverSse()) {
      const timer = setInterval(() => void resync(), POLL_MS);
      return () => clearInterval(timer);
    }
    const current = stateRef.current.thread?.messages.find((m) => m.id === replyId);
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const close = streamReply(threadId, replyId, current?.seq ?? 0, {
      token: (seq, delta) => dispatch({ type: "token", message_id: replyId, seq, delta }),
      done: (content) => {
        dispatch({ type: "done", message_id: replyId, content });
        void resync().then(() => changed.current());
      },
      error: (code, message) => dispatch({ type: "error", message_id: replyId, code, message }),
      lost: () => {
        retryTimer = setTimeout(() => {
          void resync().then(() => setSseAttempt((n) => n + 1));
        }, SSE_RETRY_MS);
      },
    });
    return () => {
      close();
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, [threadId, live, replyId, sseAttempt, resync]);

  // A live socket that goes quiet mid-reply (missed join, lost room): re-read and resume.
  useEffect(() => {
    if (!live || !replyId) return;
    const timer = setInterval(() => {
      if (Date.now() - lastEventAt.current >= STALL_MS) void resync();
    }, STALL_MS / 2);
    return () => clearInterval(timer);
  }, [live, replyId, resync]);

  const send = useCallback(
    async (content: string) => {
      let result;
      try {
        result = await sendMessage(threadId, content);
      } catch (error) {
        // Another tab is mid-reply, or the message was withheld: show what the server has.
        if (error instanceof ApiError && error.status !== 429) void resync();
        throw error;
      }
      dispatch({ type: "sent", content, ...result, at: new Date().toISOString() });
      lastEventAt.current = Date.now();
      changed.current();
      // Tokens written before this page joined the room are replayed; repeats are dropped.
      if (liveRef.current) void resumeReply(threadId, result.reply_message_id, 0);
    },
    [threadId, resync],
  );

  const retry = useCallback(
    async (messageId: string) => {
      await retryMessage(threadId, messageId);
      await resync();
    },
    [threadId, resync],
  );

  const refresh = useCallback(async () => {
    await resync();
  }, [resync]);

  return { state, loadError, live, send, retry, refresh };
}
