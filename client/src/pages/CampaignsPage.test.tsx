import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { CampaignProgress } from "../realtime/events";
import { json, SIGNED_IN, stubApi } from "../test/api";
import { campaign, progress } from "../test/campaigns";
import { renderAt } from "../test/render";

const socket = vi.hoisted(() => ({
  listeners: [] as ((payload: CampaignProgress) => void)[],
}));

vi.mock(import("../realtime/socket"), async (importOriginal) => {
  const actual = await importOriginal();
  return {
    ...actual,
    restart: vi.fn(),
    connect: vi.fn(),
    disconnect: vi.fn(),
    on: vi.fn((event: string, listener: (payload: CampaignProgress) => void) => {
      if (event === "campaign:progress") socket.listeners.push(listener);
      return () => {
        socket.listeners = socket.listeners.filter((l) => l !== listener);
      };
    }) as unknown as typeof actual.on,
  };
});

function announce(id: string, changes: Partial<CampaignProgress>) {
  for (const listener of [...socket.listeners]) listener({ ...progress({}), campaign_id: id, ...changes });
}


describe("Campaigns", () => {
  it("says why a campaign stopped or went back to draft", async () => {
    const unscheduled = "Not sent at its scheduled time: add your postal address in Settings.";
    const paused = "Paused automatically: 12 messages failed within 60 seconds.";
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({
          items: [
            campaign({ status_reason: unscheduled }),
            campaign({ id: "c2", name: "Summer", status: "paused", status_reason: paused }),
            campaign({ id: "c3", name: "Autumn", status: "sent" }),
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

  it("takes a scheduled campaign back to draft, to be continued like any draft", async () => {
    const scheduled = campaign({ status: "scheduled", send_at: "2026-05-01T07:00:00Z", timezone: "Europe/Paris" });
    const api = stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () => json({ items: [scheduled] }),
      "POST /api/campaigns/c1/unschedule": () =>
        json({ ...scheduled, status: "draft", send_at: null, timezone: null }),
    });
    renderAt("/campaigns");
    const row = (await screen.findByText("Spring")).closest("tr") as HTMLElement;
    expect(within(row).getByText(/^scheduled for .*\(Europe\/Paris\)$/)).toBeTruthy();
    expect(within(row).queryByRole("button", { name: "Continue Spring" })).toBeNull();

    fireEvent.click(within(row).getByRole("button", { name: "Back to draft: Spring" }));
    await within(row).findByRole("button", { name: "Continue Spring" });
    expect(within(row).getByText("draft")).toBeTruthy();
    expect(within(row).queryByRole("button", { name: "Back to draft: Spring" })).toBeNull();
    expect(api.to("POST /api/campaigns/c1/unschedule")).toHaveLength(1);
  });

  it("says when a campaign goes out in each reader's zone", async () => {
    const local = { send_at: "2027-03-02T08:00:00Z", timezone: "Europe/Paris", reader_time_zone: true };
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({
          items: [
            campaign({ ...local, status: "scheduled" }),
            campaign({ ...local, id: "c2", name: "Summer", status: "sending" }),
          ],
        }),
    });
    renderAt("/campaigns");
    const status = (name: string) =>
      screen.getByRole("row", { name: new RegExp(`^${name}`) }).querySelector("[data-label=Status]")?.textContent;
    await screen.findByText("Summer");
    expect(status("Spring")).toMatch(
      /^scheduled for Mar 2, 2027, 9:00\sAM in each reader's time zone \(Europe\/Paris for readers without one\)$/,
    );
    expect(status("Summer")).toBe("sending · each reader at their own time");
  });

  it("opens the draft named in ?draft= at its confirm step, with its lists and tags in words", async () => {
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({
          items: [
            campaign({ id: "c1", name: "Sent one", status: "sent" }),
            campaign({ id: "c2", name: "Autumn", audience: { list_ids: ["l1", "l2"], tags: ["vip", "donor"] } }),
          ],
        }),
      "GET /api/chat/threads": () => json({ items: [] }),
      "GET /api/templates": () => json({ items: [] }),
      "GET /api/lists": () =>
        json({
          items: [
            { id: "l1", name: "Readers", contact_count: 3 },
            { id: "l2", name: "Members", contact_count: 2 },
          ],
        }),
      "POST /api/campaigns/audience-count": () => json({ recipients: 5, time_zones: [{ timezone: null, recipients: 5 }] }),
    });
    renderAt("/campaigns?draft=c2");
    const wizard = await screen.findByRole("region", { name: "Draft campaign" });
    const to = await within(wizard).findByText("Readers, Members and contacts tagged vip or donor");
    expect(to.previousElementSibling?.textContent).toBe("To");
    expect(within(wizard).getByText("Autumn")).toBeTruthy();
  });

  it("leaves ?draft= alone when it names a campaign that is no longer a draft", async () => {
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () => json({ items: [campaign({ name: "Gone out", status: "sending" })] }),
    });
    renderAt("/campaigns?draft=c1");
    await screen.findByText("Gone out");
    expect(screen.queryByRole("region", { name: "Draft campaign" })).toBeNull();
    expect(screen.getByRole("button", { name: "New campaign" })).toBeTruthy();
  });

  it("continues a draft at its confirm step, and sends a duplicate of a sent campaign", async () => {
    const api = stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({
          items: [
            campaign({ name: "Left half way", subject: "Our spring", preheader: "Seeds" }),
            campaign({ id: "c2", name: "Autumn", status: "sent", audience: { list_ids: ["l1"], tags: ["vip"] } }),
          ],
        }),
      "GET /api/chat/threads": () => json({ items: [] }),
      "GET /api/templates": () => json({ items: [] }),
      "GET /api/lists": () => json({ items: [{ id: "l1", name: "Readers", contact_count: 3 }] }),
      "POST /api/campaigns/audience-count": () => json({ recipients: 3, time_zones: [{ timezone: null, recipients: 3 }] }),
      "POST /api/campaigns/c2/duplicate": () =>
        json(campaign({ id: "c9", name: "Autumn (copy)", audience: { list_ids: ["l1"], tags: ["vip"] } }), 201),
      "POST /api/campaigns/c9/send": () => json({ status: "sending" }, 202),
    });
    const { router } = renderAt("/campaigns");
    // A draft has no activity yet: it opens where it was left, nothing re-created.
    expect(screen.queryByRole("button", { name: "Continue Autumn" })).toBeNull();
    fireEvent.click(await screen.findByRole("button", { name: "Continue Left half way" }));
    const wizard = screen.getByRole("region", { name: "Draft campaign" });
    const summary = within(wizard).getByText("Left half way").closest("dl")!;
    expect(within(summary).getByText("Our spring")).toBeTruthy();
    expect(within(summary).getByText("Seeds")).toBeTruthy();
    await within(summary).findByText("3");
    // Back to the subject step: the fields hold the draft's.
    fireEvent.click(within(wizard).getByRole("button", { name: "Back" }));
    expect((within(wizard).getByLabelText("Campaign name") as HTMLInputElement).value).toBe("Left half way");
    expect(api.to("POST /api/campaigns")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Duplicate Autumn" }));
    const copy = await screen.findByText("Autumn (copy)");
    fireEvent.click(within(copy.closest("section")!).getByRole("button", { name: "Send now" }));
    await waitFor(() => expect(router.state.location.search).toBe("?campaign=c9"));
    expect(api.to("POST /api/campaigns/c2/duplicate")).toHaveLength(1);
    expect(api.to("POST /api/campaigns/c9/send")).toHaveLength(1);
  });

  it("deletes a draft after asking, and only a draft", async () => {
    const api = stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({ items: [campaign({ name: "Half way" }), campaign({ id: "c2", name: "Autumn", status: "sent" })] }),
      "DELETE /api/campaigns/c1": () => new Response(null, { status: 204 }),
    });
    renderAt("/campaigns");
    expect(screen.queryByRole("button", { name: "Delete Autumn" })).toBeNull();
    fireEvent.click(await screen.findByRole("button", { name: "Delete Half way" }));
    const row = screen.getByText("Half way").closest("tr")!;
    expect(within(row).getByRole("alert").textContent).toBe("Delete this draft?");
    fireEvent.click(within(row).getByRole("button", { name: "Keep" }));
    expect(api.to("DELETE /api/campaigns/c1")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Delete Half way" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete draft" }));
    await waitFor(() => expect(screen.queryByText("Half way")).toBeNull());
    expect(api.to("DELETE /api/campaigns/c1")).toHaveLength(1);
    expect(screen.getByText("Autumn")).toBeTruthy();
  });

  it("follows the campaigns' progress events: status, reason and total, newest first", async () => {
    let listed = [campaign({ status: "scheduled", send_at: "2026-01-01T09:00:00Z", timezone: "UTC" })];
    const api = stubApi({ ...SIGNED_IN, "GET /api/campaigns": () => json({ items: listed }) });
    renderAt("/campaigns");
    const row = (await screen.findByText("Spring")).closest("tr");
    expect(row?.textContent).toContain("scheduled for");

    announce("c1", { status: "sending", total: 10, updated_at: "2026-01-01T09:00:01Z" });
    await waitFor(() => expect(row?.textContent).toContain("sending"));
    expect(row?.textContent).toContain("10");
    // An older snapshot arriving late changes nothing.
    announce("c1", { status: "scheduled", updated_at: "2026-01-01T09:00:00Z" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(row?.textContent).not.toContain("scheduled");
    const reason = "Paused automatically: 50 messages failed within 60 seconds.";
    announce("c1", { status: "paused", status_reason: reason, updated_at: "2026-01-01T09:00:05Z" });
    expect(await screen.findByRole("note")).toHaveProperty("textContent", reason);
    expect(row?.textContent).not.toContain("scheduled");

    // A campaign sent from another tab: the list is read again, once.
    listed = [...listed, campaign({ id: "c2", name: "Summer", status: "sending" })];
    announce("c2", { status: "sending", updated_at: "2026-01-01T09:00:06Z" });
    announce("c2", { status: "sending", updated_at: "2026-01-01T09:00:07Z" });
    expect(await screen.findByRole("link", { name: "Summer" })).toBeTruthy();
    expect(api.to("GET /api/campaigns")).toHaveLength(2);
  });
});
