import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { connect, disconnect, restart } from "../realtime/socket";
import { apiError, json, ME, SIGNED_IN, SIGNED_OUT, stubApi } from "../test/api";
import { locationOf, renderAt } from "../test/render";

describe("RequireAuth", () => {
  it("sends a signed-out visitor to /login with the page they asked for in next", async () => {
    stubApi(SIGNED_OUT);
    const { router } = renderAt("/contacts?x=1");

    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeTruthy();
    expect(locationOf(router)).toBe("/login?next=%2Fcontacts%3Fx%3D1");
  });

  it("brings them back to that page after logging in", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/login": () => json(ME),
    });
    const { router } = renderAt("/contacts?x=1");

    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Contacts" })).toBeTruthy();
    expect(locationOf(router)).toBe("/contacts?x=1");
    expect(api.to("POST /api/auth/login")[0]?.body).toEqual({
      email: "ada@example.com",
      password: "correct horse",
    });
    expect(vi.mocked(restart)).toHaveBeenCalled();
    // The header now shows who is signed in.
    expect(screen.getByText("Ada Lovelace")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Log out" })).toBeTruthy();
  });

  it("ignores a next that would leave the site", async () => {
    stubApi({ ...SIGNED_OUT, "POST /api/auth/login": () => json(ME) });
    const { router } = renderAt("/login?next=%2F%2Fevil.com");

    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Chat" })).toBeTruthy();
    expect(locationOf(router)).toBe("/chat");
  });

  it("shows the page to a signed-in user and starts the socket", async () => {
    stubApi(SIGNED_IN);
    renderAt("/settings");
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeTruthy();
    expect(vi.mocked(connect)).toHaveBeenCalled();
  });

  it("does not open a socket for a signed-out visitor", async () => {
    vi.mocked(connect).mockClear();
    stubApi(SIGNED_OUT);
    renderAt("/chat");
    await screen.findByRole("heading", { level: 1, name: "Log in" });
    expect(vi.mocked(connect)).not.toHaveBeenCalled();
  });

  it("keeps pricing public", async () => {
    stubApi(SIGNED_OUT);
    const { router } = renderAt("/pricing");
    expect(await screen.findByRole("heading", { level: 1, name: "Pricing" })).toBeTruthy();
    expect(locationOf(router)).toBe("/pricing");
    const header = screen.getByRole("banner");
    expect((await within(header).findByRole("link", { name: "Log in" })).getAttribute("href")).toBe(
      "/login?next=%2Fpricing",
    );
    expect(within(header).getByRole("link", { name: "Sign up" })).toBeTruthy();
  });

  it("sends a signed-in visitor of /login on to next", async () => {
    stubApi(SIGNED_IN);
    const { router } = renderAt("/login?next=%2Fcampaigns");
    expect(await screen.findByRole("heading", { level: 1, name: "Campaigns" })).toBeTruthy();
    expect(locationOf(router)).toBe("/campaigns");
  });

  it("offers a retry instead of the login page when the server cannot be reached", async () => {
    let up = false;
    stubApi({
      "GET /api/auth/me": () => (up ? json(ME) : apiError(503, "service_unavailable", "Down.")),
    });
    renderAt("/chat");
    expect(await screen.findByRole("alert")).toBeTruthy();
    up = true;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Chat" })).toBeTruthy();
  });

  it("logs out from the header and lands on /login", async () => {
    const api = stubApi({ ...SIGNED_IN, "POST /api/auth/logout": () => json(null, 204) });
    document.cookie = "csrf_token=tok-1; path=/";
    const { router } = renderAt("/chat");
    fireEvent.click(await screen.findByRole("button", { name: "Log out" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeTruthy();
    expect(locationOf(router)).toBe("/login");
    expect(api.to("POST /api/auth/logout")[0]?.headers.get("X-CSRF-Token")).toBe("tok-1");
    expect(vi.mocked(disconnect)).toHaveBeenCalled();
    // The next app page asks to come back to itself again.
    fireEvent.click(screen.getByRole("link", { name: "Contacts" }));
    await waitFor(() => expect(locationOf(router)).toBe("/login?next=%2Fcontacts"));
    document.cookie = "csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
  });

  it("drops the user and asks to log in again when a call answers 401 unauthorized", async () => {
    stubApi({
      ...SIGNED_IN,
      "GET /api/auth/sessions": () => apiError(401, "unauthorized", "You need to sign in."),
    });
    const { router } = renderAt("/settings");
    await waitFor(() => expect(locationOf(router)).toBe("/login?next=%2Fsettings"));
  });
});
