import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ApiKeyInfo, SessionInfo } from "../api/auth";
import { apiError, json, ME, SIGNED_IN, stubApi, type Routes } from "../test/api";
import { renderAt } from "../test/render";

const NOW = new Date().toISOString();
const SESSIONS: SessionInfo[] = [
  {
    id: "s-other",
    created_at: "2026-01-02T10:00:00Z",
    last_seen_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
    ip: "203.0.113.9",
    user_agent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    current: false,
  },
  {
    id: "s-here",
    created_at: "2026-01-03T10:00:00Z",
    last_seen_at: NOW,
    ip: "127.0.0.1",
    user_agent:
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    current: true,
  },
];
const KEYS: ApiKeyInfo[] = [
  {
    id: "k1",
    name: "Zapier",
    prefix: "ink_abc123",
    scopes: ["contacts:read"],
    created_at: "2026-01-01T00:00:00Z",
    last_used_at: null,
    revoked_at: null,
  },
];

const WORKSPACE = {
  id: ME.workspace.id,
  name: ME.workspace.name,
  plan: "free",
  sender_name: "",
  postal_address: "",
};
const MANAGER = { ...ME, capabilities: [...ME.capabilities, "workspace:manage"] };

function settingsApi(extra: Routes = {}) {
  return stubApi({
    ...SIGNED_IN,
    "GET /api/auth/sessions": () => json({ items: SESSIONS }),
    "GET /api/api-keys": () => json({ items: KEYS }),
    "GET /api/auth/capabilities": () => json({ items: ["contacts:read", "contacts:write"] }),
    "GET /api/workspace": () => json(WORKSPACE),
    ...extra,
  });
}

function section(name: string): HTMLElement {
  const heading = screen.getByRole("heading", { level: 2, name });
  const element = heading.closest("section");
  if (!element) throw new Error(`no section for ${name}`);
  return element;
}

