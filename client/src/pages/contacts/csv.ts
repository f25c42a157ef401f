/**
 * Just enough CSV for a preview of an upload: the server does the real parsing
 * (encoding detection, delimiter sniffing, header recognition).
 */

export type ImportField =
  | "email"
  | "first_name"
  | "last_name"
  | "full_name"
  | "timezone"
  | "attribute"
  | "ignore";

export const IMPORT_FIELDS: readonly { value: ImportField; label: string }[] = [
  { value: "email", label: "Email" },
  { value: "first_name", label: "First name" },
  { value: "last_name", label: "Last name" },
  { value: "full_name", label: "Full name" },
  { value: "timezone", label: "Time zone" },
  { value: "attribute", label: "Attribute (keep)" },
  { value: "ignore", label: "Ignore" },
];

/** The bytes read for the preview. */
export const PREVIEW_BYTES = 64 * 1024;

const ALIASES: Record<string, ImportField> = {};
for (const name of ["email", "e-mail", "e-mail address", "email address", "mail"]) ALIASES[name] = "email";
for (const name of ["first name", "firstname", "given name", "first"]) ALIASES[name] = "first_name";
for (const name of ["last name", "lastname", "surname", "family name", "last"]) ALIASES[name] = "last_name";
for (const name of ["name", "full name"]) ALIASES[name] = "full_name";
// "time_zone" is keyed as "time zone" (see headerKey).
for (const name of ["timezone", "time zone", "tz", "time-zone"]) ALIASES[name] = "timezone";

/** Normalised the way the server compares headers: trimmed, lower-case, `_` as a space. */
export function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean).join(" ");
}

/** The field a header maps to by default; each field is taken once. */
export function guessMapping(headers: string[]): ImportField[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = ALIASES[headerKey(header)];
    if (!header.trim()) return "ignore";
    if (!field || taken.has(field)) return "attribute";
    taken.add(field);
    return field;
  });
}

/** The most frequent of `,`, `;`, tab and `|` on the first line, outside quotes. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t", "|"]) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count += 1;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

interface Scan {
  rows: string[][];
  /** The line the record holding a quote never closed starts on, when the text ends in it. */
  openQuoteLine: number | null;
}

/**
 * Records the way the server's csv module reads them: a quote opens a quoted cell only at the
 * start of a cell (`5" screen` keeps its quote), `""` inside one is a quote, text after a
 * closing quote joins the cell, and CR, LF or CRLF ends a record outside quotes. Blank records
 * are dropped. Stops after `limit` records.
 */
function scanCsv(text: string, delimiter: string, limit: number): Scan {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let state: "start" | "field" | "quoted" | "quote_in_quoted" = "start";
  let line = 1;
  let recordLine = 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  function endRow() {
    row.push(cell);
    cell = "";
    if (row.some((c) => c.trim() !== "")) rows.push(row);
    row = [];
  }
  let i = 0;
  while (i < source.length && rows.length < limit) {
    const ch = source[i]!;
    const newline = ch === "\n" || ch === "\r";
    if (newline) {
      if (ch === "\r" && source[i + 1] === "\n") i += 1;
      line += 1;
    }
    if (state === "quoted") {
      if (ch === '"') state = "quote_in_quoted";
      else cell += newline ? "\n" : ch;
    } else if (state === "quote_in_quoted" && ch === '"') {
      cell += '"';
      state = "quoted";
    } else if (state === "start" && ch === '"') {
      state = "quoted";
    } else if (ch === delimiter) {
      row.push(cell);
      cell = "";
      state = "start";
    } else if (newline) {
      endRow();
      state = "start";
      recordLine = line;
    } else {
      cell += ch;
      state = "field";
    }
    i += 1;
  }
  const openQuoteLine = state === "quoted" && i >= source.length ? recordLine : null;
  if (rows.length < limit && (cell !== "" || row.length > 0 || state === "quoted")) endRow();
  return { rows, openQuoteLine };
}

/** Parses records (see `scanCsv`); stops after `limit` records. */
export function parseCsv(text: string, delimiter = sniffDelimiter(text), limit = Infinity): string[][] {
  return scanCsv(text, delimiter, limit).rows;
}

/**
 * The line on which a quote that is never closed opens its record, in a whole file's text: the
 * server would refuse the file ("Line 3: a quote opened here is never closed"), so the dialog
 * says so before the upload. Null when every quote closes.
 */
export function unclosedQuoteLine(text: string, delimiter = sniffDelimiter(text)): number | null {
  return scanCsv(text, delimiter, Infinity).openQuoteLine;
}

export interface CsvPreview {
  delimiter: string;
  headers: string[];
  rows: string[][];
}

/** The header and up to `count` data rows of the start of a file. */
export function previewCsv(text: string, count = 5): CsvPreview {
  const delimiter = sniffDelimiter(text);
  const [header = [], ...rows] = parseCsv(text, delimiter, count + 1);
  return { delimiter, headers: header.map((h) => h.trim()), rows };
}

/**
 * The `mapping` form field: column → email | first_name | last_name | full_name | timezone |
 * ignore | <column>.
 */
export function mappingJson(headers: string[], fields: ImportField[]): string {
  const mapping: Record<string, string> = {};
  headers.forEach((header, index) => {
    if (!header) return;
    const field = fields[index] ?? "attribute";
    mapping[header] = field === "attribute" ? header : field;
  });
  return JSON.stringify(mapping);
}
