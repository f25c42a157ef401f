/**
 * Contacts and lists API (CONTRACT.md, "Contacts") through the typed client
 * generated from the server's OpenAPI document (`make api-types`).
 */
import { api, postForm, unwrap } from "./client";
import type { components, operations } from "./schema";

type Schemas = components["schemas"];
type JsonBody<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type ContactStatus = Schemas["ContactStatus"];
export type Contact = Schemas["ContactRead"];
export type ContactList = Schemas["ListRead"];
export type TimelineEvent = Schemas["TimelineEvent"];
export type ContactCreate = JsonBody<NonNullable<operations["post_create_contact"]["requestBody"]>>;
export type ContactUpdate = JsonBody<NonNullable<operations["patch_update_contact"]["requestBody"]>>;
export type ContactPage = JsonBody<operations["get_list_contacts"]["responses"][200]>;

/** The `timezone` filter's value for contacts without one. */
export const NO_ZONE = "none";

export const CONTACT_STATUSES: readonly ContactStatus[] = [
  "subscribed",
  "unsubscribed",
  "bounced",
  "complained",
];

export interface ContactFilters {
  q?: string;
  list_id?: string;
  tag?: string;
  status?: ContactStatus | "";
  /** An IANA zone, or `NO_ZONE` for contacts without one. */
  timezone?: string;
  cursor?: string | null;
  limit?: number;
}

function withSignal(signal?: AbortSignal) {
  return signal ? { signal } : {};
}

type ContactQuery = NonNullable<operations["get_list_contacts"]["parameters"]["query"]>;

/** The query of a contacts search; empty filters are left out. */
export function contactsQuery(filters: ContactFilters): ContactQuery {
  const query: ContactQuery = {};
  const q = filters.q?.trim();
  const tag = filters.tag?.trim();
  if (q) query.q = q;
  if (filters.list_id) query.list_id = filters.list_id;
  if (tag) query.tag = tag;
  if (filters.status) query.status = filters.status;
  if (filters.timezone) query.timezone = filters.timezone;
  if (filters.cursor) query.cursor = filters.cursor;
  if (filters.limit) query.limit = filters.limit;
  return query;
}

export function listContacts(filters: ContactFilters, signal?: AbortSignal): Promise<ContactPage> {
  return unwrap(
    api.GET("/api/contacts", { params: { query: contactsQuery(filters) }, ...withSignal(signal) }),
  );
}

export function createContact(body: ContactCreate): Promise<Contact> {
  return unwrap(api.POST("/api/contacts", { body }));
}

export function getContact(id: string, signal?: AbortSignal): Promise<Contact> {
  return unwrap(
    api.GET("/api/contacts/{contact_id}", {
      params: { path: { contact_id: id } },
      ...withSignal(signal),
    }),
  );
}

export function updateContact(id: string, body: ContactUpdate): Promise<Contact> {
  return unwrap(
    api.PATCH("/api/contacts/{contact_id}", { params: { path: { contact_id: id } }, body }),
  );
}

export async function deleteContact(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/contacts/{contact_id}", { params: { path: { contact_id: id } } }));
}

export async function getTimeline(id: string, signal?: AbortSignal): Promise<TimelineEvent[]> {
  const body = await unwrap(
    api.GET("/api/contacts/{contact_id}/timeline", {
      params: { path: { contact_id: id } },
      ...withSignal(signal),
    }),
  );
  return body.items;
}

export async function listLists(signal?: AbortSignal): Promise<ContactList[]> {
  const body = await unwrap(api.GET("/api/lists", withSignal(signal)));
  return body.items;
}

export function createList(name: string): Promise<ContactList> {
  return unwrap(api.POST("/api/lists", { body: { name } }));
}

export function renameList(id: string, name: string): Promise<ContactList> {
  return unwrap(
    api.PATCH("/api/lists/{list_id}", { params: { path: { list_id: id } }, body: { name } }),
  );
}

export async function deleteList(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/lists/{list_id}", { params: { path: { list_id: id } } }));
}

/** "vip, beta ,, new" → ["vip", "beta", "new"], without duplicates. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];
}

export function fullName(contact: Pick<Contact, "first_name" | "last_name">): string {
  return [contact.first_name, contact.last_name].filter(Boolean).join(" ");
}

export type ImportStatus = Schemas["ImportStatus"];
export type DuplicatePolicy = Schemas["DuplicatePolicy"];
export type ImportJob = JsonBody<operations["get_get_import"]["responses"][200]>;
export type ImportStarted = JsonBody<operations["post_start_import"]["responses"][202]>;
export type BulkRequest = JsonBody<NonNullable<operations["post_bulk"]["requestBody"]>>;
export type BulkAction = BulkRequest["action"];
export type BulkResult = JsonBody<operations["post_bulk"]["responses"][200]>;
/** A bulk action by filter too large for one request: it runs as a job (202). */
export type BulkJob = JsonBody<operations["get_get_bulk_job"]["responses"][200]>;

export interface ImportOptions {
  file: Blob;
  fileName: string;
  duplicatePolicy: DuplicatePolicy;
  listId: string;
  /** JSON object of column → field. */
  mapping: string;
}

/** POST /api/contacts/imports as multipart; answers 202 with the job. */
export function startImport(options: ImportOptions): Promise<ImportStarted> {
  const form = new FormData();
  form.append("file", options.file, options.fileName);
  form.append("duplicate_policy", options.duplicatePolicy);
  if (options.listId) form.append("list_id", options.listId);
  form.append("mapping", options.mapping);
  return postForm<ImportStarted>("/api/contacts/imports", form);
}

export function getImport(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return unwrap(
    api.GET("/api/contacts/imports/{import_id}", {
      params: { path: { import_id: id } },
      ...withSignal(signal),
    }),
  );
}

export function importReportUrl(id: string): string {
  return `/api/contacts/imports/${encodeURIComponent(id)}/report.csv`;
}

/** Done at once (`BulkResult`), or started as a job to follow (`BulkJob`). */
export function bulkContacts(body: BulkRequest): Promise<BulkResult | BulkJob> {
  return unwrap(api.POST("/api/contacts/bulk", { body }));
}

export function isBulkJob(outcome: BulkResult | BulkJob): outcome is BulkJob {
  return "status" in outcome;
}

export function getBulkJob(id: string, signal?: AbortSignal): Promise<BulkJob> {
  return unwrap(
    api.GET("/api/contacts/bulk/{job_id}", {
      params: { path: { job_id: id } },
      ...withSignal(signal),
    }),
  );
}

/** The bulk `filter`: the search on screen, empty parts left out. */
export function bulkFilter(filters: ContactFilters): NonNullable<BulkRequest["filter"]> {
  const { q, list_id, tag, status, timezone } = contactsQuery(filters);
  return {
    q: q ?? null,
    list_id: list_id ?? null,
    tag: tag ?? null,
    status: status ?? null,
    timezone: timezone ?? null,
  };
}

/** GET /api/contacts/export.csv with the current filters. */
export function exportUrl(filters: ContactFilters): string {
  const { q, list_id, tag, status, timezone } = contactsQuery(filters);
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (list_id) params.set("list_id", list_id);
  if (tag) params.set("tag", tag);
  if (status) params.set("status", status);
  if (timezone) params.set("timezone", timezone);
  const search = params.toString();
  return `/api/contacts/export.csv${search ? `?${search}` : ""}`;
}