describe("SettingsPage", () => {
  it("has the five sections and the profile", async () => {
    settingsApi();
    renderAt("/settings");
    await screen.findByRole("heading", { level: 1, name: "Settings" });
    const names = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(names).toEqual(["Profile", "Sender", "Password", "Sessions", "API keys"]);
    const profile = section("Profile");
    expect(within(profile).getByText(ME.name)).toBeTruthy();
    expect(within(profile).getByText(ME.email)).toBeTruthy();
  });

  it("lists sessions with this device first and signs out another one", async () => {
    const api = settingsApi({ "DELETE /api/auth/sessions/s-other": () => json(null, 204) });
    renderAt("/settings");
    await screen.findByText("Chrome on Linux");
    const rows = within(section("Sessions")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("This device")).toBeTruthy();
    expect(within(rows[0]!).queryByRole("button", { name: "Sign out" })).toBeNull();
    expect(within(rows[1]!).getByText("Safari on iOS")).toBeTruthy();
    expect(within(rows[1]!).getByText("203.0.113.9")).toBeTruthy();
    expect(within(rows[1]!).getByText("3 hours ago")).toBeTruthy();

    fireEvent.click(within(rows[1]!).getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(within(section("Sessions")).getAllByRole("row")).toHaveLength(2));
    expect(api.to("DELETE /api/auth/sessions/s-other")).toHaveLength(1);
    expect(
      (within(section("Sessions")).getByRole("button", { name: "Sign out other sessions" }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it("signs out every other session", async () => {
    settingsApi({ "POST /api/auth/sessions/revoke-others": () => json({ revoked: 1 }) });
    renderAt("/settings");
    await screen.findByText("Safari on iOS");
    fireEvent.click(screen.getByRole("button", { name: "Sign out other sessions" }));
    expect(await screen.findByText("Signed out 1 other session.")).toBeTruthy();
    expect(screen.queryByText("Safari on iOS")).toBeNull();
  });

  it("changes the password and shows a wrong current password inline", async () => {
    let wrong = true;
    const api = settingsApi({
      "POST /api/auth/password": () =>
        wrong
          ? apiError(400, "wrong_password", "The current password is wrong.", {
              fields: { current_password: ["The current password is wrong."] },
            })
          : json(ME),
    });
    renderAt("/settings");
    await screen.findByRole("heading", { level: 2, name: "Password" });
    // Password managers learn whose password this is, so they update the right entry.
    const username = screen
      .getByRole("button", { name: "Change password" })
      .closest("form")
      ?.querySelector<HTMLInputElement>('input[autocomplete="username"]');
    expect(username?.value).toBe(ME.email);
    fireEvent.change(screen.getByLabelText("Current password"), { target: { value: "old passphrase" } });
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "new passphrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("The current password is wrong.")).toBeTruthy();
    expect(screen.getByLabelText("Current password").getAttribute("aria-invalid")).toBe("true");

    wrong = false;
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/Password changed/)).toBeTruthy();
    expect(api.to("POST /api/auth/password").at(-1)?.body).toEqual({
      current_password: "old passphrase",
      new_password: "new passphrase",
    });
    expect((screen.getByLabelText("Current password") as HTMLInputElement).value).toBe("");
  });

  it("creates an API key with the chosen scopes and shows it once", async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const api = settingsApi({
      "POST /api/api-keys": () =>
        json(
          {
            id: "k2",
            name: "Nightly import",
            prefix: "ink_def456",
            scopes: ["contacts:write"],
            created_at: NOW,
            key: "ink_def456_secretsecretsecret",
          },
          201,
        ),
    });
    renderAt("/settings");
    const keys = await screen.findByText("Zapier").then(() => section("API keys"));
    expect(within(keys).getByText("ink_abc123…")).toBeTruthy();
    expect(within(keys).getByText("Never")).toBeTruthy();

    fireEvent.click(within(keys).getByRole("button", { name: "Create key" }));
    expect(await within(keys).findByText("Choose at least one scope.")).toBeTruthy();

    fireEvent.change(within(keys).getByLabelText("Name"), { target: { value: "Nightly import" } });
    fireEvent.click(within(keys).getByRole("checkbox", { name: "contacts:write" }));
    fireEvent.click(within(keys).getByRole("button", { name: "Create key" }));

    const secret = await within(keys).findByDisplayValue("ink_def456_secretsecretsecret");
    expect(secret).toBeTruthy();
    expect(within(keys).getByText(/only time the full key is shown/)).toBeTruthy();
    expect(api.to("POST /api/api-keys")[0]?.body).toEqual({
      name: "Nightly import",
      scopes: ["contacts:write"],
    });
    fireEvent.click(within(keys).getByRole("button", { name: "Copy key" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith("ink_def456_secretsecretsecret"));
    expect(await within(keys).findByRole("button", { name: "Copied" })).toBeTruthy();

    fireEvent.click(within(keys).getByRole("button", { name: "Done" }));
    expect(within(keys).queryByDisplayValue("ink_def456_secretsecretsecret")).toBeNull();
    expect(within(keys).getByText("ink_def456…")).toBeTruthy();
  });

  it("revokes a key after confirming", async () => {
    const api = settingsApi({ "DELETE /api/api-keys/k1": () => json(null, 204) });
    renderAt("/settings");
    await screen.findByText("Zapier");
    fireEvent.click(screen.getByRole("button", { name: "Revoke" }));
    expect(api.to("DELETE /api/api-keys/k1")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Revoke key" }));
    expect(await screen.findByText(/^Revoked \w/, { selector: ".badge" })).toBeTruthy();
    expect(api.to("DELETE /api/api-keys/k1")).toHaveLength(1);
  });

  it("tells a member without api_keys:manage who can manage keys, without asking the server", async () => {
    const api = stubApi({
      "GET /api/auth/me": () => json({ ...ME, role: "member", capabilities: ["contacts:read"] }),
      "GET /api/auth/sessions": () => json({ items: SESSIONS }),
    });
    renderAt("/settings");
    expect(await screen.findByText(/Only workspace owners and admins/)).toBeTruthy();
    expect(api.to("GET /api/api-keys")).toHaveLength(0);
  });

  it("says when a list cannot be loaded and retries", async () => {
    let fail = true;
    settingsApi({
      "GET /api/auth/sessions": () =>
        fail ? apiError(500, "internal_error", "Boom.") : json({ items: SESSIONS }),
    });
    renderAt("/settings");
    expect(await screen.findByText(/Could not load your sessions/)).toBeTruthy();
    fail = false;
    fireEvent.click(within(section("Sessions")).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Chrome on Linux")).toBeTruthy();
  });

  describe("Sender", () => {
    it("saves the sender name and a multi-line postal address", async () => {
      const api = settingsApi({
        "GET /api/auth/me": () => json(MANAGER),
        "PATCH /api/workspace": () =>
          json({
            ...WORKSPACE,
            sender_name: "The Harbour Post",
            postal_address: "1 Harbour Street\nBristol BS1 4XX",
          }),
      });
      renderAt("/settings");
      const name = await screen.findByLabelText("Sender name");
      const address = screen.getByLabelText("Postal address");
      expect(address.tagName).toBe("TEXTAREA");
      fireEvent.change(name, { target: { value: "The Harbour Post" } });
      fireEvent.change(address, { target: { value: "1 Harbour Street\n\nBristol BS1 4XX" } });
      fireEvent.click(screen.getByRole("button", { name: "Save sender" }));
      expect(
        await within(section("Sender")).findByText(
          "Sender saved. New emails carry this name and address.",
        ),
      ).toBeTruthy();
      expect(api.to("PATCH /api/workspace").at(-1)?.body).toEqual({
        sender_name: "The Harbour Post",
        postal_address: "1 Harbour Street\n\nBristol BS1 4XX",
      });
      // The stored, tidied address replaces what was typed.
      await waitFor(() =>
        expect((address as HTMLTextAreaElement).value).toBe("1 Harbour Street\nBristol BS1 4XX"),
      );
    });

    it("shows the server's errors under each field", async () => {
      settingsApi({
        "GET /api/auth/me": () => json(MANAGER),
        "PATCH /api/workspace": () =>
          apiError(422, "validation_error", "Some fields are not valid.", {
            fields: { sender_name: "must be a single line", postal_address: "at most 6 lines" },
          }),
      });
      renderAt("/settings");
      const name = await screen.findByLabelText("Sender name");
      fireEvent.change(name, { target: { value: "Harbour" } });
      fireEvent.click(screen.getByRole("button", { name: "Save sender" }));
      const sender = section("Sender");
      expect(await within(sender).findByText("at most 6 lines", { exact: false })).toBeTruthy();
      expect(within(sender).getByText("must be a single line", { exact: false })).toBeTruthy();
      expect(screen.getByLabelText("Postal address").getAttribute("aria-invalid")).toBe("true");
      expect(name.getAttribute("aria-invalid")).toBe("true");
    });

    it("refuses more than six lines before sending", async () => {
      const api = settingsApi({ "GET /api/auth/me": () => json(MANAGER) });
      renderAt("/settings");
      const address = await screen.findByLabelText("Postal address");
      fireEvent.change(address, { target: { value: "1\n2\n3\n4\n5\n6\n7" } });
      fireEvent.click(screen.getByRole("button", { name: "Save sender" }));
      expect(await within(section("Sender")).findByText("Use at most 6 lines.")).toBeTruthy();
      expect(api.to("PATCH /api/workspace")).toHaveLength(0);
    });

    it("is read-only without workspace:manage", async () => {
      settingsApi({
        "GET /api/workspace": () =>
          json({ ...WORKSPACE, sender_name: "Ada's letters", postal_address: "12 Analytical Row" }),
      });
      renderAt("/settings");
      const sender = await waitFor(() => {
        const element = section("Sender");
        within(element).getByText("12 Analytical Row");
        return element;
      });
      expect(within(sender).getByText("Ada's letters")).toBeTruthy();
      expect(within(sender).queryByRole("textbox")).toBeNull();
      expect(within(sender).queryByRole("button", { name: "Save sender" })).toBeNull();
      expect(within(sender).getByText(/Only workspace owners and admins/)).toBeTruthy();
    });
  });
});
