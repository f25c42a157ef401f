import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, json, ME, SIGNED_OUT, stubApi } from "../test/api";
import { locationOf, renderAt } from "../test/render";

function tab(name: string) {
  return screen.getByRole("tab", { name });
}

describe("LoginPage", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("starts in password mode with a forgot-password link", async () => {
    stubApi(SIGNED_OUT);
    renderAt("/login");
    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeTruthy();
    expect(tab("Password").getAttribute("aria-selected")).toBe("true");
    expect(tab("Email me a code").getAttribute("aria-selected")).toBe("false");
    expect(screen.getByLabelText("Password").getAttribute("autocomplete")).toBe("current-password");
    expect(screen.getByRole("link", { name: "Forgot password?" }).getAttribute("href")).toBe("/forgot");
  });

  it("switches between password and emailed-code modes", async () => {
    stubApi(SIGNED_OUT);
    renderAt("/login");
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "ada@example.com" } });

    fireEvent.click(tab("Email me a code"));
    expect(tab("Email me a code").getAttribute("aria-selected")).toBe("true");
    expect(screen.queryByLabelText("Password")).toBeNull();
    expect(screen.getByRole("button", { name: "Email me a code" })).toBeTruthy();
    // The address typed in one mode is kept in the other.
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@example.com");

    // Arrow keys move between tabs, as in every tab list.
    fireEvent.keyDown(tab("Email me a code"), { key: "ArrowLeft" });
    expect(tab("Password").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("Password"));
    expect(screen.getByLabelText("Password")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Email me a code" })).toBeNull();
  });

  it("logs in with an emailed code", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/send-code": () => json({ status: "sent" }, 202),
      "POST /api/auth/verify": () => json(ME),
    });
    const { router } = renderAt("/login?next=%2Fsettings");
    fireEvent.click(await screen.findByRole("tab", { name: "Email me a code" }));
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Email me a code" }));

    const code = await screen.findByLabelText("Verification code");
    expect(api.to("POST /api/auth/send-code")[0]?.body).toEqual({
      email: "ada@example.com",
      purpose: "login",
    });
    expect(code.getAttribute("inputmode")).toBe("numeric");
    expect(code.getAttribute("maxlength")).toBe("6");
    expect(code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(screen.getByText(/code is on its way/).getAttribute("role")).toBe("status");

    fireEvent.change(code, { target: { value: "12 34 56" } });
    expect((code as HTMLInputElement).value).toBe("123456");
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    await screen.findByRole("heading", { level: 1, name: "Settings" });
    expect(locationOf(router)).toBe("/settings");
    expect(api.to("POST /api/auth/verify")[0]?.body).toEqual({
      email: "ada@example.com",
      code: "123456",
      purpose: "login",
    });
  });

  it("shows a wrong code under the code field", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/send-code": () => json({ status: "sent" }, 202),
      "POST /api/auth/verify": () =>
        apiError(400, "invalid_code", "The code is wrong or has expired"),
    });
    renderAt("/login");
    fireEvent.click(await screen.findByRole("tab", { name: "Email me a code" }));
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Email me a code" }));
    fireEvent.change(await screen.findByLabelText("Verification code"), { target: { value: "000000" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText("The code is wrong or has expired")).toBeTruthy();
    expect(screen.getByLabelText("Verification code").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows invalid credentials in the alert", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/login": () =>
        apiError(401, "invalid_credentials", "The email or password is wrong."),
    });
    renderAt("/login");
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "nope nope" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The email or password is wrong.");
  });

  it("offers a verification code to an unverified account and goes to /verify", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/login": () =>
        apiError(403, "email_unverified", "Verify your email address first."),
      "POST /api/auth/send-code": () => json({ status: "sent" }, 202),
    });
    const { router } = renderAt("/login?next=%2Fcontacts");
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a long passphrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    fireEvent.click(await screen.findByRole("button", { name: "Send a verification code" }));
    await screen.findByRole("heading", { level: 1, name: "Verify your email" });
    expect(api.to("POST /api/auth/send-code")[0]?.body).toEqual({
      email: "ada@example.com",
      purpose: "verify_email",
    });
    expect(locationOf(router)).toBe("/verify?email=ada%40example.com&next=%2Fcontacts");
  });

  it("explains provider errors from ?error=", async () => {
    stubApi(SIGNED_OUT);
    renderAt("/login?error=oauth_state");
    expect((await screen.findByRole("alert")).textContent).toMatch(/expired or was started in another tab/);
  });

  it("lists the configured providers and starts their flow with next", async () => {
    stubApi({
      ...SIGNED_OUT,
      "GET /api/auth/providers": () => json({ items: [{ id: "github", name: "GitHub" }] }),
    });
    const assign = vi.fn();
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, assign });
    renderAt("/login?next=%2Fcampaigns");

    fireEvent.click(await screen.findByRole("button", { name: "Continue with GitHub" }));
    expect(screen.queryByRole("button", { name: "Continue with Google" })).toBeNull();
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith("/api/auth/oauth/github/start?next=%2Fcampaigns"),
    );
  });
});
