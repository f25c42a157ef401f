import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ContactList, ImportJob } from "../api/contacts";
import type { BulkProgress, ImportProgress } from "../realtime/events";
import { json, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { contact } from "../test/contacts";
import { renderAt } from "../test/render";

const socket = vi.hoisted(() => ({
  listeners: [] as ((payload: ImportProgress) => void)[],
  bulkListeners: [] as ((payload: BulkProgress) => void)[],
}));

vi.mock(import("../realtime/socket"), async (importOriginal) => {
  const actual = await importOriginal();
  return {
    ...actual,
    restart: vi.fn(),
    connect: vi.fn(),
    disconnect: vi.fn(),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      if (event === "import:progress") socket.listeners.push(listener);
      if (event === "bulk:progress") socket.bulkListeners.push(listener);
      return () => {
        socket.listeners = socket.listeners.filter((l) => l !== listener);
        socket.bulkListeners = socket.bulkListeners.filter((l) => l !== listener);
      };
    }) as unknown as typeof actual.on,
  };
});

const LISTS: ContactList[] = [{ id: "l1", name: "Newsletter", contact_count: 0 }];

const ADA = contact({ id: "c1", email: "ada@example.com" });
const GRACE = contact({ id: "c2", email: "grace@example.com" });
const ALAN = contact({ id: "c3", email: "alan@example.com" });

function contactsApi(extra: Routes = {}) {
  return stubApi({
    ...SIGNED_IN,
    "GET /api/lists": () => json({ items: LISTS }),
    "GET /api/contacts": () => json({ items: [ADA, GRACE, ALAN], next_cursor: null }),
    ...extra,
  });
}

function job(extra: Partial<ImportJob>): ImportJob {
  return {
    id: "job1",
    status: "queued",
    total_rows: 4,
    imported: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    error: null,
    ...extra,
  };
}

const CSV = "E-mail Address;Given name;Plan\nada@x.io;Ada;pro\nnot-an-email;Bob;free\n";

