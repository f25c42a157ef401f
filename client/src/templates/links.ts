import { ApiError } from "../api/client";

/** The editor's address, keeping the chat thread the template is being chosen for. */
export function editorPath(templateId: string, threadId: string | null): string {
  const base = `/templates/${encodeURIComponent(templateId)}`;
  return threadId ? `${base}?thread=${encodeURIComponent(threadId)}` : base;
}

/** A refusal that a better plan would lift (pro templates on the free plan). */
export function needsUpgrade(error: unknown): boolean {
  return error instanceof ApiError && error.code === "plan_required";
}
