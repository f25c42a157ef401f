import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { TemplateSummary } from "../api/templates";
import { apiError, json, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { locationOf, renderAt } from "../test/render";

function summary(id: string, name: string, extra: Partial<TemplateSummary> = {}): TemplateSummary {
  return {
    id,
    name,
    description: `${name}, for every occasion.`,
    category: "newsletter",
    is_pro: false,
    status: "published",
    version: 1,
    scope: "marketplace",
    available: true,
    source_template_id: null,
    source_thread_id: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...extra,
  };
}

const CLASSIC = summary("m1", "Classic newsletter");
const EVENT = summary("m2", "Event invitation", { is_pro: true, available: false });
const MINE = summary("c1", "My newsletter", { scope: "mine", status: "draft", version: 4 });

function templatesApi(extra: Routes = {}) {
  return stubApi({
    ...SIGNED_IN,
    "GET /api/templates": (request) =>
      json({
        items: new URL(request.url).searchParams.get("scope") === "mine" ? [MINE] : [CLASSIC, EVENT],
      }),
    ...extra,
  });
}

// Generous: the first render loads the page's modules, and CI machines are busy.
const WAIT = { timeout: 5000 };

function card(name: string): HTMLElement {
  return screen.getByRole("heading", { name }).closest("li")!;
}

describe("TemplatesPage", () => {
  it("lists the marketplace with Pro labels and no prices, and my templates in the other tab", async () => {
    templatesApi();
    const { router } = renderAt("/templates");
    await screen.findByRole("heading", { level: 1, name: "Templates" }, WAIT);
    await screen.findByRole("heading", { name: "Classic newsletter" }, WAIT);
    expect(within(card("Event invitation")).getByText("Pro")).toBeTruthy();
    expect(within(card("Classic newsletter")).queryByText("Pro")).toBeNull();
    expect(screen.getByRole("tabpanel").textContent).not.toMatch(/[$€£]/);

    const mine = screen.getByRole("tab", { name: "My templates" });
    fireEvent.keyDown(screen.getByRole("tab", { name: "Marketplace" }), { key: "ArrowRight" });
    await waitFor(() => expect(mine.getAttribute("aria-selected")).toBe("true"), WAIT);
    expect(document.activeElement).toBe(mine);
    expect(locationOf(router)).toBe("/templates?tab=mine");
    await screen.findByRole("heading", { name: "My newsletter" }, WAIT);
    expect(within(card("My newsletter")).getByText("Draft")).toBeTruthy();
    expect(within(card("My newsletter")).getByRole("link", { name: "Edit" }).getAttribute("href")).toBe(
      "/templates/c1",
    );
  });

  it("shows each card's email as a lazy, sandboxed thumbnail of its preview, out of the tab order", async () => {
    templatesApi();
    renderAt("/templates");
    await screen.findByRole("heading", { name: "Classic newsletter" }, WAIT);
    const frame = card("Classic newsletter").querySelector("iframe");
    expect(frame?.getAttribute("src")).toBe("/api/templates/m1/preview");
    expect(frame?.getAttribute("sandbox")).toBe("");
    expect(frame?.getAttribute("loading")).toBe("lazy");
    expect(frame?.tabIndex).toBe(-1);
    expect(frame?.closest("[aria-hidden='true']")).not.toBeNull();

    fireEvent.click(screen.getByRole("tab", { name: "My templates" }));
    await screen.findByRole("heading", { name: "My newsletter" }, WAIT);
    // My templates change: the thumbnail asks for the version the card shows.
    expect(card("My newsletter").querySelector("iframe")?.getAttribute("src")).toBe(
      "/api/templates/c1/preview?version=4",
    );
  });

  it("copies a marketplace template with the chat draft and opens the editor, keeping the thread", async () => {
    const api = templatesApi({
      "GET /api/chat/threads/th1": () =>
        json({ id: "th1", state: "reviewing", messages: [], draft: null }),
      "POST /api/templates": () => json({ ...CLASSIC, id: "new1", scope: "mine", sections: [] }, 201),
    });
    const { router } = renderAt("/templates?thread=th1");
    await screen.findByRole("heading", { name: "Classic newsletter" }, WAIT);
    fireEvent.click(within(card("Classic newsletter")).getByRole("button", { name: "Use this template" }));
    await waitFor(() => expect(locationOf(router)).toBe("/templates/new1?thread=th1"), WAIT);
    const [post] = api.to("POST /api/templates");
    // No name: the server names the copy after the draft's subject.
    expect(post!.body).toEqual({ from_template_id: "m1", thread_id: "th1" });
    expect(post!.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it("sends a lost copy again under the same Idempotency-Key, and a new action under a new one", async () => {
    let answers: ("network" | "busy" | "created")[] = ["network", "created"];
    const api = templatesApi({
      "POST /api/templates": () => {
        const answer = answers.shift();
        if (answer === "network") throw new TypeError("Failed to fetch");
        if (answer === "busy") return apiError(503, "unavailable", "Try again in a moment.");
        return json({ ...CLASSIC, id: "new1", scope: "mine", sections: [] }, 201);
      },
    });
    const { router } = renderAt("/templates");
    await screen.findByRole("heading", { name: "Classic newsletter" }, WAIT);
    const use = () =>
      fireEvent.click(within(card("Classic newsletter")).getByRole("button", { name: "Use this template" }));

    // An answer from the server is final: shown, not retried.
    answers = ["busy"];
    use();
    expect((await screen.findByRole("alert", {}, WAIT)).textContent).toContain("Could not use “Classic newsletter”.");
    expect(api.to("POST /api/templates")).toHaveLength(1);

    // The user tries again: a new action, a new key; its lost request is resent with that key.
    answers = ["network", "created"];
    use();
    await waitFor(() => expect(locationOf(router)).toBe("/templates/new1"), WAIT);
    const keys = api.to("POST /api/templates").map((r) => r.headers.get("Idempotency-Key"));
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[2]);
    expect(keys[0]).not.toBe(keys[1]);
    expect(api.to("POST /api/templates")[2]!.body).toEqual({
      from_template_id: "m1",
      name: "Classic newsletter",
    });
  });

  it("shows the server's refusal of a pro template and links to Pricing", async () => {
    templatesApi({
      "POST /api/templates": () =>
        apiError(403, "plan_required", "“Event invitation” is a Pro template: upgrade to Pro to copy it."),
    });
    renderAt("/templates");
    await screen.findByRole("heading", { name: "Event invitation" }, WAIT);
    fireEvent.click(within(card("Event invitation")).getByRole("button", { name: "Use this template" }));
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("upgrade to Pro to copy it");
    expect(within(alert).getByRole("link", { name: "See plans on the Pricing page" }).getAttribute("href")).toBe(
      "/pricing",
    );
  });

  it("says so when there is nothing, and offers to retry a failed load", async () => {
    let fail = true;
    templatesApi({
      "GET /api/templates": () =>
        fail ? apiError(503, "unavailable", "Down") : json({ items: [] }),
    });
    renderAt("/templates?tab=mine");
    const alert = await screen.findByRole("alert", {}, WAIT);
    expect(alert.textContent).toContain("Could not load the templates.");
    fail = false;
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByText("You have no templates yet.", {}, WAIT);
  });
});
