import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Campaign } from "../api/campaigns";
import type { CampaignProgress, CampaignWatchAck } from "../realtime/events";
import { json, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { campaign, progress } from "../test/campaigns";
import { formatDateTime } from "../lib/format";
import { renderAt } from "../test/render";

const CAMPAIGN = campaign({ status: "sending", total: 10, started_at: "2026-01-01T00:00:00Z" });

const socket = vi.hoisted(() => ({
  listeners: [] as ((payload: CampaignProgress) => void)[],
  watched: [] as string[],
  state: "live" as "live" | "reconnecting",
}));

vi.mock(import("../realtime/socket"), async (importOriginal) => {
  const actual = await importOriginal();
  return {
    ...actual,
    restart: vi.fn(),
    connect: vi.fn(),
    disconnect: vi.fn(),
    useConnectionState: () => socket.state,
    emit: vi.fn((_event: string, payload: { campaign_id: string }, ack: (a: CampaignWatchAck) => void) => {
      socket.watched.push(payload.campaign_id);
      ack({ ok: true, progress: { ...progress({ sent: 0 }), campaign_id: payload.campaign_id } });
    }) as unknown as typeof actual.emit,
    on: vi.fn((event: string, listener: (payload: CampaignProgress) => void) => {
      if (event === "campaign:progress") socket.listeners.push(listener);
      return () => {
        socket.listeners = socket.listeners.filter((l) => l !== listener);
      };
    }) as unknown as typeof actual.on,
  };
});



function recipient(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    contact_id: `k${id}`,
    email: `reader${id}@example.com`,
    status: "sent",
    attempts: 1,
    last_error: null,
    smtp_code: 250,
    failure_reason: null,
    message_id: `<m${id}@example.com>`,
    due_at: null,
    sent_at: "2026-01-01T00:00:00Z",
    opened_at: null,
    clicked_at: null,
    bounced_at: null,
    unsubscribed_at: null,
    ...extra,
  };
}

/** 230 recipients served the way the server pages them: after `cursor`, at most `limit`. */
function pagedRecipients(request: Request) {
  const query = new URL(request.url).searchParams;
  const after = Number(query.get("cursor") ?? 0);
  const limit = Number(query.get("limit"));
  const ids = Array.from({ length: 230 }, (_, i) => i + 1).filter((id) => id > after);
  const page = ids.slice(0, limit);
  return json({
    items: page.map((id) => recipient(id)),
    next_cursor: ids.length > limit ? (page[page.length - 1] ?? null) : null,
  });
}

const NO_RECIPIENTS = () => json({ items: [], next_cursor: null });

const KPIS = {
  progress: progress({}),
  rates: {
    delivery_rate: 0,
    open_rate: 0,
    click_rate: 0,
    bounce_rate: 0,
    unsubscribe_rate: 0,
    failure_rate: 0,
  },
  series: [],
  bucket: "minute",
  delivery_reports: true,
};

function activityApi(
  posted: string[] = [],
  recipients: (request: Request) => Response = NO_RECIPIENTS,
  listed: () => Campaign[] = () => [CAMPAIGN],
  extra: Routes = {},
) {
  return stubApi({
    ...SIGNED_IN,
    "GET /api/campaigns": () => json({ items: listed() }),
    "GET /api/campaigns/c1/kpis": () => json(KPIS),
    "GET /api/campaigns/c1/recipients": recipients,
    "GET /api/campaigns/c1/progress": () => json(progress({ sent: 7, queued: 3 })),
    "POST /api/campaigns/c1/pause": () => {
      posted.push("pause");
      return json({ ...CAMPAIGN, status: "paused" });
    },
    ...extra,
  });
}

