/**
 * Templates API (CONTRACT.md, "Templates"): the marketplace, my templates,
 * versions with optimistic concurrency (`If-Match` → 409 `version_conflict`),
 * the rendered preview and images.
 */
import { api, ApiError, fetchHtml, postForm, unwrap, withIdempotencyKey } from "./client";
import type { components, operations } from "./schema";

type Schemas = components["schemas"];
type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type Align = Schemas["HeadingBlock"]["align"];
export type HeadingBlock = Schemas["HeadingBlock"];
/** Markdown, no raw HTML; merge tags such as `{{ first_name | default("there") }}`. */
export type TextBlock = Schemas["TextBlock"];
export type ImageBlock = Schemas["ImageBlock"];
export type ButtonBlock = Schemas["ButtonBlock"];
export type DividerBlock = Schemas["DividerBlock"];
export type ColumnsBlock = Schemas["ColumnsBlock"];
export type Column = Schemas["Column"];
/** Text above what every message carries: the postal address and the unsubscribe link. */
export type FooterBlock = Schemas["FooterBlock"];
export type ColumnBlock = HeadingBlock | TextBlock | ImageBlock | ButtonBlock | DividerBlock;
export type Section = ColumnBlock | ColumnsBlock | FooterBlock;
export type SectionType = Section["type"];

export type TemplateSummary = Schemas["TemplateSummary"];
export type TemplateStatus = TemplateSummary["status"];
export type Scope = TemplateSummary["scope"];
export type Template = JsonOf<operations["get_get_template"]["responses"][200]>;
export type TemplateVersion = Schemas["VersionSummary"];
export type TemplateVersionDetail = JsonOf<operations["get_get_version"]["responses"][200]>;
export type ImageAsset = Schemas["AssetRead"];
export type TestSendResult = JsonOf<operations["post_test_send"]["responses"][202]>;

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

function templatePath(id: string) {
  return { path: { template_id: id } };
}

/** `If-Match` carries the version a change starts from. */
function ifMatch(version: number) {
  return { "if-match": String(version) };
}

export async function listTemplates(scope: Scope, signal?: AbortSignal): Promise<TemplateSummary[]> {
  const body = await unwrap(
    api.GET("/api/templates", { params: { query: { scope } }, ...withSignal(signal) }),
  );
  return body.items;
}

export function getTemplate(id: string, signal?: AbortSignal): Promise<Template> {
  return unwrap(api.GET("/api/templates/{template_id}", { params: templatePath(id), ...withSignal(signal) }));
}

export interface CopyOptions {
  name?: string;
  /** A chat thread whose draft becomes the copy's content (and its subject the name). */
  threadId?: string | null;
}

function idempotencyKey(key: string) {
  return { "idempotency-key": key };
}

/**
 * Copies a marketplace (or my own) template into my templates, once however often the
 * request has to be sent; with `threadId`, the chat's draft is poured into the copy.
 */
export function copyTemplate(fromTemplateId: string, { name, threadId }: CopyOptions = {}): Promise<Template> {
  const body = {
    from_template_id: fromTemplateId,
    ...(name ? { name } : {}),
    ...(threadId ? { thread_id: threadId } : {}),
  };
  return withIdempotencyKey((key) =>
    unwrap(api.POST("/api/templates", { params: { header: idempotencyKey(key) }, body })),
  );
}

/** Saves on top of `version`; a stale version is rejected with 409 `version_conflict`. */
export function saveTemplate(id: string, version: number, content: TemplateContent): Promise<Template> {
  return unwrap(
    api.PUT("/api/templates/{template_id}", {
      params: { ...templatePath(id), header: ifMatch(version) },
      body: content,
    }),
  );
}

/** Mails the saved template, exactly as it would be sent, to the caller's own address. */
export function sendTest(id: string): Promise<TestSendResult> {
  return unwrap(api.POST("/api/templates/{template_id}/test-send", { params: templatePath(id), body: {} }));
}

export function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.code === "version_conflict";
}

export async function listVersions(id: string, signal?: AbortSignal): Promise<TemplateVersion[]> {
  const body = await unwrap(
    api.GET("/api/templates/{template_id}/versions", { params: templatePath(id), ...withSignal(signal) }),
  );
  return body.items;
}

export function getVersion(id: string, version: number, signal?: AbortSignal): Promise<TemplateVersionDetail> {
  return unwrap(
    api.GET("/api/templates/{template_id}/versions/{version}", {
      params: { path: { template_id: id, version } },
      ...withSignal(signal),
    }),
  );
}

/**
 * Restoring makes a new version with the old content. `current` is the version the
 * editor holds: a restore on top of a version it has not seen is a conflict too.
 */
export function restoreVersion(id: string, version: number, current: number): Promise<Template> {
  return unwrap(
    api.POST("/api/templates/{template_id}/versions/{version}/restore", {
      params: { path: { template_id: id, version }, header: ifMatch(current) },
    }),
  );
}

export function publishTemplate(id: string): Promise<Template> {
  return unwrap(api.POST("/api/templates/{template_id}/publish", { params: templatePath(id) }));
}

export function unpublishTemplate(id: string): Promise<Template> {
  return unwrap(api.POST("/api/templates/{template_id}/unpublish", { params: templatePath(id) }));
}

/** A copy of one of my templates, once however often the request has to be sent. */
export function duplicateTemplate(id: string): Promise<Template> {
  return withIdempotencyKey((key) =>
    unwrap(
      api.POST("/api/templates/{template_id}/duplicate", {
        params: { ...templatePath(id), header: idempotencyKey(key) },
      }),
    ),
  );
}


/** The HTML the server sends for this template (the same renderer as campaigns). */
export function previewHtml(id: string, version?: number, signal?: AbortSignal): Promise<string> {
  const query = version === undefined ? "" : `?version=${version}`;
  return fetchHtml(path(id, `/preview${query}`), withSignal(signal));
}

/** Unsaved sections rendered exactly as they would be sent. */
export function previewUnsavedHtml(
  sections: Section[],
  theme: Template["theme"],
  signal?: AbortSignal,
): Promise<string> {
  return fetchHtml("/api/templates/preview", {
    method: "POST",
    body: JSON.stringify({ sections, theme }),
    ...withSignal(signal),
  });
}

export function uploadImage(file: File): Promise<ImageAsset> {
  const form = new FormData();
  form.append("file", file, file.name);
  return postForm<ImageAsset>("/api/assets", form);
}

export function importImage(url: string): Promise<ImageAsset> {
  return unwrap(api.POST("/api/assets/import", { body: { url } }));
}

export function generateImage(prompt: string): Promise<ImageAsset> {
  return unwrap(api.POST("/api/assets/generate", { body: { prompt } }));
}

export async function listImages(signal?: AbortSignal): Promise<ImageAsset[]> {
  return (await unwrap(api.GET("/api/assets", withSignal(signal)))).items;
}