describe("Import CSV", () => {
  it("posts multipart with the mapping and follows progress by polling until completed", async () => {
    const posted: FormData[] = [];
    const answers = [
      job({ status: "running", imported: 1, failed: 1 }),
      job({ status: "completed", imported: 2, updated: 1, failed: 1 }),
    ];
    const api = contactsApi({
      "POST /api/contacts/imports": async (request) => {
        posted.push(await request.formData());
        return json({ id: "job1", status: "queued" }, 202);
      },
      "GET /api/contacts/imports/job1": () => json(answers.length > 1 ? answers.shift() : answers[0]),
    });
    renderAt("/contacts");
    await screen.findByRole("checkbox", { name: "Select ada@example.com" });
    fireEvent.click(screen.getByRole("button", { name: "Add contact" }));
    const dialog = await screen.findByRole("dialog", { name: "Add contact" });
    expect(within(dialog).getByRole("tab", { name: "Manual" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    fireEvent.click(within(dialog).getByRole("tab", { name: "Import CSV" }));

    const file = new File([CSV], "people.csv", { type: "text/csv" });
    fireEvent.change(within(dialog).getByLabelText("CSV file"), { target: { files: [file] } });

    const emailColumn = (await within(dialog).findByLabelText(
      "Import column E-mail Address as",
    )) as HTMLSelectElement;
    expect(emailColumn.value).toBe("email");
    expect(
      (within(dialog).getByLabelText("Import column Given name as") as HTMLSelectElement).value,
    ).toBe("first_name");
    expect((within(dialog).getByLabelText("Import column Plan as") as HTMLSelectElement).value).toBe(
      "attribute",
    );
    expect(within(dialog).getByText(/Detected 3 columns \(semicolon separated\)/)).toBeTruthy();
    expect(within(dialog).getByText("not-an-email")).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText("Import column Given name as"), {
      target: { value: "ignore" },
    });
    fireEvent.change(within(dialog).getByLabelText("Duplicates"), { target: { value: "update" } });
    fireEvent.change(within(dialog).getByLabelText("Add to list"), { target: { value: "l1" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Start import" }));

    const bar = await within(dialog).findByRole("progressbar");
    await waitFor(() => expect(posted).toHaveLength(1));
    const form = posted[0]!;
    expect(form.get("duplicate_policy")).toBe("update");
    expect(form.get("list_id")).toBe("l1");
    expect(JSON.parse(String(form.get("mapping")))).toEqual({
      "E-mail Address": "email",
      "Given name": "ignore",
      Plan: "Plan",
    });
    expect(form.has("file")).toBe(true);

    // First poll: running, 2 of 4 rows.
    await waitFor(() => expect(bar.getAttribute("aria-valuenow")).toBe("50"), { timeout: 3000 });
    expect(bar.getAttribute("aria-valuetext")).toBe("2 of 4 rows");
    const contactLoads = api.to("GET /api/contacts").length;

    // Second poll: completed.
    await within(dialog).findByText("Import completed.", {}, { timeout: 3000 });
    expect(bar.getAttribute("aria-valuenow")).toBe("100");
    expect(within(dialog).getByText(/Imported 2, updated 1, skipped 0, failed 1\./)).toBeTruthy();
    expect(
      within(dialog).getByRole("link", { name: "Download report" }).getAttribute("href"),
    ).toBe("/api/contacts/imports/job1/report.csv");
    await waitFor(() => expect(api.to("GET /api/contacts").length).toBeGreaterThan(contactLoads));

    // Polling stopped once the job ended.
    const polls = api.to("GET /api/contacts/imports/job1").length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(api.to("GET /api/contacts/imports/job1")).toHaveLength(polls);
  }, 15000);

  it("opens straight on the import tab from the page's Import CSV button", async () => {
    contactsApi({});
    renderAt("/contacts");
    fireEvent.click(await screen.findByRole("button", { name: "Import CSV" }));
    const dialog = await screen.findByRole("dialog", { name: "Add contact" });
    expect(within(dialog).getByRole("tab", { name: "Import CSV" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(document.activeElement).toBe(within(dialog).getByLabelText("CSV file"));
    expect(within(dialog).queryByLabelText("Email")).toBeNull();
  });

  it("moves the bar on socket hints and shows the job's error on failure", async () => {
    contactsApi({
      "POST /api/contacts/imports": () => json({ id: "job1", status: "queued" }, 202),
      "GET /api/contacts/imports/job1": () =>
        json(job({ status: "failed", error: "The file is not valid UTF-8 or Latin-1." })),
    });
    renderAt("/contacts");
    fireEvent.click(await screen.findByRole("button", { name: "Add contact" }));
    const dialog = await screen.findByRole("dialog", { name: "Add contact" });
    fireEvent.click(within(dialog).getByRole("tab", { name: "Import CSV" }));
    fireEvent.change(within(dialog).getByLabelText("CSV file"), {
      target: { files: [new File([CSV], "people.csv")] },
    });
    await within(dialog).findByLabelText("Import column E-mail Address as");
    fireEvent.click(within(dialog).getByRole("button", { name: "Start import" }));
    const bar = await within(dialog).findByRole("progressbar");
    await waitFor(() => expect(socket.listeners.length).toBeGreaterThan(0));
    socket.listeners.forEach((listener) =>
      listener({ id: "job1", status: "running", total_rows: 4, imported: 3, updated: 0, skipped: 0, failed: 0 }),
    );
    await waitFor(() => expect(bar.getAttribute("aria-valuenow")).toBe("75"));
    const alert = await within(dialog).findByRole("alert", {}, { timeout: 3000 });
    expect(alert.textContent).toBe("The file is not valid UTF-8 or Latin-1.");
  }, 10000);
});

describe("Bulk actions", () => {
  it("sends the selected ids, or the filter with Apply to all matching", async () => {
    const api = contactsApi({
      "POST /api/contacts/bulk": async (request) => {
        const body = (await request.json()) as { action: string; ids?: string[] };
        return json({ action: body.action, affected: body.ids ? body.ids.length : 7 });
      },
    });
    renderAt("/contacts");
    await screen.findByRole("checkbox", { name: "Select ada@example.com" });
    expect(screen.queryByRole("toolbar", { name: "Bulk actions" })).toBeNull();

    fireEvent.click(screen.getByRole("checkbox", { name: "Select ada@example.com" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select alan@example.com" }));
    const bar = screen.getByRole("toolbar", { name: "Bulk actions" });
    expect(within(bar).getByText("2 selected")).toBeTruthy();
    fireEvent.click(within(bar).getByRole("button", { name: "Tag…" }));
    fireEvent.change(within(bar).getByLabelText("Tag to add"), { target: { value: "VIP" } });
    fireEvent.click(within(bar).getByRole("button", { name: "Apply" }));

    await waitFor(() => expect(api.to("POST /api/contacts/bulk")).toHaveLength(1));
    expect(api.to("POST /api/contacts/bulk")[0]!.body).toEqual({
      action: "tag",
      ids: ["c1", "c3"],
      tag: "VIP",
    });
    expect((await screen.findByText("Tagged: 2 contacts affected.")).getAttribute("role")).toBe("status");
    // The selection is cleared and the table reloaded.
    await waitFor(() => expect(screen.queryByRole("toolbar", { name: "Bulk actions" })).toBeNull());

    // Header checkbox, a filter, and Apply to all matching.
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "subscribed" } });
    await waitFor(() =>
      expect(new URLSearchParams(api.to("GET /api/contacts").at(-1)!.search).get("status")).toBe(
        "subscribed",
      ),
    );
    await screen.findByRole("checkbox", { name: "Select ada@example.com" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Select all on this page" }));
    expect(
      (screen.getByRole("checkbox", { name: "Select grace@example.com" }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    const bar2 = screen.getByRole("toolbar", { name: "Bulk actions" });
    expect(within(bar2).getByText("3 selected")).toBeTruthy();
    fireEvent.click(within(bar2).getByRole("checkbox", { name: "Apply to all matching" }));
    fireEvent.click(within(bar2).getByRole("button", { name: "Delete" }));
    expect(api.to("POST /api/contacts/bulk")).toHaveLength(1); // confirm first
    fireEvent.click(within(bar2).getByRole("button", { name: "Confirm delete" }));
    await waitFor(() => expect(api.to("POST /api/contacts/bulk")).toHaveLength(2));
    expect(api.to("POST /api/contacts/bulk")[1]!.body).toEqual({
      action: "delete",
      filter: { q: null, list_id: null, tag: null, status: "subscribed", timezone: null },
    });
    expect((await screen.findByText("Deleted: 7 contacts affected.")).getAttribute("role")).toBe("status");
  });

  it("sets the time zone of the selected contacts, and clears it when left empty", async () => {
    const api = contactsApi({
      "POST /api/contacts/bulk": async (request) => {
        const body = (await request.json()) as { action: string; ids: string[] };
        return json({ action: body.action, affected: body.ids.length });
      },
    });
    renderAt("/contacts");
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select ada@example.com" }));
    const bar = screen.getByRole("toolbar", { name: "Bulk actions" });
    fireEvent.click(within(bar).getByRole("button", { name: "Time zone…" }));
    const field = within(bar).getByLabelText("Time zone to set");
    expect(within(bar).getByRole("button", { name: "Clear" })).toBeTruthy();
    fireEvent.change(field, { target: { value: "Asia/Tokyo" } });
    fireEvent.keyDown(field, { key: "Enter" });
    await waitFor(() => expect(api.to("POST /api/contacts/bulk")).toHaveLength(1));
    expect(api.to("POST /api/contacts/bulk")[0]!.body).toEqual({
      action: "set_timezone",
      ids: ["c1"],
      timezone: "Asia/Tokyo",
    });
    expect(await screen.findByText("Time zone set: 1 contact affected.")).toBeTruthy();

    fireEvent.click(await screen.findByRole("checkbox", { name: "Select ada@example.com" }));
    const again = screen.getByRole("toolbar", { name: "Bulk actions" });
    fireEvent.click(within(again).getByRole("button", { name: "Time zone…" }));
    fireEvent.click(within(again).getByRole("button", { name: "Clear" }));
    await waitFor(() => expect(api.to("POST /api/contacts/bulk")).toHaveLength(2));
    expect(api.to("POST /api/contacts/bulk")[1]!.body).toMatchObject({ action: "set_timezone", timezone: "" });
  });

  it("follows a large action running as a job until it completes", async () => {
    const started: BulkProgress = {
      id: "bulk1", action: "tag", status: "queued", total: 12000, done: 0, affected: 0, error: null,
    };
    let finished = false;
    const api = contactsApi({
      "POST /api/contacts/bulk": () => json(started, 202),
      "GET /api/contacts/bulk/bulk1": () =>
        json(finished ? { ...started, status: "completed", done: 12000, affected: 12000 } : started),
    });
    renderAt("/contacts");
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select ada@example.com" }));
    const bar = screen.getByRole("toolbar", { name: "Bulk actions" });
    fireEvent.click(within(bar).getByRole("checkbox", { name: "Apply to all matching" }));
    fireEvent.click(within(bar).getByRole("button", { name: "Tag…" }));
    fireEvent.change(within(bar).getByLabelText("Tag to add"), { target: { value: "fans" } });
    fireEvent.click(within(bar).getByRole("button", { name: "Apply" }));

    const progress = await screen.findByRole("progressbar", { name: "Bulk action progress" });
    expect(progress.getAttribute("aria-valuetext")).toBe("0 of 12000 contacts");
    expect(within(bar).getByRole("button", { name: "Unsubscribe" })).toHaveProperty("disabled", true);
    await waitFor(() => expect(socket.bulkListeners.length).toBeGreaterThan(0));
    socket.bulkListeners.forEach((listener) =>
      listener({ ...started, status: "running", done: 6000, affected: 6000 }),
    );
    await waitFor(() => expect(progress.getAttribute("aria-valuenow")).toBe("50"));
    // Another job's events are not ours.
    socket.bulkListeners.forEach((listener) =>
      listener({ ...started, id: "other", status: "running", done: 100 }),
    );
    expect(progress.getAttribute("aria-valuenow")).toBe("50");

    finished = true;
    socket.bulkListeners.forEach((listener) =>
      listener({ ...started, status: "completed", done: 12000, affected: 12000 }),
    );
    expect(
      (await screen.findByText("Tagged: 12000 contacts affected.")).getAttribute("role"),
    ).toBe("status");
    expect(api.to("GET /api/contacts/bulk/bulk1").length).toBeGreaterThan(0);
    expect(screen.queryByRole("progressbar", { name: "Bulk action progress" })).toBeNull();
  });

  it("links Export CSV to the export with the current filters", async () => {
    contactsApi();
    renderAt("/contacts?q=ada");
    await screen.findByRole("checkbox", { name: "Select ada@example.com" });
    fireEvent.change(screen.getByLabelText("List"), { target: { value: "l1" } });
    await waitFor(() =>
      expect(screen.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe(
        "/api/contacts/export.csv?q=ada&list_id=l1",
      ),
    );
  });
});
