import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, SIGNED_OUT, stubApi } from "../test/api";
import { locationOf, renderAt } from "../test/render";

async function fillAndSubmit(values: { name?: string; email?: string; password?: string }) {
  fireEvent.change(await screen.findByLabelText("Name"), { target: { value: values.name ?? "Ada" } });
  fireEvent.change(screen.getByLabelText("Email"), {
    target: { value: values.email ?? "ada@example.com" },
  });
  fireEvent.change(screen.getByLabelText("Password"), {
    target: { value: values.password ?? "a long passphrase" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
}

describe("SignupPage", () => {
  it("has labelled fields with autocomplete hints and shows the 8-character minimum", async () => {
    stubApi(SIGNED_OUT);
    renderAt("/signup");
    expect(await screen.findByRole("heading", { level: 1, name: "Sign up" })).toBeTruthy();
    expect(screen.getByLabelText("Name").getAttribute("autocomplete")).toBe("name");
    expect(screen.getByLabelText("Email").getAttribute("autocomplete")).toBe("email");
    const password = screen.getByLabelText("Password");
    expect(password.getAttribute("autocomplete")).toBe("new-password");
    expect(password.getAttribute("type")).toBe("password");
    expect(screen.getByText(/At least 8 characters/)).toBeTruthy();
    // The hint is announced with the field.
    const hintId = password.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(hintId)?.textContent).toMatch(/At least 8 characters/);
  });

  it("goes to /verify with the email after a 201", async () => {
    const api = stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/register": () =>
        json({ status: "pending_verification", email: "ada@example.com" }, 201),
    });
    const { router } = renderAt("/signup");
    await fillAndSubmit({});

    await screen.findByRole("heading", { level: 1, name: "Verify your email" });
    expect(locationOf(router)).toBe("/verify?email=ada%40example.com");
    expect(api.to("POST /api/auth/register")[0]?.body).toEqual({
      name: "Ada",
      email: "ada@example.com",
      password: "a long passphrase",
    });
  });

  it("shows the fields' messages from a 422 inline, not in an alert", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/register": () =>
        apiError(422, "validation_error", "Some fields are invalid.", {
          fields: {
            email: ["value is not a valid email address"],
            password: ["This password is too common."],
          },
        }),
    });
    renderAt("/signup");
    await fillAndSubmit({ email: "ada@example", password: "password123" });

    const message = await screen.findByText("This password is too common.");
    const password = screen.getByLabelText("Password");
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(password.getAttribute("aria-describedby")).toContain(message.id);
    expect(screen.getByText("value is not a valid email address")).toBeTruthy();
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    // Focus moves to the first field with a problem.
    expect(document.activeElement).toBe(screen.getByLabelText("Email"));
  });

  it("puts a weak_password message under the password field", async () => {
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/register": () =>
        apiError(422, "weak_password", "This password is one of the most common ones."),
    });
    renderAt("/signup");
    await fillAndSubmit({ password: "iloveyou1" });
    expect(await screen.findByText("This password is one of the most common ones.")).toBeTruthy();
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows other errors in the alert, and how long to wait after a 429", async () => {
    let answer = () => apiError(500, "internal_error", "Something went wrong on our side.");
    stubApi({ ...SIGNED_OUT, "POST /api/auth/register": () => answer() });
    renderAt("/signup");
    await fillAndSubmit({});
    expect((await screen.findByRole("alert")).textContent).toMatch(/went wrong on our side/);

    answer = () =>
      apiError(429, "rate_limited", "Too many requests.", { retry_after: 90 }, { "Retry-After": "90" });
    fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Too many attempts. Try again in 2 minutes."),
    );
  });

  it("disables the button and says so while the request is in flight", async () => {
    let release: (response: Response) => void = () => undefined;
    stubApi({
      ...SIGNED_OUT,
      "POST /api/auth/register": () => new Promise<Response>((resolve) => (release = resolve)),
    });
    renderAt("/signup");
    await fillAndSubmit({});

    const busy = await screen.findByRole("button", { name: "Creating account…" });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    release(json({ status: "pending_verification", email: "ada@example.com" }, 201));
    await screen.findByRole("heading", { level: 1, name: "Verify your email" });
  });

  it("checks the fields before sending anything", async () => {
    const api = stubApi(SIGNED_OUT);
    renderAt("/signup");
    await fillAndSubmit({ name: " ", email: "not-an-email", password: "short" });

    expect(await screen.findByText("Enter your name.")).toBeTruthy();
    expect(screen.getByText(/Enter an email address like/)).toBeTruthy();
    expect(screen.getByText("Use at least 8 characters.")).toBeTruthy();
    expect(api.to("POST /api/auth/register")).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));
  });
});
