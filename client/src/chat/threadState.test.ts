import { describe, expect, it } from "vitest";
import type { ChatMessage, Thread } from "../api/chat";
import { classifyToken, mergeThread, threadReducer, type ThreadState, WITHHELD } from "./threadState";

function message(overrides: Partial<ChatMessage>): ChatMessage {
  return {
    id: "m",
    role: "assistant",
    content: "",
    content_unavailable: false,
    status: "streaming",
    error: null,
    error_code: null,
    seq: 0,
    provider: null,
    model: null,
    created_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

function thread(messages: ChatMessage[]): Thread {
  return {
    id: "t1",
    title: "Bakery",
    state: "drafting",
    updated_at: "2026-01-01T00:00:00Z",
    has_draft: false,
    state_version: 1,
    draft: null,
    messages,
    allowed_transitions: [],
    ai_notice: null,
  };
}

function start(messages: ChatMessage[]): ThreadState {
  return threadReducer({ thread: null, gap: null }, { type: "loaded", thread: thread(messages) });
}

const token = (seq: number, delta: string, message_id = "r1") =>
  ({ type: "token", message_id, seq, delta }) as const;

function reply(state: ThreadState, id = "r1"): ChatMessage {
  const found = state.thread?.messages.find((m) => m.id === id);
  if (!found) throw new Error(`no message ${id}`);
  return found;
}

describe("classifyToken", () => {
  it("tells the next token from a repeat and from a skip", () => {
    expect(classifyToken(0, 1)).toBe("applied");
    expect(classifyToken(4, 5)).toBe("applied");
    expect(classifyToken(4, 4)).toBe("duplicate");
    expect(classifyToken(4, 2)).toBe("duplicate");
    expect(classifyToken(4, 6)).toBe("gap");
  });
});

describe("threadReducer tokens", () => {
  it("appends tokens in order and keeps the last seq", () => {
    let state = start([message({ id: "r1", status: "pending" })]);
    state = threadReducer(state, token(1, "Hello"));
    state = threadReducer(state, token(2, ", "));
    state = threadReducer(state, token(3, "bakers"));
    expect(reply(state)).toMatchObject({ content: "Hello, bakers", seq: 3, status: "streaming" });
    expect(state.gap).toBeNull();
  });

  it("ignores repeated tokens, as after a resume", () => {
    let state = start([message({ id: "r1", content: "Hello, ", seq: 2 })]);
    const before = state;
    state = threadReducer(state, token(1, "Hello"));
    state = threadReducer(state, token(2, ", "));
    expect(state).toBe(before);
    state = threadReducer(state, token(3, "bakers"));
    state = threadReducer(state, token(3, "bakers"));
    expect(reply(state)).toMatchObject({ content: "Hello, bakers", seq: 3 });
  });

  it("marks a gap instead of applying a token that skips ahead", () => {
    let state = start([message({ id: "r1", content: "Hello", seq: 1 })]);
    state = threadReducer(state, token(3, "bakers"));
    expect(reply(state)).toMatchObject({ content: "Hello", seq: 1 });
    expect(state.gap).toEqual({ message_id: "r1", after_seq: 1 });
    // Re-reading the thread fills the hole and clears the gap.
    state = threadReducer(state, {
      type: "loaded",
      thread: thread([message({ id: "r1", content: "Hello, bakers", seq: 3 })]),
    });
    expect(state.gap).toBeNull();
    state = threadReducer(state, token(4, "!"));
    expect(reply(state).content).toBe("Hello, bakers!");
  });

  it("opens a reply whose first token beats the POST's answer, then places the user message before it", () => {
    let state = start([]);
    state = threadReducer(state, token(1, "Hi", "r9"));
    state = threadReducer(state, {
      type: "sent",
      content: "Brief",
      user_message_id: "u9",
      reply_message_id: "r9",
      at: "2026-01-01T00:00:00Z",
    });
    expect(state.thread?.messages.map((m) => [m.id, m.role, m.content])).toEqual([
      ["u9", "user", "Brief"],
      ["r9", "assistant", "Hi"],
    ]);
  });

  it("does not grow a finished reply, and done replaces the text with the final one", () => {
    let state = start([message({ id: "r1", content: "Hel", seq: 1 })]);
    state = threadReducer(state, { type: "done", message_id: "r1", content: "Hello" });
    expect(reply(state)).toMatchObject({ content: "Hello", status: "complete" });
    const after = threadReducer(state, token(2, "lo"));
    expect(after).toBe(state);
  });

  it("keeps the partial text of a failed reply", () => {
    let state = start([message({ id: "r1", content: "Part", seq: 1 })]);
    state = threadReducer(state, {
      type: "error",
      message_id: "r1",
      code: "provider_error",
      message: "The AI stopped answering.",
    });
    expect(reply(state)).toMatchObject({
      content: "Part",
      status: "failed",
      error: "The AI stopped answering.",
    });
  });
});

describe("withheld replies", () => {
  it("ends a live reply as withheld, with no retry, when moderation withholds it", () => {
    let state = start([message({ id: "r1", content: "", seq: 0 })]);
    state = threadReducer(state, {
      type: "error",
      message_id: "r1",
      code: WITHHELD,
      message: "Inkwell can't help with this.",
    });
    expect(reply(state)).toMatchObject({ status: "withheld", error: "Inkwell can't help with this." });
  });
});

describe("mergeThread", () => {
  it("keeps tokens the page already has when the REST read lags behind", () => {
    const local = thread([message({ id: "r1", content: "Hello, bakers", seq: 3 })]);
    const server = thread([message({ id: "r1", content: "Hello", seq: 1 })]);
    expect(mergeThread(local, server).messages[0]).toMatchObject({ content: "Hello, bakers", seq: 3 });
  });

  it("takes the server's answer once the reply is finished", () => {
    const local = thread([message({ id: "r1", content: "Hello, bakers", seq: 3 })]);
    const server = thread([message({ id: "r1", content: "Hi", seq: 1, status: "complete" })]);
    expect(mergeThread(local, server).messages[0]).toMatchObject({ content: "Hi", status: "complete" });
  });
});
