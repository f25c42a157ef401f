import { ApiError } from "../api/client";
import { errorMessage } from "../forms/errors";

/**
 * A failed save in words that point at the section: the server's per-field messages
 * (`sections.1.heading.text`) become "Section 2, text: …".
 */
export function describeSaveError(error: unknown): string {
  const base = errorMessage(error);
  if (!(error instanceof ApiError)) return base;
  const fields = error.details.fields;
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return base;
  const parts: string[] = [];
  for (const [path, value] of Object.entries(fields as Record<string, unknown>)) {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (m): m is string => typeof m === "string",
    );
    if (messages.length === 0) continue;
    const keys = path.split(".").filter((k) => k !== "body");
    const where: string[] = [];
    if (keys[0] === "sections" && keys[1] !== undefined && /^\d+$/.test(keys[1])) {
      where.push(`Section ${Number(keys[1]) + 1}`);
    } else if (keys[0]) {
      where.push(keys[0].replace(/_/g, " "));
    }
    const field = keys.length > 3 ? keys[keys.length - 1] : undefined;
    if (field && !/^\d+$/.test(field)) where.push(field.replace(/_/g, " "));
    parts.push(`${where.join(", ")}: ${messages.join(" ")}`);
  }
  return parts.length > 0 ? `${base} ${parts.join("; ")}.` : base;
}
