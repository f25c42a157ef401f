import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatMessage, Thread, ThreadSummary } from "../api/chat";
import type { ChatHandlers, StreamHandlers } from "../chat/transport";
import type { ConnectionState } from "../realtime/socket";
import { apiError, json, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { locationOf, renderAt } from "../test/render";

const realtime = vi.hoisted(() => ({
  state: "offline" as ConnectionState,
  socketHandlers: null as ChatHandlers | null,
  streams: [] as { messageId: string; after: number; handlers: StreamHandlers; closed: boolean }[],
  resumed: [] as { messageId: string; afterSeq: number }[],
}));

vi.mock(import("../realtime/socket"), async (importOriginal) => {
  const actual = await importOriginal();
  return {
    ...actual,
    restart: vi.fn(),
    connect: vi.fn(),
    disconnect: vi.fn(),
    useConnectionState: () => realtime.state,
  };
});

vi.mock(import("../chat/transport"), () => ({
  subscribeThread: (_threadId: string, handlers: ChatHandlers) => {
    realtime.socketHandlers = handlers;
    return () => {
      realtime.socketHandlers = null;
    };
  },
  joinThread: () => Promise.resolve(true),
  resumeReply: (_threadId: string, messageId: string, afterSeq: number) => {
    realtime.resumed.push({ messageId, afterSeq });
    return Promise.resolve(true);
  },
  canStreamOverSse: () => true,
  streamReply: (_threadId: string, messageId: string, after: number, handlers: StreamHandlers) => {
    const stream = { messageId, after, handlers, closed: false };
    realtime.streams.push(stream);
    return () => {
      stream.closed = true;
    };
  },
}));

const NOTICE = "No AI model is configured: drafts come from Inkwell's built-in offline drafter.";

function msg(overrides: Partial<ChatMessage>): ChatMessage {
  return {
    id: "m",
    role: "assistant",
    content: "",
    content_unavailable: false,
    status: "complete",
    error: null,
    error_code: null,
    seq: 0,
    provider: "offline",
    model: "offline-drafter",
    created_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

const BRIEF = msg({ id: "u1", role: "user", content: "Monthly update for our bakery" });

function thread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: "t1",
    title: "Bakery update",
    state: "drafting",
    updated_at: "2026-01-01T00:00:00Z",
    has_draft: false,
    state_version: 2,
    draft: null,
    messages: [BRIEF],
    allowed_transitions: [],
    ai_notice: null,
    ...overrides,
  };
}

const SUMMARY: ThreadSummary = {
  id: "t1",
  title: "Bakery update",
  state: "drafting",
  updated_at: new Date().toISOString(),
  has_draft: false,
};

function chatApi(current: () => Thread, extra: Routes = {}) {
  return stubApi({
    ...SIGNED_IN,
    "GET /api/chat/threads": () => json({ items: [SUMMARY] }),
    "GET /api/chat/threads/t1": () => json(current()),
    ...extra,
  });
}

function conversation(): HTMLElement {
  return screen.getByRole("log", { name: "Conversation history" });
}

beforeEach(() => {
  realtime.state = "offline";
  realtime.socketHandlers = null;
  realtime.streams = [];
  realtime.resumed = [];
});

describe("ChatPage", () => {
  it("shows the three columns and the thread list, with the open thread marked", async () => {
    chatApi(() => thread());
    renderAt("/chat/t1");
    await screen.findByRole("heading", { level: 1, name: "Chat" });
    expect(screen.getByRole("heading", { level: 2, name: "Conversations" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Draft preview" })).toBeTruthy();
    const link = await screen.findByRole("link", { name: /Bakery update/ });
    expect(link.getAttribute("aria-current")).toBe("page");
    expect(within(link).getByText("Drafting")).toBeTruthy();
    expect(await screen.findByText("Monthly update for our bakery")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Use this draft" })).toHaveProperty("disabled", true);
  });

  it("shows in the list the state the thread read brings, unless the list is newer", async () => {
    // The list was read while the reply was being written; the reply finished before the
    // conversation joined its room, so no event will say so: the thread read does.
    const listedAt = new Date(Date.now() - 60_000).toISOString();
    chatApi(() => thread({ state: "reviewing", updated_at: new Date().toISOString() }), {
      "GET /api/chat/threads": () => json({ items: [{ ...SUMMARY, updated_at: listedAt }] }),
    });
    renderAt("/chat/t1");
    const link = await screen.findByRole("link", { name: /Bakery update/ });
    await waitFor(() => expect(within(link).getByText("Reviewing")).toBeTruthy());
    expect(within(link).queryByText("Drafting")).toBeNull();
  });

  it("renames a conversation, and deletes it after asking", async () => {
    let title = "Bakery update";
    let deletes = 0;
    const api = chatApi(() => thread({ title }), {
      "GET /api/chat/threads": () => json({ items: deletes ? [] : [{ ...SUMMARY, title }] }),
      "PATCH /api/chat/threads/t1": async (request) => {
        title = ((await request.json()) as { title: string }).title;
        return json({ ...SUMMARY, title });
      },
      "DELETE /api/chat/threads/t1": () => {
        deletes += 1;
        return deletes === 1
          ? apiError(409, "reply_in_progress", "Wait for the current reply to finish, then delete.")
          : new Response(null, { status: 204 });
      },
    });
    const { router } = renderAt("/chat/t1");
    fireEvent.click(await screen.findByRole("button", { name: "Rename" }));
    const field = screen.getByLabelText("Conversation title");
    expect((field as HTMLInputElement).value).toBe("Bakery update");
    fireEvent.change(field, { target: { value: "Spring issue" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByRole("heading", { level: 2, name: "Spring issue" });
    await screen.findByRole("link", { name: /Spring issue/ });
    expect(api.to("PATCH /api/chat/threads/t1").map((r) => r.body)).toEqual([{ title: "Spring issue" }]);

    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Keep" }));
    expect(api.to("DELETE /api/chat/threads/t1")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete conversation" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Wait for the current reply");
    expect(locationOf(router)).toBe("/chat/t1");
    fireEvent.click(screen.getByRole("button", { name: "Delete conversation" }));
    await waitFor(() => expect(locationOf(router)).toBe("/chat"));
    await waitFor(() => expect(screen.queryByRole("link", { name: /Spring issue/ })).toBeNull());
  });

  it("shows the partial text of a streaming reply and continues it over SSE from its seq", async () => {
    chatApi(() =>
      thread({ messages: [BRIEF, msg({ id: "r1", content: "Here is", seq: 2, status: "streaming" })] }),
    );
    renderAt("/chat/t1");
    await waitFor(() => expect(within(conversation()).getByText(/Here is/)).toBeTruthy());
    const composer = screen.getByLabelText("Message");
    expect(composer).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);

    await waitFor(() => expect(realtime.streams).toHaveLength(1));
    const stream = realtime.streams[0]!;
    expect(stream).toMatchObject({ messageId: "r1", after: 2 });
    act(() => {
      stream.handlers.token(3, " your");
      stream.handlers.token(3, " your"); // a repeat is dropped
      stream.handlers.token(4, " draft");
    });
    const reply = within(conversation()).getByText(/Here is your draft/);
    expect(reply.textContent).toBe("Here is your draft");
    expect(reply.closest("article")?.getAttribute("aria-busy")).toBe("true");
  });

  it("streams over the socket when live and resumes a reply in flight from its seq", async () => {
    realtime.state = "live";
    chatApi(() =>
      thread({ messages: [BRIEF, msg({ id: "r1", content: "Here", seq: 1, status: "streaming" })] }),
    );
    renderAt("/chat/t1");
    await waitFor(() => expect(realtime.resumed).toEqual([{ messageId: "r1", afterSeq: 1 }]));
    expect(realtime.streams).toHaveLength(0);
    act(() => {
      realtime.socketHandlers?.token({ thread_id: "t1", message_id: "r1", seq: 2, delta: " it is" });
      realtime.socketHandlers?.token({ thread_id: "t1", message_id: "r1", seq: 1, delta: "Here" });
    });
    expect(within(conversation()).getByText("Here it is")).toBeTruthy();
  });

  it("fills a hole in a live reply by asking the server to replay it, once per hole", async () => {
    realtime.state = "live";
    const api = chatApi(() =>
      thread({ messages: [BRIEF, msg({ id: "r1", content: "Here", seq: 1, status: "streaming" })] }),
    );
    renderAt("/chat/t1");
    await waitFor(() => expect(realtime.resumed).toEqual([{ messageId: "r1", afterSeq: 1 }]));
    const reads = api.to("GET /api/chat/threads/t1").length;
    act(() => {
      // Tokens 3 and 4 beat token 2: one hole after seq 1.
      realtime.socketHandlers?.token({ thread_id: "t1", message_id: "r1", seq: 3, delta: " is" });
      realtime.socketHandlers?.token({ thread_id: "t1", message_id: "r1", seq: 4, delta: " it" });
    });
    await waitFor(() => expect(realtime.resumed).toHaveLength(2));
    expect(realtime.resumed[1]).toEqual({ messageId: "r1", afterSeq: 1 });
    act(() => {
      for (const [seq, delta] of [[2, " it"], [3, " is"], [4, " here"]] as const) {
        realtime.socketHandlers?.token({ thread_id: "t1", message_id: "r1", seq, delta });
      }
    });
    expect(within(conversation()).getByText("Here it is here")).toBeTruthy();
    expect(api.to("GET /api/chat/threads/t1")).toHaveLength(reads);
    expect(realtime.resumed).toHaveLength(2);
  });

  it("shows a failed reply with its partial text, the error and Retry", async () => {
    let current = thread({
      messages: [
        BRIEF,
        msg({ id: "r1", content: "Half a dra", seq: 3, status: "failed", error: "The AI stopped answering." }),
      ],
    });
    const api = chatApi(() => current, {
      "POST /api/chat/threads/t1/messages/r1/retry": () => {
        current = thread({ messages: [BRIEF, msg({ id: "r2", status: "pending" })] });
        return json({ user_message_id: "u1", reply_message_id: "r2" }, 202);
      },
    });
    renderAt("/chat/t1");
    expect(await screen.findByText("Half a dra")).toBeTruthy();
    expect(screen.getByText("The AI stopped answering.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(api.to("POST /api/chat/threads/t1/messages/r1/retry")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText("Half a dra")).toBeNull());
    expect(screen.getByText("Writing…")).toBeTruthy();
  });

  it("shows the reason a message was withheld", async () => {
    chatApi(() =>
      thread({
        messages: [
          msg({ id: "u1", role: "user", content: "Buy pills", status: "withheld", error: "This looks like spam." }),
        ],
      }),
    );
    renderAt("/chat/t1");
    expect(await screen.findByText(/This looks like spam\./)).toBeTruthy();
  });

  it("shows the AI notice above the composer", async () => {
    chatApi(() => thread({ ai_notice: NOTICE }));
    renderAt("/chat/t1");
    const notice = await screen.findByText(NOTICE);
    const composer = screen.getByLabelText("Message");
    expect(notice.compareDocumentPosition(composer) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("shows a draft and sends a reviewing thread on to the templates page", async () => {
    chatApi(() =>
      thread({
        state: "reviewing",
        draft: {
          subject: "Fresh from the oven",
          preheader: "Sourdough, a workshop and holiday hours",
          sections: [{ heading: "New sourdough", body: "x", html: "<p>Our <strong>rye</strong> loaf.</p>" }],
        },
      }),
    );
    const { router } = renderAt("/chat/t1");
    expect(await screen.findByText("Fresh from the oven")).toBeTruthy();
    expect(screen.getByText("Sourdough, a workshop and holiday hours")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "New sourdough" })).toBeTruthy();
    expect(screen.getByText("rye").tagName).toBe("STRONG");
    const steps = screen.getByRole("list", { name: "Workflow" });
    expect(within(steps).getByText("Reviewing").closest("li")?.getAttribute("aria-current")).toBe("step");
    const use = screen.getByRole("button", { name: "Use this draft" });
    expect(use).toHaveProperty("disabled", false);
    fireEvent.click(use);
    await waitFor(() => expect(locationOf(router)).toBe("/templates?thread=t1"));
  });

  it("after the template step, leads on to the audience; once handed off, to Activity", async () => {
    const draft = { subject: "Fresh from the oven", preheader: "", sections: [{ heading: "A", body: "x", html: "" }] };
    let state = "template_chosen";
    chatApi(() => thread({ state, draft }));
    const { router, unmount } = renderAt("/chat/t1");
    const next = await screen.findByRole("button", { name: "Choose the audience" });
    expect(screen.queryByRole("button", { name: "Use this draft" })).toBeNull();
    fireEvent.click(next);
    await waitFor(() => expect(locationOf(router)).toBe("/campaigns?new=1&thread=t1"));
    unmount();

    state = "handed_off";
    renderAt("/chat/t1");
    expect((await screen.findByText(/Handed to a campaign/)).querySelector("a")?.getAttribute("href")).toBe(
      "/activity",
    );
    expect(screen.queryByRole("button", { name: "Choose the audience" })).toBeNull();
  });

  it("sends with Enter through POST, then streams the reply", async () => {
    let current = thread();
    const api = chatApi(() => current, {
      "POST /api/chat/threads/t1/messages": () => {
        current = thread({
          messages: [
            BRIEF,
            msg({ id: "u2", role: "user", content: "Make it shorter" }),
            msg({ id: "r2", status: "pending" }),
          ],
        });
        return json({ user_message_id: "u2", reply_message_id: "r2" }, 202);
      },
    });
    renderAt("/chat/t1");
    const composer = await screen.findByLabelText("Message");
    await waitFor(() => expect(composer).toHaveProperty("disabled", false));
    fireEvent.change(composer, { target: { value: "Make it shorter" } });
    // Shift+Enter is a new line, not a send.
    fireEvent.keyDown(composer, { key: "Enter", shiftKey: true });
    expect(api.to("POST /api/chat/threads/t1/messages")).toHaveLength(0);
    fireEvent.keyDown(composer, { key: "Enter" });
    await waitFor(() => expect(api.to("POST /api/chat/threads/t1/messages")).toHaveLength(1));
    expect(api.to("POST /api/chat/threads/t1/messages")[0]?.body).toEqual({ content: "Make it shorter" });
    expect(await screen.findByText("Make it shorter")).toBeTruthy();
    await waitFor(() => expect(realtime.streams.some((s) => s.messageId === "r2" && s.after === 0)).toBe(true));
    const stream = realtime.streams.find((s) => s.messageId === "r2")!;
    act(() => stream.handlers.token(1, "Shorter."));
    expect(within(conversation()).getByText("Shorter.")).toBeTruthy();
    current = thread({
      messages: [
        BRIEF,
        msg({ id: "u2", role: "user", content: "Make it shorter" }),
        msg({ id: "r2", content: "Shorter.", seq: 1 }),
      ],
    });
    act(() => stream.handlers.done("Shorter."));
    await waitFor(() => expect(screen.getByLabelText("Message")).toHaveProperty("disabled", false));
    expect((screen.getByLabelText("Message") as HTMLTextAreaElement).value).toBe("");
  });

  it("keeps the text and says why when the server refuses a message", async () => {
    chatApi(() => thread(), {
      "POST /api/chat/threads/t1/messages": () =>
        apiError(429, "ai_budget_exceeded", "This month's AI budget is used up."),
    });
    renderAt("/chat/t1");
    const composer = await screen.findByLabelText("Message");
    await waitFor(() => expect(composer).toHaveProperty("disabled", false));
    fireEvent.change(composer, { target: { value: "One more draft" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This month's AI budget is used up.");
    expect((composer as HTMLTextAreaElement).value).toBe("One more draft");
  });

  it("starts a conversation on the first send when there is none", async () => {
    let current = thread({ messages: [] });
    const api = stubApi({
      ...SIGNED_IN,
      "GET /api/chat/threads": () => json({ items: [] }),
      "POST /api/chat/threads": () => json(current, 201),
      "POST /api/chat/threads/t1/messages": () => {
        current = thread({ messages: [BRIEF, msg({ id: "r1", status: "pending" })] });
        return json({ user_message_id: "u1", reply_message_id: "r1" }, 202);
      },
      "GET /api/chat/threads/t1": () => json(current),
    });
    const { router } = renderAt("/chat");
    expect(await screen.findByText("Describe your newsletter and the assistant drafts it.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Message"), {
      target: { value: "Monthly update for our bakery" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(locationOf(router)).toBe("/chat/t1"));
    expect(api.to("POST /api/chat/threads")[0]?.body).toEqual({ title: "Monthly update for our bakery" });
    expect(api.to("POST /api/chat/threads/t1/messages")[0]?.body).toEqual({
      content: "Monthly update for our bakery",
    });
    expect(await screen.findByText("Writing…")).toBeTruthy();
  });

  it("shows a Reconnecting banner while the socket reconnects", async () => {
    realtime.state = "reconnecting";
    chatApi(() => thread());
    renderAt("/chat/t1");
    await screen.findByRole("heading", { level: 1, name: "Chat" });
    const banners = screen.getAllByRole("status").filter((el) => el.textContent === "Reconnecting…");
    expect(banners.length).toBeGreaterThan(0);
  });
});
