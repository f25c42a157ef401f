/**
 * Templates API (CONTRACT.md, "Templates"): the marketplace, my templates,
 * versions with optimistic concurrency (`If-Match` → 409 `version_conflict`),
 * the rendered preview and images.
 */
import { ApiError, CSRF_COOKIE, CSRF_HEADER, readCookie, request } from "./client";

export type Align = "left" | "center" | "right";

export interface HeadingBlock {
  id: string;
  type: "heading";
  text: string;
  level: 1 | 2 | 3;
  align?: Align;
}

/** Markdown, no raw HTML; merge tags such as `{{ first_name | default("there") }}`. */
export interface TextBlock {
  id: string;
  type: "text";
  markdown: string;
  align?: Align;
}

export interface ImageBlock {
  id: string;
  type: "image";
  src: string;
  alt?: string;
  href?: string | null;
  /** Share of the content width, in percent. */
  width?: number;
  align?: Align;
  asset_id?: string | null;
}

export interface ButtonBlock {
  id: string;
  type: "button";
  label: string;
  href: string;
  align?: Align;
  color?: string | null;
  text_color?: string | null;
}

export interface DividerBlock {
  id: string;
  type: "divider";
  color?: string | null;
  thickness?: number;
}

export type ColumnBlock = HeadingBlock | TextBlock | ImageBlock | ButtonBlock | DividerBlock;

export interface Column {
  blocks: ColumnBlock[];
}

export interface ColumnsBlock {
  id: string;
  type: "columns";
  columns: Column[];
}

/** Text above what every message carries: the postal address and the unsubscribe link. */
export interface FooterBlock {
  id: string;
  type: "footer";
  text?: string;
  align?: Align;
}

export type Section = ColumnBlock | ColumnsBlock | FooterBlock;
export type SectionType = Section["type"];

export type TemplateStatus = "draft" | "published";
export type Scope = "marketplace" | "mine";

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  category: string;
  is_pro: boolean;
  status: TemplateStatus;
  version: number;
  scope: Scope;
  /** Whether this workspace's plan lets it copy, edit and send the template. */
  available: boolean;
  source_template_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Template extends TemplateSummary {
  sections: Section[];
  theme: Record<string, unknown>;
}

export interface TemplateVersion {
  version: number;
  name: string;
  created_at: string;
  created_by: string | null;
  restored_from: number | null;
  current: boolean;
}

export interface TemplateVersionDetail extends TemplateVersion {
  template_id: string;
  sections: Section[];
  theme: Record<string, unknown>;
}

export interface ImageAsset {
  id: string;
  url: string;
  source: "upload" | "url" | "ai";
  content_type: string;
  size: number;
  original_name: string;
  source_url: string | null;
  prompt: string | null;
  created_at: string;
}

/** What a save sends: the whole editable state. */
export interface TemplateContent {
  name: string;
  sections: Section[];
}

function path(id: string, rest = ""): string {
  return `/api/templates/${encodeURIComponent(id)}${rest}`;
}

function withSignal(signal?: AbortSignal) {
  return signal ? { signal } : {};
}

export async function listTemplates(scope: Scope, signal?: AbortSignal): Promise<TemplateSummary[]> {
  const body = await request<{ items: TemplateSummary[] }>(
    "GET",
    `/api/templates?scope=${scope}`,
    withSignal(signal),
  );
  return body.items;
}

export function getTemplate(id: string, signal?: AbortSignal): Promise<Template> {
  return request<Template>("GET", path(id), withSignal(signal));
}

/** Copies a marketplace (or my own) template into my templates. */
export function copyTemplate(fromTemplateId: string, name: string): Promise<Template> {
  return request<Template>("POST", "/api/templates", {
    body: { from_template_id: fromTemplateId, name },
  });
}

/** Saves on top of `version`; a stale version is rejected with 409 `version_conflict`. */
export function saveTemplate(id: string, version: number, content: TemplateContent): Promise<Template> {
  return request<Template>("PUT", path(id), {
    body: content,
    headers: { "If-Match": String(version) },
  });
}

export function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === "version_conflict";
}

export async function listVersions(id: string, signal?: AbortSignal): Promise<TemplateVersion[]> {
  const body = await request<{ items: TemplateVersion[] }>(
    "GET",
    path(id, "/versions"),
    withSignal(signal),
  );
  return body.items;
}

export function getVersion(
  id: string,
  version: number,
  signal?: AbortSignal,
): Promise<TemplateVersionDetail> {
  return request<TemplateVersionDetail>("GET", path(id, `/versions/${version}`), withSignal(signal));
}

/**
 * Restoring makes a new version with the old content. `current` is the version the
 * editor holds: a restore on top of a version it has not seen is a conflict too.
 */
export function restoreVersion(id: string, version: number, current: number): Promise<Template> {
  return request<Template>("POST", path(id, `/versions/${version}/restore`), {
    headers: { "If-Match": String(current) },
  });
}

export function publishTemplate(id: string): Promise<Template> {
  return request<Template>("POST", path(id, "/publish"));
}

export function unpublishTemplate(id: string): Promise<Template> {
  return request<Template>("POST", path(id, "/unpublish"));
}

export function duplicateTemplate(id: string): Promise<Template> {
  return request<Template>("POST", path(id, "/duplicate"));
}

/** The HTML the server sends for this template (the same renderer as campaigns). */
export async function previewHtml(
  id: string,
  version?: number,
  signal?: AbortSignal,
): Promise<string> {
  const query = version === undefined ? "" : `?version=${version}`;
  let response: Response;
  try {
    response = await globalThis.fetch(`${window.location.origin}${path(id, "/preview")}${query}`, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      ...withSignal(signal),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  return response.text();
}

async function sendForm(url: string, form: FormData): Promise<ImageAsset> {
  const headers = new Headers({ Accept: "application/json" });
  const token = readCookie(CSRF_COOKIE);
  if (token) headers.set(CSRF_HEADER, token);
  let response: Response;
  try {
    response = await globalThis.fetch(`${window.location.origin}${url}`, {
      method: "POST",
      body: form,
      headers,
      credentials: "same-origin",
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  return (await response.json()) as ImageAsset;
}

export function uploadImage(file: File): Promise<ImageAsset> {
  const form = new FormData();
  form.append("file", file, file.name);
  return sendForm("/api/assets", form);
}

export function importImage(url: string): Promise<ImageAsset> {
  return request<ImageAsset>("POST", "/api/assets/import", { body: { url } });
}

export function generateImage(prompt: string): Promise<ImageAsset> {
  return request<ImageAsset>("POST", "/api/assets/generate", { body: { prompt } });
}