describe("Activity", () => {
  it("watches campaigns and moves the progress bar with live events", async () => {
    socket.state = "live";
    const api = activityApi();
    renderAt("/activity");
    expect(await screen.findByRole("heading", { level: 1, name: "Activity" })).toBeTruthy();
    await waitFor(() => expect(socket.watched).toContain("c1"));
    for (const listener of socket.listeners) {
      listener({ ...progress({ sent: 5, queued: 5, updated_at: "2026-01-01T00:00:01Z" }), campaign_id: "c1" });
    }
    const bars = await screen.findAllByRole("progressbar", { name: "Spring progress" });
    await waitFor(() => expect(bars[0]?.getAttribute("value")).toBe("50"));
    expect(screen.queryByText(/refreshing every 2 seconds/)).toBeNull();
    // Sent at one time for everyone: nobody waits for a time of their own.
    expect(api.to("GET /api/campaigns/c1/upcoming")).toHaveLength(0);
  });

  it("says a campaign sent in each reader's zone is waiting for their time", async () => {
    socket.state = "live";
    const local = campaign({
      ...CAMPAIGN,
      send_at: "2027-03-02T08:00:00Z",
      timezone: "Europe/Paris",
      reader_time_zone: true,
    });
    activityApi([], NO_RECIPIENTS, () => [local], {
      "GET /api/campaigns/c1/upcoming": () =>
        json({
          items: [
            { at: "2027-03-02T08:00:00Z", recipients: 3 },
            { at: "2027-03-02T14:00:00Z", recipients: 1 },
          ],
          waiting: 6,
        }),
    });
    renderAt("/activity?campaign=c1");
    const note = await screen.findByTestId("campaign-schedule");
    expect(note.textContent).toMatch(
      /^Going out at Mar 2, 2027, 9:00\sAM in each reader's time zone \(Europe\/Paris for readers without one\): queued readers are waiting for that time where they are\.$/,
    );
    const still = await screen.findByRole("region", { name: "Still to go" });
    const groups = within(still).getAllByRole("listitem").map((li) => li.textContent);
    expect(groups).toEqual([
      `3 readers at ${formatDateTime("2027-03-02T08:00:00Z")}`,
      `1 reader at ${formatDateTime("2027-03-02T14:00:00Z")}`,
    ]);
    expect(within(still).getByText("and 2 readers later.")).toBeTruthy();
  });

  it("shows deliveries and bounces as not counted, not as 0%, where the provider's reports are not set up", async () => {
    socket.state = "live";
    activityApi();
    renderAt("/activity?campaign=c1");
    const counted = await screen.findByText("Delivered");
    expect(counted.nextElementSibling?.textContent).toBe("0 (0%)");
    cleanup();
    activityApi([], NO_RECIPIENTS, () => [CAMPAIGN], {
      "GET /api/campaigns/c1/kpis": () => json({ ...KPIS, delivery_reports: false }),
    });
    renderAt("/activity?campaign=c1");
    const note = await screen.findByText(/Deliveries and bounces are not counted/);
    for (const label of ["Delivered", "Bounced"]) {
      const shown = screen.getByText(label).nextElementSibling;
      expect(shown?.textContent).toBe("—");
      expect(shown?.getAttribute("aria-describedby")).toBe(note.id);
    }
    expect(screen.getByText("Opened").nextElementSibling?.textContent).toBe("0 (0%)");
  });

  it("polls and says so when the socket is not connected, and pauses", async () => {
    socket.state = "reconnecting";
    const posted: string[] = [];
    activityApi(posted);
    renderAt("/activity?campaign=c1");
    expect(await screen.findByText(/Live updates are not connected/)).toBeTruthy();
    const bars = await screen.findAllByRole("progressbar", { name: "Spring progress" });
    await waitFor(() => expect(bars[0]?.getAttribute("value")).toBe("70"));
    fireEvent.click(await screen.findByRole("button", { name: "Pause" }));
    await waitFor(() => expect(posted).toEqual(["pause"]));
  });

  it("asks before cancelling, and cancels only when told to", async () => {
    socket.state = "live";
    const posted: string[] = [];
    activityApi(posted, NO_RECIPIENTS, () => [CAMPAIGN], {
      "POST /api/campaigns/c1/cancel": () => {
        posted.push("cancel");
        return json({ ...CAMPAIGN, status: "cancelled" });
      },
    });
    renderAt("/activity?campaign=c1");
    fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("alert").textContent).toMatch(/^Cancel this campaign\?/);
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("button", { name: "Cancel campaign" })).toBeNull();
    expect(posted).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel campaign" }));
    expect(await screen.findByText("Cancelled.")).toBeTruthy();
    expect(posted).toEqual(["cancel"]);
  });

  it("retries the failed recipients and says how many went back in the queue", async () => {
    socket.state = "live";
    activityApi([], NO_RECIPIENTS, () => [CAMPAIGN], {
      "POST /api/campaigns/c1/retry-failed": () => json({ requeued: 2 }),
    });
    renderAt("/activity?campaign=c1");
    await screen.findByText("No recipients with this status.");
    for (const listener of socket.listeners) {
      const settled = { sent: 8, failed: 2, queued: 0, status: "sent", updated_at: "2026-01-01T00:00:01Z" } as const;
      listener({ ...progress(settled), campaign_id: "c1" });
    }
    fireEvent.click(await screen.findByRole("button", { name: "Retry failed" }));
    expect(await screen.findByText("2 recipients queued again.")).toBeTruthy();
  });

  it("lists a campaign that starts sending while the page is open, with its live bar", async () => {
    socket.state = "live";
    const autumn = campaign({ id: "c2", name: "Autumn", status: "sending", total: 10 });
    let listed = [CAMPAIGN];
    socket.watched = [];
    const api = activityApi([], NO_RECIPIENTS, () => listed);
    renderAt("/activity");
    await waitFor(() => expect(socket.watched).toContain("c1"));
    expect(api.to("GET /api/campaigns")).toHaveLength(1);
    expect(screen.queryByRole("progressbar", { name: "Autumn progress" })).toBeNull();

    // Sent from another tab: its first events reach the workspace's sockets.
    listed = [autumn, CAMPAIGN];
    const event = { ...progress({ sent: 2, queued: 8, updated_at: "2026-01-01T00:00:02Z" }), campaign_id: "c2" };
    for (const listener of [...socket.listeners]) listener(event);
    for (const listener of [...socket.listeners]) listener(event);
    const bars = await screen.findAllByRole("progressbar", { name: "Autumn progress" });
    await waitFor(() => expect(socket.watched).toContain("c2"));
    for (const listener of [...socket.listeners]) {
      listener({ ...progress({ sent: 6, queued: 4, updated_at: "2026-01-01T00:00:03Z" }), campaign_id: "c2" });
    }
    await waitFor(() => expect(bars[0]?.getAttribute("value")).toBe("60"));
    // Read again once for that campaign, not once per event.
    expect(api.to("GET /api/campaigns")).toHaveLength(2);
  });

  it("reads the recipients and KPIs again while progress keeps coming, not only once it stops", async () => {
    socket.state = "live";
    const api = activityApi();
    renderAt("/activity?campaign=c1");
    await waitFor(() => expect(socket.watched).toContain("c1"));
    await screen.findByText("No recipients with this status.");
    const before = api.to("GET /api/campaigns/c1/recipients").length;
    const kpisBefore = api.to("GET /api/campaigns/c1/kpis").length;
    // Ten events a second for 2 s, as a sending campaign publishes them.
    for (let sent = 1; sent <= 20; sent++) {
      for (const listener of socket.listeners) {
        listener({ ...progress({ sent, queued: 20 - sent }), campaign_id: "c1" });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Once as the first recipient settled and again 1.5 s later, while events still came.
    expect(api.to("GET /api/campaigns/c1/recipients").length).toBeGreaterThanOrEqual(before + 2);
    expect(api.to("GET /api/campaigns/c1/kpis").length).toBeGreaterThanOrEqual(kpisBefore + 2);
  });

  it("shows the first recipients and more on request, until there are no more", async () => {
    socket.state = "live";
    activityApi([], pagedRecipients);
    renderAt("/activity?campaign=c1");
    expect(await screen.findByText("reader100@example.com")).toBeTruthy();
    expect(screen.queryByText("reader101@example.com")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show 100 more" }));
    expect(await screen.findByText("reader200@example.com")).toBeTruthy();
    expect(screen.getByText("Showing 200")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show 100 more" }));
    expect(await screen.findByText("reader230@example.com")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Show 100 more" })).toBeNull());
  });

  it("says when a waiting recipient is due, or retried", async () => {
    socket.state = "live";
    const queued = { status: "queued", sent_at: null, smtp_code: null };
    activityApi([], () =>
      json({
        items: [
          recipient(1, { ...queued, attempts: 0, due_at: "2027-03-02T14:00:00Z" }),
          recipient(2, { ...queued, attempts: 1, due_at: "2027-03-02T14:05:00Z" }),
          recipient(3),
        ],
        next_cursor: null,
      }),
    );
    renderAt("/activity?campaign=c1");
    const status = async (email: string) =>
      (await screen.findByText(email)).closest("tr")!.querySelector("[data-label=Status]")!.textContent;
    expect(await status("reader1@example.com")).toBe(`queued · due ${formatDateTime("2027-03-02T14:00:00Z")}`);
    expect(await status("reader2@example.com")).toBe(
      `queued · retry at ${formatDateTime("2027-03-02T14:05:00Z")}`,
    );
    expect(await status("reader3@example.com")).toBe("sent");
  });

  it("finds recipients by the start of their address", async () => {
    socket.state = "live";
    const api = activityApi([], (request) => {
      const email = new URL(request.url).searchParams.get("email");
      const items = email === "reader7" ? [recipient(7)] : email ? [] : [recipient(1), recipient(7)];
      return json({ items, next_cursor: null });
    });
    renderAt("/activity?campaign=c1");
    expect(await screen.findByText("reader1@example.com")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Find an address"), { target: { value: " reader7" } });
    await waitFor(() => expect(screen.queryByText("reader1@example.com")).toBeNull());
    expect(screen.getByText("reader7@example.com")).toBeTruthy();
    const searched = api.to("GET /api/campaigns/c1/recipients").at(-1)!;
    expect(new URLSearchParams(searched.search).get("email")).toBe("reader7");
    fireEvent.change(screen.getByLabelText("Find an address"), { target: { value: "nobody" } });
    expect(await screen.findByText("No recipient's address starts with that.")).toBeTruthy();
  });
});
