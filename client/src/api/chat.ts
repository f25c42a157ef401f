/**
 * Chat API (CONTRACT.md, "Chat") through the typed client generated from the
 * server's OpenAPI document (`make api-types`), so a change on the server
 * fails the type check here.
 */
import { api, unwrap } from "./client";
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type MessageRole = Schemas["MessageRole"];
export type MessageStatus = Schemas["MessageStatus"];
export type ChatMessage = Schemas["MessageRead"];
export type DraftSection = Schemas["DraftSectionRead"];
export type Draft = Schemas["DraftRead"];
export type ThreadSummary = Schemas["ThreadSummary"];
/** `ai_notice` is set when no AI model is configured and the offline drafter answers. */
export type Thread = JsonOf<paths["/api/chat/threads/{thread_id}"]["get"]["responses"][200]>;
export type SendResult = JsonOf<
  paths["/api/chat/threads/{thread_id}/messages"]["post"]["responses"][202]
>;

function withSignal(signal?: AbortSignal) {
  return signal ? { signal } : {};
}

export async function listThreads(signal?: AbortSignal): Promise<ThreadSummary[]> {
  const body = await unwrap(api.GET("/api/chat/threads", withSignal(signal)));
  return body.items;
}

export function createThread(title?: string): Promise<Thread> {
  return unwrap(api.POST("/api/chat/threads", { body: title ? { title } : {} }));
}

export function getThread(threadId: string, signal?: AbortSignal): Promise<Thread> {
  return unwrap(
    api.GET("/api/chat/threads/{thread_id}", {
      params: { path: { thread_id: threadId } },
      ...withSignal(signal),
    }),
  );
}

export function renameThread(threadId: string, title: string): Promise<ThreadSummary> {
  return unwrap(
    api.PATCH("/api/chat/threads/{thread_id}", {
      params: { path: { thread_id: threadId } },
      body: { title },
    }),
  );
}

/** Deletes a conversation (409 `reply_in_progress` while a reply is being written). */
export async function deleteThread(threadId: string): Promise<void> {
  await unwrap(
    api.DELETE("/api/chat/threads/{thread_id}", { params: { path: { thread_id: threadId } } }),
  );
}

export function sendMessage(threadId: string, content: string): Promise<SendResult> {
  return unwrap(
    api.POST("/api/chat/threads/{thread_id}/messages", {
      params: { path: { thread_id: threadId } },
      body: { content },
    }),
  );
}

export function retryMessage(threadId: string, messageId: string): Promise<SendResult> {
  return unwrap(
    api.POST("/api/chat/threads/{thread_id}/messages/{message_id}/retry", {
      params: { path: { thread_id: threadId, message_id: messageId } },
    }),
  );
}

export function transitionThread(threadId: string, target: string, version: number): Promise<Thread> {
  return unwrap(
    api.POST("/api/chat/threads/{thread_id}/transition", {
      params: { path: { thread_id: threadId } },
      body: { target, version },
    }),
  );
}

/** The SSE stream of one reply, continuing after token `after` (read with EventSource). */
export function replyStreamUrl(threadId: string, messageId: string, after: number): string {
  const thread = encodeURIComponent(threadId);
  const message = encodeURIComponent(messageId);
  return `/api/chat/threads/${thread}/messages/${message}/stream?after=${after}`;
}
