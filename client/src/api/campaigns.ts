/**
 * Campaigns API (CONTRACT.md, "Campaigns and activity") through the typed client
 * generated from the server's OpenAPI document (`make api-types`).
 */
import { api, fetchHtml, unwrap } from "./client";
import type { components, operations } from "./schema";

type Schemas = components["schemas"];
type JsonBody<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type Campaign = Schemas["CampaignRead"];
export type CampaignStatus = Schemas["CampaignStatus"];
export type RecipientStatus = Schemas["RecipientStatus"];
export type Progress = Schemas["Progress"];
export type Recipient = Schemas["RecipientRead"];
export type RecipientPage = JsonBody<operations["get_campaign_recipients"]["responses"][200]>;
export type Kpis = JsonBody<operations["get_campaign_kpis"]["responses"][200]>;
export type Upcoming = JsonBody<operations["get_campaign_upcoming"]["responses"][200]>;
export type Audience = Schemas["Audience"];
export type AudienceCount = JsonBody<operations["post_audience_count"]["responses"][200]>;
export type CampaignCreate = JsonBody<NonNullable<operations["post_create_campaign"]["requestBody"]>>;
export type TemplateSummary = Schemas["TemplateSummary"];

export const RECIPIENT_STATUSES: readonly RecipientStatus[] = [
  "queued",
  "sending",
  "sent",
  "failed",
  "bounced",
];

function withSignal(signal?: AbortSignal) {
  return signal ? { signal } : {};
}

const path = (id: string) => ({ params: { path: { campaign_id: id } } });

/** The campaign's email as its readers get it (text/html), merge tags filled with your name. */
export function previewCampaignHtml(id: string, signal?: AbortSignal): Promise<string> {
  return fetchHtml(`/api/campaigns/${encodeURIComponent(id)}/preview`, withSignal(signal));
}

export async function listCampaigns(signal?: AbortSignal): Promise<Campaign[]> {
  return (await unwrap(api.GET("/api/campaigns", withSignal(signal)))).items;
}

export function getCampaign(id: string, signal?: AbortSignal): Promise<Campaign> {
  return unwrap(api.GET("/api/campaigns/{campaign_id}", { ...path(id), ...withSignal(signal) }));
}

/** Creates a draft; the idempotency key makes a retried click return the same campaign. */
export function createCampaign(body: CampaignCreate, idempotencyKey: string): Promise<Campaign> {
  return unwrap(
    api.POST("/api/campaigns", {
      body,
      params: { header: { "idempotency-key": idempotencyKey } },
    }),
  );
}

/** Deletes a draft (409 `campaign_not_editable` once it was scheduled or sent). */
export async function deleteCampaign(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/campaigns/{campaign_id}", path(id)));
}

/** A new draft with the same content and audience as `id`. */
export function duplicateCampaign(id: string): Promise<Campaign> {
  return unwrap(api.POST("/api/campaigns/{campaign_id}/duplicate", path(id)));
}

export type CampaignUpdate = JsonBody<NonNullable<operations["patch_update_campaign"]["requestBody"]>>;

/** Changes a draft (the server answers 409 once it is scheduled or sending). */
export function updateCampaign(id: string, body: CampaignUpdate): Promise<Campaign> {
  return unwrap(api.PATCH("/api/campaigns/{campaign_id}", { ...path(id), body }));
}

/** How many the audience reaches, and how many of them in each time zone. */
export function countAudience(body: Audience, signal?: AbortSignal): Promise<AudienceCount> {
  return unwrap(api.POST("/api/campaigns/audience-count", { body, ...withSignal(signal) }));
}

export function sendCampaign(id: string) {
  return unwrap(api.POST("/api/campaigns/{campaign_id}/send", path(id)));
}

/** `readerTimeZone`: at that wall-clock time in each reader's own zone (`timezone` for
 * readers without one). */
