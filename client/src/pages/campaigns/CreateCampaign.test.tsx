import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, json, SIGNED_IN, stubApi } from "../../test/api";
import { campaign } from "../../test/campaigns";
import { locationOf, renderAt } from "../../test/render";
import { readerZoneHint } from "./CreateCampaign";


const MISSING = apiError(
  422,
  "postal_address_missing",
  "Add your postal address in Settings: every email's footer must carry it.",
  { settings_url: "/settings" },
);

const TEMPLATE = {
  id: "tpl1",
  name: "Spring news",
  description: "",
  category: "",
  is_pro: false,
  status: "draft",
  version: 2,
  scope: "mine",
  available: true,
  source_template_id: null,
  source_thread_id: "t1",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

/** What the steps read before the draft exists: thread t1 ("Spring") and the Readers list. */
const WIZARD = {
  ...SIGNED_IN,
  "GET /api/campaigns": () => json({ items: [] }),
  "GET /api/chat/threads": () =>
    json({ items: [{ id: "t1", title: "Spring", updated_at: "", has_draft: true }] }),
  "GET /api/templates": () => json({ items: [] }),
  "GET /api/lists": () => json({ items: [{ id: "l1", name: "Readers", contact_count: 3 }] }),
  "POST /api/campaigns/audience-count": () =>
    json({ recipients: 3, time_zones: [{ timezone: null, recipients: 3 }] }),
};

/** The steps as a user takes them up to the details: the Spring draft, the Readers list. */
async function toDetailsStep() {
  fireEvent.click(await screen.findByRole("button", { name: "New campaign" }));
  const draft = await screen.findByLabelText("Chat draft");
  await screen.findByRole("option", { name: "Spring" });
  fireEvent.change(draft, { target: { value: "t1" } });
  fireEvent.click(screen.getByRole("button", { name: "Next" }));
  fireEvent.click(await screen.findByRole("checkbox", { name: /Readers/ }));
  await screen.findByText("3 recipients");
  fireEvent.click(screen.getByRole("button", { name: "Next" }));
}

/** ...and on to the confirm step, the campaign named "First issue". */
async function toConfirmStep() {
  await toDetailsStep();
  fireEvent.change(screen.getByLabelText("Campaign name"), { target: { value: "First issue" } });
  fireEvent.click(screen.getByRole("button", { name: "Next" }));
}

describe("CreateCampaign", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("lists a conversation without a draft but does not let it be chosen", async () => {
    stubApi({
      ...WIZARD,
      "GET /api/chat/threads": () =>
        json({
          items: [
            { id: "t1", title: "Spring", updated_at: "", has_draft: true },
            { id: "t2", title: "Summer", updated_at: "", has_draft: false },
          ],
        }),
    });
    renderAt("/campaigns");
    fireEvent.click(await screen.findByRole("button", { name: "New campaign" }));
    const drafted = await screen.findByRole("option", { name: "Spring" });
    const undrafted = screen.getByRole("option", { name: "Summer (no draft yet)" });
    expect((drafted as HTMLOptionElement).disabled).toBe(false);
    expect((undrafted as HTMLOptionElement).disabled).toBe(true);
    expect(screen.getByText(/Or write a new one in/)).toBeTruthy();
  });

  it("explains a missing postal address and links to Settings", async () => {
    const api = stubApi({
      ...WIZARD,
      "POST /api/campaigns": () => json(campaign({ name: "First issue" }), 201),
      "POST /api/campaigns/c1/send": () => MISSING.clone(),
    });
    const { router } = renderAt("/campaigns");
    await toConfirmStep();
    fireEvent.click(await screen.findByRole("button", { name: "Send now" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(/Add your postal address in Settings/)).toBeTruthy();
    const link = within(alert).getByRole("link", { name: "Set the postal address in Settings" });
    expect(api.to("POST /api/campaigns/c1/send")).toHaveLength(1);
    fireEvent.click(link);
    await waitFor(() => expect(locationOf(router)).toBe("/settings"));
  });

  it("sets who the campaign is from and shows the From line it will carry before sending", async () => {
    const api = stubApi({
      ...WIZARD,
      "POST /api/campaigns": async (request) => {
        const body = (await request.json()) as { from_name: string; reply_to: string };
        return json(
          campaign({
            name: "First issue",
            from_name: body.from_name,
            from_address: `${body.from_name} <news@inkwell.test>`,
            reply_to: body.reply_to,
          }),
          201,
        );
      },
      "PATCH /api/campaigns/c1": async (request) => {
        const body = (await request.json()) as { from_name: string; reply_to: string | null };
        return json(campaign({ name: "First issue", from_name: body.from_name, reply_to: body.reply_to }));
      },
    });
    renderAt("/campaigns");
    await toDetailsStep();
    expect(screen.getByRole("listitem", { current: "step" }).textContent).toBe("Details");
    fireEvent.change(screen.getByLabelText("Campaign name"), { target: { value: "First issue" } });
    fireEvent.change(screen.getByLabelText("From name"), { target: { value: "Ride Captains" } });
    fireEvent.change(screen.getByLabelText("Reply-to"), { target: { value: "captains@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));

    const from = await screen.findByText("Ride Captains <news@inkwell.test>");
    // Who it goes to, in words: the list chosen on the audience step.
    expect(screen.getByText("Readers").previousElementSibling?.textContent).toBe("To");
    expect(from.tagName).toBe("DD");
    expect(from.previousElementSibling?.textContent).toBe("From");
    expect(screen.getByText("captains@example.com").previousElementSibling?.textContent).toBe("Reply-to");
    expect(api.to("POST /api/campaigns")[0]?.body).toMatchObject({
      from_name: "Ride Captains",
      reply_to: "captains@example.com",
    });

    // Emptied on the way back, both return to the workspace's defaults.
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    fireEvent.change(await screen.findByLabelText("From name"), { target: { value: " " } });
    fireEvent.change(screen.getByLabelText("Reply-to"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByText("Riverside Cycling Club <news@inkwell.test>");
    expect(screen.queryByText("Reply-to")).toBeNull();
    expect(api.to("PATCH /api/campaigns/c1")[0]?.body).toMatchObject({ from_name: "", reply_to: null });
  });

  it("previews the draft's email in a sandboxed frame, and loads it again once the draft changed", async () => {
    let edits = 0;
    const api = stubApi({
      ...WIZARD,
      "POST /api/campaigns": () => json(campaign({ name: "First issue" }), 201),
      "PATCH /api/campaigns/c1": () => {
        edits += 1;
        return json(campaign({ name: "First issue", updated_at: `2026-01-02T00:00:0${edits}Z` }));
      },
      "GET /api/campaigns/c1/preview": () =>
        new Response(`<h1>Hello Ada, edit ${edits}</h1>`, {
          headers: { "Content-Type": "text/html; charset=utf-8" },
        }),
    });
    renderAt("/campaigns");
    await toConfirmStep();
    expect(api.to("GET /api/campaigns/c1/preview")).toHaveLength(0);

    const open = await screen.findByRole("button", { name: "Preview the email" });
    expect(open.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(open);
    const frame = (await screen.findByTitle("Preview of First issue")) as HTMLIFrameElement;
    expect(frame.tagName).toBe("IFRAME");
    // Sandboxed with nothing allowed: the email's content runs no script in the app.
    expect(frame.getAttribute("sandbox")).toBe("");
    await waitFor(() => expect(frame.getAttribute("srcdoc")).toBe("<h1>Hello Ada, edit 0</h1>"));
    expect(screen.getByRole("button", { name: "Hide the email" }).getAttribute("aria-expanded")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    fireEvent.change(await screen.findByLabelText("Subject"), { target: { value: "New subject" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() =>
      expect(screen.getByTitle("Preview of First issue").getAttribute("srcdoc")).toBe(
        "<h1>Hello Ada, edit 1</h1>",
      ),
    );
    expect(api.to("GET /api/campaigns/c1/preview")).toHaveLength(2);

    fireEvent.click(screen.getByRole("button", { name: "Hide the email" }));
    expect(screen.queryByTitle("Preview of First issue")).toBeNull();
  });

  it("offers the test to the signed-in user's own address, and sends it where the field says", async () => {
    const api = stubApi({
      ...WIZARD,
      "POST /api/campaigns": () => json(campaign({ name: "First issue" }), 201),
      "POST /api/campaigns/c1/test": () => json({ message_id: "<t@x>" }, 202),
    });
    renderAt("/campaigns");
    await toConfirmStep();
    const field = (await screen.findByLabelText("Test email")) as HTMLInputElement;
    expect(field.value).toBe("ada@example.com");
    fireEvent.change(field, { target: { value: "proofs@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Send test" }));
    await screen.findByText("Test sent to proofs@example.com.");
    expect(api.to("POST /api/campaigns/c1/test").map((r) => r.body)).toEqual([
      { email: "proofs@example.com" },
    ]);
  });

  it("schedules at a time in each reader's zone, saying who has one", async () => {
    const api = stubApi({
      ...WIZARD,
      "POST /api/campaigns/audience-count": () =>
        json({
          recipients: 3,
          time_zones: [
            { timezone: "America/New_York", recipients: 1 },
            { timezone: "Asia/Tokyo", recipients: 1 },
            { timezone: null, recipients: 1 },
          ],
        }),
      "POST /api/campaigns": () => json(campaign({ name: "First issue" }), 201),
      "POST /api/campaigns/c1/schedule": () =>
        json(
          campaign({
            status: "scheduled",
            send_at: "2027-03-02T08:00:00Z",
            timezone: "Europe/Paris",
            reader_time_zone: true,
          }),
        ),
    });
    vi.spyOn(Intl, "supportedValuesOf").mockReturnValue(["Europe/Paris", "Asia/Tokyo"]);
    renderAt("/campaigns");
    await toConfirmStep();
    fireEvent.change(await screen.findByLabelText("Time zone"), { target: { value: "Europe/Paris" } });
    expect(screen.getByTestId("reader-zone-hint").textContent).toBe(
      "2 of 3 readers have a time zone (2 zones); the other 1 get it in Europe/Paris.",
    );
    const perReader = screen.getByRole("checkbox", { name: "At this time in each reader's time zone" });
    expect(perReader.getAttribute("aria-describedby")).toBe("reader-zone-hint");
    fireEvent.click(perReader);
    fireEvent.change(screen.getByLabelText("Send at"), { target: { value: "2027-03-02T09:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Schedule" }));
    await waitFor(() => expect(api.to("POST /api/campaigns/c1/schedule")).toHaveLength(1));
    expect(api.to("POST /api/campaigns/c1/schedule")[0]?.body).toEqual({
      send_at: "2027-03-02T09:00",
      timezone: "Europe/Paris",
      reader_time_zone: true,
    });
  });

  it("says when nobody in the audience has a time zone yet", () => {
    expect(readerZoneHint({ recipients: 4, time_zones: [{ timezone: null, recipients: 4 }] }, "UTC")).toBe(
      "None of these readers has a time zone yet, so all get it in UTC: set one on a contact, " +
        "or import a “Time zone” column.",
    );
    expect(
      readerZoneHint({ recipients: 2, time_zones: [{ timezone: "Asia/Tokyo", recipients: 2 }] }, "UTC"),
    ).toBe("2 of 2 readers have a time zone (1 zone): each gets it at this time where they are.");
  });

  it("arrives from the chat with the template made from that conversation chosen", async () => {
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () => json({ items: [] }),
      "GET /api/chat/threads": () =>
        json({ items: [{ id: "t1", title: "Spring", updated_at: "", has_draft: true }] }),
      "GET /api/templates": (request) =>
        json({ items: new URL(request.url).searchParams.get("scope") === "mine" ? [TEMPLATE] : [] }),
      "GET /api/lists": () => json({ items: [] }),
      "POST /api/campaigns/audience-count": () => json({ recipients: 0, time_zones: [] }),
    });
    renderAt("/campaigns?new=1&thread=t1");
    const picked = await screen.findByLabelText("Template");
    await waitFor(() => expect((picked as HTMLSelectElement).value).toBe("tpl1"));
    expect((screen.getByLabelText("Start from") as HTMLSelectElement).value).toBe("template");
  });

  it("arrives from the template editor with that template chosen", async () => {
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () => json({ items: [] }),
      "GET /api/chat/threads": () => json({ items: [] }),
      "GET /api/templates": (request) =>
        json({
          items:
            new URL(request.url).searchParams.get("scope") === "mine"
              ? [{ ...TEMPLATE, id: "tpl9", source_thread_id: null }]
              : [],
        }),
      "GET /api/lists": () => json({ items: [] }),
      "POST /api/campaigns/audience-count": () => json({ recipients: 0, time_zones: [] }),
    });
    renderAt("/campaigns?new=1&template=tpl9");
    expect((await screen.findByLabelText("Start from") as HTMLSelectElement).value).toBe("template");
    await screen.findByRole("option", { name: "Spring news" });
    expect((screen.getByLabelText("Template") as HTMLSelectElement).value).toBe("tpl9");
    expect(screen.queryByRole("button", { name: "New campaign" })).toBeNull();
  });

  it("goes back from the confirm step and changes the same draft, in the browser's time zone", async () => {
    const api = stubApi({
      ...WIZARD,
      "POST /api/campaigns": () => json(campaign({ name: "First issue", subject: "Spring" }), 201),
      "PATCH /api/campaigns/c1": async (request) => {
        const body = (await request.json()) as { name: string; subject: string };
        return json(campaign({ name: body.name, subject: body.subject }));
      },
    });
    // Chromium's list leaves out "UTC", what a browser set to UTC reports as its zone.
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    vi.spyOn(Intl, "supportedValuesOf").mockReturnValue(["Africa/Abidjan", "Europe/London"]);
    renderAt("/campaigns");
    await toConfirmStep();

    const zone = (await screen.findByLabelText("Time zone")) as HTMLSelectElement;
    expect(zone.value).toBe(browserZone);
    expect(zone.selectedOptions[0]?.textContent).toBe(browserZone);
    expect(screen.getByRole("listitem", { current: "step" }).textContent).toBe("Confirm");

    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    const subject = await screen.findByLabelText("Subject");
    fireEvent.change(subject, { target: { value: "Spring rides are back" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    const summary = await screen.findByText("Spring rides are back");
    expect(summary.tagName).toBe("DD");
    expect(api.to("POST /api/campaigns")).toHaveLength(1);
    const patches = api.to("PATCH /api/campaigns/c1");
    expect(patches).toHaveLength(1);
    expect(patches[0]?.body).toMatchObject({
      name: "First issue",
      subject: "Spring rides are back",
      audience: { list_ids: ["l1"], tags: [] },
    });
  });
});
