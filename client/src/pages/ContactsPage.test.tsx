import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Contact, ContactList } from "../api/contacts";
import { apiError, json, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { contact as contactOf } from "../test/contacts";
import { locationOf, renderAt } from "../test/render";

const LISTS: ContactList[] = [
  { id: "l1", name: "Newsletter", contact_count: 2 },
  { id: "l2", name: "Beta", contact_count: 0 },
];

function contact(id: string, email: string, extra: Partial<Contact> = {}): Contact {
  return contactOf({ id, email, ...extra });
}

const ADA = contact("c1", "ada@example.com", {
  first_name: "Ada",
  last_name: "Lovelace",
  tags: ["vip"],
  list_ids: ["l1"],
});
const GRACE = contact("c2", "grace@example.com", { first_name: "Grace" });
const ALAN = contact("c3", "alan@example.com", { status: "unsubscribed" });

function contactsApi(extra: Routes = {}) {
  return stubApi({
    ...SIGNED_IN,
    "GET /api/lists": () => json({ items: LISTS }),
    "GET /api/contacts": (request) => {
      const q = new URL(request.url).searchParams.get("q");
      const items = q ? [ADA, GRACE].filter((c) => c.email.includes(q)) : [ADA, GRACE];
      return json({ items, next_cursor: null });
    },
    ...extra,
  });
}

function bodyRows(): HTMLElement[] {
  return screen.getAllByRole("row").slice(1);
}

describe("ContactsPage", () => {
  it("lists contacts with their status, tags and lists", async () => {
    contactsApi();
    renderAt("/contacts");
    await screen.findByRole("heading", { level: 1, name: "Contacts" });
    await screen.findByRole("button", { name: "ada@example.com" });
    const rows = bodyRows();
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("Ada Lovelace")).toBeTruthy();
    expect(within(rows[0]!).getByText("Subscribed")).toBeTruthy();
    expect(within(rows[0]!).getByText("vip")).toBeTruthy();
    expect(await within(rows[0]!).findByText("Newsletter")).toBeTruthy();
  });

  it("shows the empty state when there are no contacts", async () => {
    contactsApi({ "GET /api/contacts": () => json({ items: [], next_cursor: null }) });
    renderAt("/contacts");
    expect(await screen.findByText("No contacts yet.")).toBeTruthy();
  });

  it("shows an error with a retry when the list fails", async () => {
    let calls = 0;
    contactsApi({
      "GET /api/contacts": () => {
        calls += 1;
        return calls === 1
          ? apiError(500, "internal_error", "boom")
          : json({ items: [ADA], next_cursor: null });
      },
    });
    renderAt("/contacts");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not load contacts.");
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByRole("button", { name: "ada@example.com" });
  });

  it("searches on the server with q after a pause in typing", async () => {
    const api = contactsApi();
    renderAt("/contacts");
    await screen.findByRole("button", { name: "grace@example.com" });
    expect(api.to("GET /api/contacts")).toHaveLength(1);

    fireEvent.change(screen.getByLabelText("Search contacts"), { target: { value: "ad" } });
    fireEvent.change(screen.getByLabelText("Search contacts"), { target: { value: "ada" } });
    // Debounced: nothing is sent while typing.
    expect(api.to("GET /api/contacts")).toHaveLength(1);

    // The debounce plus a render can outlast waitFor's 1 s default on a loaded machine.
    await waitFor(() => expect(screen.queryByRole("button", { name: "grace@example.com" })).toBeNull(), {
      timeout: 5000,
    });
    const searches = api.to("GET /api/contacts");
    expect(searches).toHaveLength(2);
    expect(new URLSearchParams(searches[1]!.search).get("q")).toBe("ada");
    expect(bodyRows()).toHaveLength(1);
  });

  it("opens with the search from the address and keeps the address in step", async () => {
    const api = contactsApi();
    const { router } = renderAt("/contacts?q=ada");
    await screen.findByRole("button", { name: "ada@example.com" });
    expect((screen.getByLabelText("Search contacts") as HTMLInputElement).value).toBe("ada");
    expect(new URLSearchParams(api.to("GET /api/contacts")[0]!.search).get("q")).toBe("ada");
    fireEvent.change(screen.getByLabelText("Search contacts"), { target: { value: "" } });
    await waitFor(() => expect(locationOf(router)).toBe("/contacts"));
    await screen.findByRole("button", { name: "grace@example.com" });
  });

  it("filters by list and status", async () => {
    const api = contactsApi();
    renderAt("/contacts");
    await screen.findByRole("button", { name: "ada@example.com" });
    await screen.findByRole("option", { name: "Newsletter" });
    fireEvent.change(screen.getByLabelText("List"), { target: { value: "l1" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "subscribed" } });
    await waitFor(() => {
      const last = api.to("GET /api/contacts").at(-1)!;
      const params = new URLSearchParams(last.search);
      expect(params.get("list_id")).toBe("l1");
      expect(params.get("status")).toBe("subscribed");
    });
  });

  it("filters by time zone, or by having none, and exports what it shows", async () => {
    const api = contactsApi();
    renderAt("/contacts");
    await screen.findByRole("button", { name: "ada@example.com" });
    const zone = screen.getByLabelText("Time zone") as HTMLSelectElement;
    expect(zone.options[1]?.textContent).toBe("Without one");
    fireEvent.change(zone, { target: { value: "none" } });
    await waitFor(() =>
      expect(new URLSearchParams(api.to("GET /api/contacts").at(-1)!.search).get("timezone")).toBe("none"),
    );
    expect(screen.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe(
      "/api/contacts/export.csv?timezone=none",
    );
  });

  it("appends the next page on Load more", async () => {
    const api = contactsApi({
      "GET /api/contacts": (request) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        return cursor === "page2"
          ? json({ items: [ALAN], next_cursor: null })
          : json({ items: [ADA, GRACE], next_cursor: "page2" });
      },
    });
    renderAt("/contacts");
    await screen.findByRole("button", { name: "ada@example.com" });
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByRole("button", { name: "alan@example.com" });
    expect(bodyRows().map((r) => within(r).getAllByRole("button")[0]!.textContent)).toEqual([
      "ada@example.com",
      "grace@example.com",
      "alan@example.com",
    ]);
    const calls = api.to("GET /api/contacts");
    expect(new URLSearchParams(calls.at(-1)!.search).get("cursor")).toBe("page2");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("adds a contact and shows a duplicate (409) inline under Email", async () => {
    const api = contactsApi({
      "POST /api/contacts": () =>
        apiError(409, "contact_exists", "A contact with this email already exists."),
    });
    renderAt("/contacts");
    await screen.findByRole("button", { name: "ada@example.com" });
    fireEvent.click(screen.getByRole("button", { name: "Add contact" }));
    const dialog = screen.getByRole("dialog", { name: "Add contact" });
    expect(within(dialog).getByRole("heading", { name: "Manual" })).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Email"));
    fireEvent.change(within(dialog).getByLabelText("Email"), {
      target: { value: "ada@example.com" },
    });
    fireEvent.change(within(dialog).getByLabelText("Tags"), { target: { value: "vip, new ,vip" } });
    await within(dialog).findByRole("checkbox", { name: "Newsletter" });
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Newsletter" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));

    expect(await within(dialog).findByText("A contact with this email already exists.")).toBeTruthy();
    expect(within(dialog).getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(api.to("POST /api/contacts")[0]!.body).toEqual({
      email: "ada@example.com",
      first_name: "",
      last_name: "",
      tags: ["vip", "new"],
      list_ids: ["l1"],
    });
  });

  it("shows 422 field errors inline and closes after a successful add", async () => {
    let attempts = 0;
    const created = contact("c9", "new@example.com", { first_name: "New" });
    const api = contactsApi({
      "POST /api/contacts": () => {
        attempts += 1;
        return attempts === 1
          ? apiError(422, "validation_error", "Check the fields.", {
              fields: { "body.first_name": ["String should have at most 200 characters"] },
            })
          : json(created, 201);
      },
    });
    renderAt("/contacts");
    await screen.findByRole("button", { name: "ada@example.com" });
    fireEvent.click(screen.getByRole("button", { name: "Add contact" }));
    const dialog = screen.getByRole("dialog", { name: "Add contact" });
    fireEvent.change(within(dialog).getByLabelText("Email"), { target: { value: "new@example.com" } });
    fireEvent.change(within(dialog).getByLabelText("First name"), { target: { value: "New" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));
    expect(await within(dialog).findByText("String should have at most 200 characters")).toBeTruthy();
    expect(within(dialog).getByLabelText("First name").getAttribute("aria-invalid")).toBe("true");

    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByText("Added new@example.com.")).toBeTruthy();
    // The table is asked again so the new contact shows where the filters put it.
    await waitFor(() => expect(api.to("GET /api/contacts").length).toBeGreaterThanOrEqual(2));
  });

  it("checks the email before sending", async () => {
    const api = contactsApi();
    renderAt("/contacts");
    await screen.findByRole("button", { name: "ada@example.com" });
    const opener = screen.getByRole("button", { name: "Add contact" });
    opener.focus(); // jsdom does not focus on click
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Add contact" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));
    expect(await within(dialog).findByText("Enter an email address.")).toBeTruthy();
    expect(api.to("POST /api/contacts")).toHaveLength(0);
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    // Focus goes back to the button that opened the dialog.
    expect(document.activeElement).toBe(opener);
  });

  it("asks to confirm before removing a contact", async () => {
    const api = contactsApi({ "DELETE /api/contacts/c2": () => json(null, 204) });
    renderAt("/contacts");
    await screen.findByRole("button", { name: "grace@example.com" });
    const row = bodyRows()[1]!;
    fireEvent.click(within(row).getByRole("button", { name: "Remove" }));
    expect(api.to("DELETE /api/contacts/c2")).toHaveLength(0);
    expect(within(row).getByText("Remove this contact?")).toBeTruthy();

    fireEvent.click(within(row).getByRole("button", { name: "Cancel" }));
    expect(within(row).queryByText("Remove this contact?")).toBeNull();
    expect(api.to("DELETE /api/contacts/c2")).toHaveLength(0);

    fireEvent.click(within(row).getByRole("button", { name: "Remove" }));
    fireEvent.click(within(row).getByRole("button", { name: "Confirm remove" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "grace@example.com" })).toBeNull());
    expect(api.to("DELETE /api/contacts/c2")).toHaveLength(1);
    expect(screen.getByText("Removed grace@example.com.")).toBeTruthy();
  });

  it("opens the drawer with the timeline, saves edits and unsubscribes", async () => {
    const api = contactsApi({
      "GET /api/contacts/c1/timeline": () =>
        json({
          items: [
            { id: 2, kind: "tagged", data: { tag: "vip" }, created_at: "2026-01-01T00:01:00Z" },
            { id: 1, kind: "created", data: {}, created_at: "2026-01-01T00:00:00Z" },
          ],
        }),
      "PATCH /api/contacts/c1": async (request) => {
        const body = (await request.json()) as Partial<Contact>;
        return json({ ...ADA, ...body });
      },
    });
    renderAt("/contacts");
    const row = (await screen.findByRole("button", { name: "ada@example.com" })).closest("tr")!;
    fireEvent.click(within(row).getByText("Ada Lovelace"));
    const drawer = screen.getByRole("dialog", { name: "ada@example.com" });
    expect(within(drawer).getByRole("heading", { level: 2, name: "ada@example.com" })).toBeTruthy();
    expect(await within(drawer).findByText("Tagged: vip")).toBeTruthy();
    expect(within(drawer).getByText("Created")).toBeTruthy();

    fireEvent.change(within(drawer).getByLabelText("Tags"), { target: { value: "vip, speaker" } });
    fireEvent.click(within(drawer).getByRole("button", { name: "Save changes" }));
    expect(await within(drawer).findByText("Changes saved.")).toBeTruthy();
    expect(api.to("PATCH /api/contacts/c1")[0]!.body).toMatchObject({ tags: ["vip", "speaker"] });
    expect(within(row).getByText("speaker")).toBeTruthy();

    fireEvent.click(within(drawer).getByRole("button", { name: "Unsubscribe" }));
    expect(await within(drawer).findByText("Unsubscribed.")).toBeTruthy();
    expect(api.to("PATCH /api/contacts/c1")[1]!.body).toEqual({ status: "unsubscribed" });
    expect(within(row).getByText("Unsubscribed")).toBeTruthy();
    expect(within(drawer).queryByRole("button", { name: "Unsubscribe" })).toBeNull();

    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("names the campaign on every timeline line about one", async () => {
    const campaign = { campaign_id: "k1", name: "December issue" };
    contactsApi({
      "GET /api/contacts/c1/timeline": () =>
        json({
          items: [
            { id: 5, kind: "unsubscribed", data: { ...campaign, source: "link" }, created_at: "2026-01-01T00:05:00Z" },
            { id: 4, kind: "campaign_clicked", data: { ...campaign, url: "https://example.com/story" }, created_at: "2026-01-01T00:04:00Z" },
            { id: 3, kind: "campaign_opened", data: campaign, created_at: "2026-01-01T00:03:00Z" },
            { id: -7, kind: "campaign_sent", data: campaign, created_at: "2026-01-01T00:02:00Z" },
            { id: 2, kind: "campaign_failed", data: { ...campaign, smtp_code: 550, reason: "the mailbox does not exist" }, created_at: "2026-01-01T00:01:00Z" },
          ],
        }),
    });
    renderAt("/contacts");
    const row = (await screen.findByRole("button", { name: "ada@example.com" })).closest("tr")!;
    fireEvent.click(within(row).getByText("Ada Lovelace"));
    const drawer = screen.getByRole("dialog", { name: "ada@example.com" });
    expect(await within(drawer).findByText("Sent: December issue")).toBeTruthy();
    expect(within(drawer).getByText("Opened: December issue")).toBeTruthy();
    expect(within(drawer).getByText("Clicked: December issue · https://example.com/story")).toBeTruthy();
    expect(within(drawer).getByText("Unsubscribed: December issue")).toBeTruthy();
    expect(
      within(drawer).getByText("Not delivered: December issue · the mailbox does not exist"),
    ).toBeTruthy();
  });

  it("creates a list and shows a duplicate name inline", async () => {
    let posts = 0;
    contactsApi({
      "POST /api/lists": () => {
        posts += 1;
        return posts === 1
          ? json({ id: "l3", name: "VIPs", contact_count: 0 }, 201)
          : apiError(409, "list_exists", "A list with this name already exists.");
      },
    });
    renderAt("/contacts");
    const panel = (await screen.findByRole("heading", { level: 2, name: "Lists" })).closest("aside")!;
    await within(panel).findByText("Newsletter");
    fireEvent.change(within(panel).getByLabelText("List name"), { target: { value: "VIPs" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Create list" }));
    expect(await within(panel).findByText("VIPs")).toBeTruthy();

    fireEvent.change(within(panel).getByLabelText("List name"), { target: { value: "VIPs" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Create list" }));
    expect(await within(panel).findByText("A list with this name already exists.")).toBeTruthy();
  });
});
