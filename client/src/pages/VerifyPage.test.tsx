import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, ME, SIGNED_OUT, stubApi } from "../test/api";
import { locationOf, renderAt } from "../test/render";

describe("VerifyPage", () => {
  it("sends a new code to the address from the link", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/send-code": () => json({ status: "sent" }, 202),
    });
    renderAt("/verify?email=ada%40example.com");
    expect(await screen.findByText("ada@example.com")).toBeTruthy();
    // The address is known, so only the code is asked for.
    expect(screen.queryByLabelText("Email")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Send a new code" }));
    expect(await screen.findByText(/We sent a new code to ada@example.com/)).toBeTruthy();
    expect(api.to("POST /api/auth/send-code").map((r) => r.body)).toEqual([
      { email: "ada@example.com", purpose: "verify_email" },
    ]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says how long to wait when sending is rate limited", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/send-code": () =>
        apiError(429, "rate_limited", "Too many requests.", { retry_after: 42 }, { "Retry-After": "42" }),
    });
    renderAt("/verify?email=ada%40example.com");
    fireEvent.click(await screen.findByRole("button", { name: "Send a new code" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Too many attempts. Try again in 42 seconds.",
    );
  });

  it("verifies the code, signs in and goes to /chat", async () => {
    const api = stubApi({ ...SIGNED_OUT, "POST /api/auth/verify": () => json(ME) });
    const { router } = renderAt("/verify?email=ada%40example.com");
    const code = await screen.findByLabelText("Verification code");
    expect(code.getAttribute("inputmode")).toBe("numeric");
    expect(code.getAttribute("maxlength")).toBe("6");
    expect(code.getAttribute("autocomplete")).toBe("one-time-code");

    fireEvent.change(code, { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify email" }));

    await screen.findByRole("heading", { level: 1, name: "Chat" });
    expect(locationOf(router)).toBe("/chat");
    expect(screen.getByText("Ada Lovelace")).toBeTruthy();
    expect(api.to("POST /api/auth/verify")[0]?.body).toEqual({
      email: "ada@example.com",
      code: "654321",
      purpose: "verify_email",
    });
  });

  it("asks for the address when the link has none, and goes to next afterwards", async () => {
    stubApi({ ...SIGNED_OUT, "POST /api/auth/verify": () => json(ME) });
    const { router } = renderAt("/verify?next=%2Fcontacts");
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Verification code"), { target: { value: "123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify email" }));
    await screen.findByRole("heading", { level: 1, name: "Contacts" });
    expect(locationOf(router)).toBe("/contacts");
  });

  it("shows a wrong code under the field", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/verify": () => apiError(400, "invalid_code", "The code is wrong or has expired"),
    });
    renderAt("/verify?email=ada%40example.com");
    fireEvent.change(await screen.findByLabelText("Verification code"), { target: { value: "111111" } });
    fireEvent.click(screen.getByRole("button", { name: "Verify email" }));
    expect(await screen.findByText("The code is wrong or has expired")).toBeTruthy();
    expect(screen.getByLabelText("Verification code").getAttribute("aria-invalid")).toBe("true");
  });
});
