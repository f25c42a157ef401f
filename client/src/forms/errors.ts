import { ApiError } from "../api/client";

/** What a failed submit shows: messages under fields, and one general alert. */
export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function hasErrors(errors: FormErrors): boolean {
  return errors.general !== null || Object.keys(errors.fields).length > 0;
}

/** "45 seconds", "1 minute", "3 minutes", "2 hours". */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? "1 second" : `${s} seconds`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

function retryAfterOf(error: ApiError): number | undefined {
  if (error.retryAfter !== undefined) return error.retryAfter;
  const fromBody = error.details.retry_after;
  return typeof fromBody === "number" && Number.isFinite(fromBody) ? fromBody : undefined;
}

export function rateLimitMessage(error: ApiError): string {
  const seconds = retryAfterOf(error);
  return seconds === undefined
    ? "Too many attempts. Please wait a little and try again."
    : `Too many attempts. Try again in ${formatWait(seconds)}.`;
}

/** A sentence for any failure, for places that have no fields to point at. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  if (error.status === 429 || error.code === "rate_limited") return rateLimitMessage(error);
  if (error.code === "network_error") {
    return "Could not reach the server. Check your connection and try again.";
  }
  if (error.code === "csrf_failed") {
    return "Your session changed in another tab. Reload the page and try again.";
  }
  if (error.code === "unexpected_response" || error.status >= 500) {
    return error.status >= 500
      ? "Something went wrong on our side. Please try again in a moment."
      : "The server sent an answer we did not understand. Please try again.";
  }
  return error.message;
}

function messagesOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((m): m is string => typeof m === "string");
  return [];
}

export interface DescribeOptions {
  /** Field names the form shows, so their messages go under them. */
  fields: readonly string[];
  /** Server field names that this form shows under another name. */
  aliases?: Record<string, string>;
  /** Error codes whose message belongs under one field (`invalid_code` → `code`). */
  codeFields?: Record<string, string>;
}

/**
 * Turns a failed call into form errors: `details.fields` (`{field: [messages]}`)
 * go under the matching fields, anything else becomes the general alert.
 */
export function describeError(error: unknown, options: DescribeOptions): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, general: errorMessage(error) };
  if (error.status === 429 || error.code === "rate_limited") {
    return { fields: {}, general: rateLimitMessage(error) };
  }

  const fields: Record<string, string> = {};
  const leftovers: string[] = [];
  const raw = error.details.fields;
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const messages = messagesOf(value);
      if (messages.length === 0) continue;
      // Pydantic paths look like "body.password" or "password"; the last part names the field.
      const last = key.split(".").pop() ?? key;
      const name = options.aliases?.[last] ?? last;
      if (options.fields.includes(name)) {
        fields[name] = [fields[name], ...messages].filter(Boolean).join(" ");
      } else {
        leftovers.push(...messages);
      }
    }
  }

  const codeField = options.codeFields?.[error.code];
  if (codeField && options.fields.includes(codeField) && !fields[codeField]) {
    fields[codeField] = error.message;
  }

  if (Object.keys(fields).length > 0) {
    return { fields, general: leftovers.length > 0 ? leftovers.join(" ") : null };
  }
  const general = errorMessage(error);
  return {
    fields,
    general: leftovers.length > 0 && general !== leftovers.join(" ") ? `${general} ${leftovers.join(" ")}` : general,
  };
}
