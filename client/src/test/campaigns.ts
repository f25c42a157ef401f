import type { Campaign, Progress } from "../api/campaigns";

/** A campaign as the API returns it: a draft made from chat thread t1, changed by `overrides`. */
export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: "c1",
    name: "Spring",
    subject: "Spring news",
    preheader: "",
    from_name: "",
    from_address: "Riverside Cycling Club <news@inkwell.test>",
    reply_to: null,
    template_id: null,
    template_version: null,
    thread_id: "t1",
    audience: { list_ids: ["l1"], tags: [] },
    status: "draft",
    status_reason: null,
    send_at: null,
    timezone: null,
    reader_time_zone: false,
    starts_at: null,
    total: 0,
    started_at: null,
    finished_at: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

/** A progress snapshot of a sending campaign of ten, changed by `overrides`. */
export function progress(overrides: Partial<Progress> = {}): Progress {
  return {
    status: "sending",
    status_reason: null,
    total: 10,
    queued: 10,
    sending: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    bounced: 0,
    opened: 0,
    clicked: 0,
    unsubscribed: 0,
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}
