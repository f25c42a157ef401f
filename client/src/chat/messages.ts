import { ApiError } from "../api/client";
import { errorMessage } from "../forms/errors";

/** Chat's own refusals carry a message meant for the user; the rest use the general wording. */
const SPEAKING_CODES = new Set([
  "ai_budget_exceeded",
  "message_withheld",
  "reply_in_progress",
  "illegal_transition",
  "version_conflict",
]);

export function chatErrorMessage(error: unknown): string {
  if (error instanceof ApiError && SPEAKING_CODES.has(error.code)) {
    if (error.code === "reply_in_progress") {
      return error.message || "Inkwell is still replying to your last message.";
    }
    return error.message;
  }
  return errorMessage(error);
}

/** "template_chosen" → "Template chosen". */
export function stateLabel(state: string): string {
  const words = state.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : state;
}

export const STEPS = ["Briefing", "Drafting", "Reviewing", "Template", "Audience", "Confirm"] as const;

/** Where a workflow state sits among the six steps; -1 when it is not one we know. */
export function stepIndex(state: string): number {
  const s = state.toLowerCase();
  if (s.startsWith("brief")) return 0;
  if (s.startsWith("draft")) return 1;
  if (s.startsWith("review")) return 2;
  if (s.startsWith("template")) return 3;
  if (s.startsWith("audience")) return 4;
  if (s.startsWith("confirm")) return 5;
  // Handed off to a campaign: every step is behind it.
  if (/^(handed|schedul|sen[dt]|done|complete)/.test(s)) return STEPS.length;
  return -1;
}

/** A thread title from the first message: its first line, cut at a word near 80 characters. */
export function titleFrom(content: string): string {
  const line = content.trim().split("\n")[0]?.trim() ?? "";
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
