/**
 * Replies that carry a draft are JSON (`{subject, preheader, sections}`), and
 * they stream in as JSON. People should not read JSON, so the conversation
 * shows the draft's fields as they arrive, reading even the unfinished string
 * at the end of a partial reply. Anything that is not JSON shows as written.
 */

export interface ReadableSection {
  heading: string;
  body: string;
}

export type ReadableReply =
  | { kind: "text"; text: string }
  | { kind: "draft"; subject: string; preheader: string; sections: ReadableSection[] };

const FIELD = /"(subject|preheader|heading|body)"\s*:\s*"((?:[^"\\]|\\.)*)(\\?)/g;

function decode(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    // An escape cut in half by the stream (`\u00`): show what can be read.
    return raw.replace(/\\u[0-9a-fA-F]{0,3}$/, "").replace(/\\n/g, "\n").replace(/\\(.)/g, "$1");
  }
}

export function readableReply(content: string): ReadableReply {
  const trimmed = content.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("```")) return { kind: "text", text: content };
  let subject = "";
  let preheader = "";
  const sections: ReadableSection[] = [];
  let matched = false;
  for (const match of trimmed.matchAll(FIELD)) {
    matched = true;
    const key = match[1];
    const value = decode(match[2] ?? "");
    if (key === "subject") subject = value;
    else if (key === "preheader") preheader = value;
    else if (key === "heading") sections.push({ heading: value, body: "" });
    else if (key === "body") {
      const last = sections.at(-1);
      if (last && last.body === "") last.body = value;
      else sections.push({ heading: "", body: value });
    }
  }
  // The opening brace alone, or JSON of another shape: nothing readable yet.
  if (!matched && trimmed.length >= 40) return { kind: "text", text: content };
  return { kind: "draft", subject, preheader, sections };
}
