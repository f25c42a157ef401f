import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Campaign } from "../api/campaigns";
import { json, SIGNED_IN, stubApi } from "../test/api";
import { renderAt } from "../test/render";

const BASE: Campaign = {
  id: "c1",
  name: "Spring",
  subject: "Spring news",
  preheader: "",
  from_name: "",
  reply_to: null,
  template_id: null,
  template_version: null,
  thread_id: "t1",
  audience: { list_ids: ["l1"], tags: [] },
  status: "draft",
  status_reason: null,
  send_at: null,
  timezone: null,
  total: 0,
  started_at: null,
  finished_at: null,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

describe("Campaigns", () => {
  it("says why a campaign stopped or went back to draft", async () => {
    const unscheduled = "Not sent at its scheduled time: add your postal address in Settings.";
    const paused = "Paused automatically: 12 messages failed within 60 seconds.";
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({
          items: [
            { ...BASE, status_reason: unscheduled },
            { ...BASE, id: "c2", name: "Summer", status: "paused", status_reason: paused },
            { ...BASE, id: "c3", name: "Autumn", status: "sent" },
          ],
        }),
    });
    renderAt("/campaigns");
    const notes = await screen.findAllByRole("note");
    expect(notes.map((n) => n.textContent)).toEqual([unscheduled, paused]);
    expect(screen.getByRole("link", { name: "Summer" }).getAttribute("href")).toBe(
      "/activity?campaign=c2",
    );
  });
});