export function scheduleCampaign(
  id: string,
  sendAt: string,
  timezone: string,
  readerTimeZone = false,
): Promise<Campaign> {
  return unwrap(
    api.POST("/api/campaigns/{campaign_id}/schedule", {
      ...path(id),
      body: { send_at: sendAt, timezone, reader_time_zone: readerTimeZone },
    }),
  );
}

export function testSend(id: string, email: string) {
  return unwrap(api.POST("/api/campaigns/{campaign_id}/test", { ...path(id), body: { email } }));
}

export type CampaignAction = "pause" | "resume" | "cancel" | "unschedule";

export function controlCampaign(id: string, action: CampaignAction): Promise<Campaign> {
  switch (action) {
    case "pause":
      return unwrap(api.POST("/api/campaigns/{campaign_id}/pause", path(id)));
    case "resume":
      return unwrap(api.POST("/api/campaigns/{campaign_id}/resume", path(id)));
    case "cancel":
      return unwrap(api.POST("/api/campaigns/{campaign_id}/cancel", path(id)));
    case "unschedule":
      return unwrap(api.POST("/api/campaigns/{campaign_id}/unschedule", path(id)));
  }
}

export async function retryFailed(id: string): Promise<number> {
  return (await unwrap(api.POST("/api/campaigns/{campaign_id}/retry-failed", path(id)))).requeued;
}

export function getProgress(id: string, signal?: AbortSignal): Promise<Progress> {
  return unwrap(
    api.GET("/api/campaigns/{campaign_id}/progress", { ...path(id), ...withSignal(signal) }),
  );
}

export function getKpis(id: string, signal?: AbortSignal): Promise<Kpis> {
  return unwrap(api.GET("/api/campaigns/{campaign_id}/kpis", { ...path(id), ...withSignal(signal) }));
}

/** Recipients waiting for a later time (each reader's own), grouped by that time. */
export function getUpcoming(id: string, signal?: AbortSignal): Promise<Upcoming> {
  return unwrap(api.GET("/api/campaigns/{campaign_id}/upcoming", { ...path(id), ...withSignal(signal) }));
}

/** The server's largest page: a refresh of many loaded rows takes few requests. */
const RECIPIENT_PAGE_MAX = 500;

export interface RecipientFilters {
  status: RecipientStatus | "";
  /** The start of the address. */
  email?: string;
}

/**
 * The first `count` recipients (optionally by status, or by the start of their address),
 * fetched in as few pages as the server allows, with the cursor to continue from.
 */
export async function listRecipients(
  id: string,
  filters: RecipientFilters,
  count: number,
  signal?: AbortSignal,
): Promise<RecipientPage> {
  const items: RecipientPage["items"] = [];
  let cursor: number | null = null;
  const email = filters.email?.trim();
  do {
    const limit = Math.min(RECIPIENT_PAGE_MAX, count - items.length);
    const query: { status?: RecipientStatus; email?: string; limit: number; cursor?: number } = {
      limit,
    };
    if (filters.status) query.status = filters.status;
    if (email) query.email = email;
    if (cursor !== null) query.cursor = cursor;
    const page: RecipientPage = await unwrap(
      api.GET("/api/campaigns/{campaign_id}/recipients", {
        params: { path: { campaign_id: id }, query },
        ...withSignal(signal),
      }),
    );
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null && items.length < count);
  return { items, next_cursor: cursor };
}

export async function listTemplates(signal?: AbortSignal): Promise<TemplateSummary[]> {
  const [mine, market] = await Promise.all([
    unwrap(api.GET("/api/templates", { params: { query: { scope: "mine" } }, ...withSignal(signal) })),
    unwrap(
      api.GET("/api/templates", { params: { query: { scope: "marketplace" } }, ...withSignal(signal) }),
    ),
  ]);
  return [...mine.items, ...market.items];
}

/** Share of the audience settled so far (sent, failed or bounced), 0..1. */
export function settledShare(p: Pick<Progress, "total" | "sent" | "failed" | "bounced">): number {
  if (!p.total) return 0;
  return Math.min(1, (p.sent + p.failed + p.bounced) / p.total);
}
