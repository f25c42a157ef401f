import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Section, Template } from "../api/templates";
import { apiError, json, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { columns, footer, heading, text } from "../test/sections";
import { renderAt } from "../test/render";

const SECTIONS: Section[] = [heading("title", "Hello"), text("intro", "Intro"), footer("footer")];

const THEME: Template["theme"] = {
  accent_color: "#2563eb",
  background: "#f4f4f5",
  content_background: "#ffffff",
  font: "sans",
  heading_color: "#111827",
  muted_color: "#6b7280",
  text_color: "#1f2933",
  width: 600,
};

function template(version: number, sections: Section[] = SECTIONS, extra: Partial<Template> = {}): Template {
  return {
    id: "t1",
    name: "My newsletter",
    description: "",
    category: "newsletter",
    is_pro: false,
    status: "draft",
    version,
    scope: "mine",
    available: true,
    source_template_id: null,
    source_thread_id: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    sections,
    theme: THEME,
    ...extra,
  };
}

function editorApi(routes: Routes) {
  return stubApi({ ...SIGNED_IN, ...routes });
}

// Generous: the first render loads the whole editor, and CI machines are busy.
const WAIT = { timeout: 5000 };

async function saveStatus() {
  return screen.findByRole("status", { name: "Save status" }, WAIT);
}

function section(index: number): HTMLElement {
  const list = screen.getByRole("list", { name: "Sections" });
  return within(list).getAllByRole("listitem")[index]!;
}

describe("TemplateEditorPage", () => {
  it("autosaves an edit with If-Match and shows Saving… then Saved", async () => {
    let current = template(1);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = editorApi({
      "GET /api/templates/t1": () => json(current),
      "PUT /api/templates/t1": async (request) => {
        await held;
        const body = (await request.json()) as { sections: Section[]; name: string };
        current = template(current.version + 1, body.sections);
        return json(current);
      },
    });
    renderAt("/templates/t1");
    await saveStatus();
    expect((await saveStatus()).textContent).toBe("Saved");

    fireEvent.change(within(section(0)).getByLabelText("Heading text"), {
      target: { value: "Hello there" },
    });
    expect((await saveStatus()).textContent).toBe("Unsaved changes");
    await waitFor(() => expect(api.to("PUT /api/templates/t1")).toHaveLength(1), WAIT);
    const put = api.to("PUT /api/templates/t1")[0]!;
    expect(put.headers.get("If-Match")).toBe("1");
    expect(screen.getByRole("status", { name: "Save status" }).textContent).toBe("Saving…");
    release();
    expect(put.body).toMatchObject({
      name: "My newsletter",
      sections: [{ id: "title", text: "Hello there" }, { id: "intro" }, { id: "footer" }],
    });
    await waitFor(() => expect(screen.getByRole("status", { name: "Save status" }).textContent).toBe("Saved"), WAIT);
    expect(screen.getByText("Version 2")).toBeTruthy();
  });

  it("moves sections with the buttons; the footer stays last and cannot be removed", async () => {
    editorApi({ "GET /api/templates/t1": () => json(template(1)) });
    renderAt("/templates/t1");
    await saveStatus();
    expect((within(section(0)).getByRole("button", { name: "Move up" }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(section(1)).getByRole("button", { name: "Move down" }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(section(2)).queryByRole("button", { name: "Remove" })).toBeNull();
    expect(within(section(2)).getByText("Always last; cannot be removed")).toBeTruthy();

    fireEvent.click(within(section(0)).getByRole("button", { name: "Move down" }));
    expect(within(section(0)).getByRole("heading").textContent).toContain("1. Text");
    expect(within(section(1)).getByRole("heading").textContent).toContain("2. Heading");

    fireEvent.click(within(section(0)).getByRole("button", { name: "Remove" }));
    expect(within(screen.getByRole("list", { name: "Sections" })).getAllByRole("listitem")).toHaveLength(2);
  });

  it("on a conflict shows both versions and keeps both changes on top of theirs", async () => {
    const theirs = template(2, [
      heading("title", "Their title"),
      SECTIONS[1]!,
      SECTIONS[2]!,
    ]);
    let puts = 0;
    const api = editorApi({
      "GET /api/templates/t1": () => json(puts === 0 ? template(1) : theirs),
      "PUT /api/templates/t1": async (request) => {
        puts += 1;
        if (puts === 1) {
          return apiError(409, "version_conflict", "Someone saved this template since you opened it.", {
            current_version: 2,
          });
        }
        const body = (await request.json()) as { sections: Section[] };
        return json(template(3, body.sections));
      },
    });
    renderAt("/templates/t1");
    await saveStatus();

    fireEvent.change(within(section(1)).getByLabelText("Text"), { target: { value: "My intro" } });
    const dialog = await screen.findByRole(
      "dialog",
      { name: "This template was changed elsewhere" },
      WAIT,
    );
    expect((await saveStatus()).textContent).toBe("Conflict");
    expect(within(dialog).getByRole("region", { name: "Your version" }).textContent).toContain("My intro");
    expect(within(dialog).getByRole("region", { name: "Current version (version 2)" }).textContent).toContain(
      "Their title",
    );

    fireEvent.click(within(dialog).getByRole("button", { name: "Keep both changes" }));
    await waitFor(() => expect(api.to("PUT /api/templates/t1")).toHaveLength(2), WAIT);
    const second = api.to("PUT /api/templates/t1")[1]!;
    expect(second.headers.get("If-Match")).toBe("2");
    expect(second.body).toMatchObject({
      sections: [
        { id: "title", text: "Their title" },
        { id: "intro", markdown: "My intro" },
        { id: "footer" },
      ],
    });
    await waitFor(() => expect(screen.getByRole("status", { name: "Save status" }).textContent).toBe("Saved"), WAIT);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect((within(section(0)).getByLabelText("Heading text") as HTMLInputElement).value).toBe("Their title");
  });

  it("shows a failed save and tries again on request", async () => {
    let fail = true;
    const api = editorApi({
      "GET /api/templates/t1": () => json(template(1)),
      "PUT /api/templates/t1": () =>
        fail
          ? apiError(422, "validation_error", "Heading text: must not be empty.")
          : json(template(2)),
    });
    renderAt("/templates/t1");
    await saveStatus();
    fireEvent.change(within(section(0)).getByLabelText("Heading text"), { target: { value: "" } });
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("Heading text: must not be empty.");
    expect(screen.getByRole("status", { name: "Save status" }).textContent).toBe("Not saved");
    fail = false;
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(api.to("PUT /api/templates/t1")).toHaveLength(2), WAIT);
    await waitFor(() => expect(screen.getByRole("status", { name: "Save status" }).textContent).toBe("Saved"), WAIT);
  });

  it("sends edits still waiting for the debounce when the user leaves the editor", async () => {
    const api = editorApi({
      "GET /api/templates/t1": () => json(template(1)),
      "GET /api/templates": () => json({ items: [] }),
      "PUT /api/templates/t1": () => json(template(2)),
    });
    const { router } = renderAt("/templates/t1");
    await saveStatus();
    fireEvent.change(within(section(0)).getByLabelText("Heading text"), { target: { value: "Quick" } });
    fireEvent.click(screen.getByRole("link", { name: "← All templates" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/templates"), WAIT);
    await waitFor(() => expect(api.to("PUT /api/templates/t1")).toHaveLength(1), WAIT);
    expect(api.to("PUT /api/templates/t1")[0]!.body).toMatchObject({
      sections: [{ id: "title", text: "Quick" }, { id: "intro" }, { id: "footer" }],
    });
  });

  it("previews the saved version, or the unsaved draft through POST /api/templates/preview", async () => {
    const api = editorApi({
      "GET /api/templates/t1": () => json(template(1)),
      "GET /api/templates/t1/preview": () =>
        new Response("<p>saved</p>", { headers: { "Content-Type": "text/html" } }),
      "POST /api/templates/preview": () =>
        new Response("<p>unsaved</p>", { headers: { "Content-Type": "text/html" } }),
    });
    renderAt("/templates/t1");
    await saveStatus();
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    let frame = await screen.findByTitle("Preview of My newsletter");
    expect(frame.getAttribute("srcdoc")).toBe("<p>saved</p>");
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(api.to("GET /api/templates/t1/preview")[0]!.search).toBe("?version=1");
    fireEvent.click(screen.getByRole("button", { name: "Close" }));

    fireEvent.change(within(section(0)).getByLabelText("Heading text"), { target: { value: "Draft" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    frame = await screen.findByTitle("Preview of My newsletter");
    expect(frame.getAttribute("srcdoc")).toBe("<p>unsaved</p>");
    expect(api.to("POST /api/templates/preview")[0]!.body).toMatchObject({
      sections: [{ id: "title", text: "Draft" }, { id: "intro" }, { id: "footer" }],
      theme: THEME,
    });
  });

  it("edits the blocks inside columns: change, add and remove", async () => {
    const api = editorApi({
      "GET /api/templates/t1": () =>
        json(template(1, [columns("cols", [text("left", "Left")], [text("right", "Right")]), footer("footer")])),
      "PUT /api/templates/t1": () => json(template(2)),
    });
    renderAt("/templates/t1");
    await saveStatus();
    const first = within(section(0)).getByRole("group", { name: "Column 1" });
    fireEvent.change(within(first).getByLabelText("Text"), { target: { value: "Left, edited" } });
    fireEvent.change(within(first).getByLabelText("Add to column 1"), { target: { value: "button" } });
    fireEvent.click(within(first).getByRole("button", { name: "Add" }));
    const second = within(section(0)).getByRole("group", { name: "Column 2" });
    fireEvent.click(within(second).getByRole("button", { name: "Remove text from column 2" }));
    expect(within(second).getByText("Empty column.")).toBeTruthy();

    await waitFor(() => expect(api.to("PUT /api/templates/t1")).toHaveLength(1), WAIT);
    const body = api.to("PUT /api/templates/t1")[0]!.body as { sections: Section[] };
    expect(body.sections[0]).toMatchObject({
      id: "cols",
      columns: [
        { blocks: [{ id: "left", markdown: "Left, edited" }, { type: "button", label: "Read more" }] },
        { blocks: [] },
      ],
    });
  });

  it("sends a test to the user, or says what is missing", async () => {
    let missing = true;
    editorApi({
      "GET /api/templates/t1": () => json(template(1)),
      "POST /api/templates/t1/test-send": () =>
        missing
          ? apiError(422, "postal_address_missing", "Add your postal address in Settings.")
          : json({ to: "ada@example.com", message_id: "<m1@inkwell>" }, 202),
    });
    renderAt("/templates/t1");
    await saveStatus();
    fireEvent.click(screen.getByRole("button", { name: "Send a test" }));
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("Add your postal address in Settings.");
    expect(within(alert).getByRole("link", { name: "Open Settings" }).getAttribute("href")).toBe("/settings");

    missing = false;
    fireEvent.click(screen.getByRole("button", { name: "Send a test" }));
    await screen.findByText("Test sent to ada@example.com. It is exactly what recipients will get.", {}, WAIT);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("keeps the chat thread and shows its draft beside the editor", async () => {
    editorApi({
      "GET /api/templates/t1": () => json(template(1)),
      "GET /api/chat/threads/th1": () =>
        json({
          id: "th1",
          state: "reviewing",
          messages: [],
          draft: { subject: "Fresh bread", preheader: "", sections: [{ heading: "Workshop", body: "", html: "" }] },
        }),
    });
    renderAt("/templates/t1?thread=th1");
    const aside = await screen.findByRole("complementary", { name: "Your draft" });
    await waitFor(() => expect(aside.textContent).toContain("Fresh bread"), WAIT);
    expect(aside.textContent).toContain("Workshop");
  });

  it("duplicates under one Idempotency-Key, resent on a network failure, and opens the copy", async () => {
    let lost = true;
    const api = editorApi({
      "GET /api/templates/t1": () => json(template(1)),
      "GET /api/templates/t2": () => json(template(1, SECTIONS, { id: "t2", name: "Copy of My newsletter" })),
      "POST /api/templates/t1/duplicate": () => {
        if (lost) {
          lost = false;
          throw new TypeError("Failed to fetch");
        }
        return json(template(1, SECTIONS, { id: "t2", name: "Copy of My newsletter" }), 201);
      },
    });
    const { router } = renderAt("/templates/t1?thread=th1");
    await saveStatus();
    fireEvent.click(screen.getByRole("button", { name: "Duplicate" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/templates/t2"), WAIT);
    expect(router.state.location.search).toBe("?thread=th1");
    const keys = api.to("POST /api/templates/t1/duplicate").map((r) => r.headers.get("Idempotency-Key"));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });
});
