import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, ME, SIGNED_OUT, stubApi } from "../test/api";
import { locationOf, renderAt } from "../test/render";

describe("forgot and reset password", () => {
  it("asks for a code, then sets the new password and signs in", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/password-reset": () => json({ status: "sent" }, 202),
      "POST /api/auth/password-reset/confirm": () => json(ME),
    });
    const { router } = renderAt("/forgot");
    expect(await screen.findByRole("heading", { level: 1, name: "Reset your password" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Send reset code" }));

    await screen.findByRole("heading", { level: 1, name: "Choose a new password" });
    expect(screen.getByText("If an account exists for that address, we sent a code.")).toBeTruthy();
    expect(locationOf(router)).toBe("/reset?email=ada%40example.com");
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@example.com");
    expect(screen.getByLabelText("New password").getAttribute("autocomplete")).toBe("new-password");

    fireEvent.change(screen.getByLabelText("Verification code"), { target: { value: "123456" } });
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "a fresh passphrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Set new password" }));

    await screen.findByRole("heading", { level: 1, name: "Chat" });
    expect(api.to("POST /api/auth/password-reset/confirm")[0]?.body).toEqual({
      email: "ada@example.com",
      code: "123456",
      password: "a fresh passphrase",
    });
  });

  it("shows a weak new password under its field", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/password-reset/confirm": () =>
        apiError(422, "validation_error", "Some fields are invalid.", {
          fields: { password: ["This password is too common."] },
        }),
    });
    renderAt("/reset?email=ada%40example.com");
    fireEvent.change(await screen.findByLabelText("Verification code"), { target: { value: "123456" } });
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "password1" } });
    fireEvent.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByText("This password is too common.")).toBeTruthy();
    expect(screen.getByLabelText("New password").getAttribute("aria-invalid")).toBe("true");
  });
});

describe("connect a provider to an existing account", () => {
  const link = "/login/link?token=tok123&provider=github&email=ada%40example.com";

  it("confirms with the account password", async () => {
    const api = stubApi({ ...SIGNED_OUT, "POST /api/auth/oauth/link/confirm": () => json(ME) });
    const { router } = renderAt(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Connect your account" })).toBeTruthy();
    expect(screen.getByText(/sign in with GitHub/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a long passphrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect account" }));

    await screen.findByRole("heading", { level: 1, name: "Chat" });
    expect(locationOf(router)).toBe("/chat");
    expect(api.to("POST /api/auth/oauth/link/confirm")[0]?.body).toEqual({
      token: "tok123",
      password: "a long passphrase",
    });
  });

  it("confirms with an emailed code instead", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/oauth/link/send-code": () => json({ status: "sent" }, 202),
      "POST /api/auth/oauth/link/confirm": () => json(ME),
    });
    renderAt(link);
    fireEvent.click(await screen.findByRole("button", { name: "Email me a code instead" }));
    fireEvent.change(await screen.findByLabelText("Verification code"), { target: { value: "246810" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect account" }));

    await screen.findByRole("heading", { level: 1, name: "Chat" });
    expect(api.to("POST /api/auth/oauth/link/send-code")[0]?.body).toEqual({ token: "tok123" });
    expect(api.to("POST /api/auth/oauth/link/confirm")[0]?.body).toEqual({
      token: "tok123",
      code: "246810",
    });
  });

  it("shows a wrong password inline and offers to start over when the link has expired", async () => {
    let answer = () => apiError(401, "invalid_credentials", "The email or password is wrong.");
    stubApi({ ...SIGNED_OUT, "POST /api/auth/oauth/link/confirm": () => answer() });
    renderAt(link);
    fireEvent.change(await screen.findByLabelText("Password"), { target: { value: "nope nope" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect account" }));
    expect(await screen.findByText("The email or password is wrong.")).toBeTruthy();
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");

    answer = () =>
      apiError(400, "invalid_link_token", "This sign-in confirmation has expired or was already used. Start again.");
    fireEvent.click(screen.getByRole("button", { name: "Connect account" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/expired or was already used/);
    expect(screen.getByRole("link", { name: "Start again from the log-in page" })).toBeTruthy();
  });

  it("explains a link without a token", async () => {
    stubApi(SIGNED_OUT);
    renderAt("/login/link");
    expect((await screen.findByRole("alert")).textContent).toMatch(/link is incomplete/);
  });
});
