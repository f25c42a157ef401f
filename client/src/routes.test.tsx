import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { SIGNED_IN, SIGNED_OUT, stubApi } from "./test/api";
import { renderAt as render } from "./test/render";

function renderAt(path: string) {
  return render(path).router;
}

// App pages need a signed-in user; /login and /signup are for signed-out visitors.
const PUBLIC_ONLY = new Set(["/login", "/signup"]);

const NAV_LINKS = ["Chat", "Templates", "Contacts", "Campaigns", "Activity", "Settings", "Pricing"];

beforeEach(() => {
  stubApi(SIGNED_IN);
});

const PAGES: [path: string, heading: string][] = [
  ["/chat", "Chat"],
  ["/templates", "Templates"],
  ["/contacts", "Contacts"],
  ["/campaigns", "Campaigns"],
  ["/activity", "Activity"],
  ["/settings", "Settings"],
  ["/pricing", "Pricing"],
  ["/checkout", "Checkout"],
  ["/login", "Log in"],
  ["/signup", "Sign up"],
  ["/verify?email=a%40example.com", "Verify your email"],
  ["/forgot", "Reset your password"],
  ["/reset?email=a%40example.com", "Choose a new password"],
  ["/login/link?token=t&provider=google&email=a%40example.com", "Connect your account"],
  ["/no-such-page", "Page not found"],
  ["/chat/deeper/still", "Page not found"],
];

describe("layout", () => {
  it("has a main navigation with the seven links in order", async () => {
    renderAt("/chat");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(NAV_LINKS);
    for (const name of NAV_LINKS) {
      expect(within(nav).getByRole("link", { name }).getAttribute("href")).toBe(
        `/${name.toLowerCase()}`,
      );
    }
  });

  it("marks only the current page's link", async () => {
    renderAt("/contacts");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const current = within(nav)
      .getAllByRole("link")
      .filter((link) => link.getAttribute("aria-current") === "page");
    expect(current.map((link) => link.textContent)).toEqual(["Contacts"]);
  });

  it("shows the product name, a main landmark and the connection state", async () => {
    renderAt("/chat");
    expect(await screen.findByRole("link", { name: "Inkwell" })).toBeTruthy();
    expect(screen.getByRole("main")).toBeTruthy();
    // No socket is started in tests, so the indicator reports the idle state.
    expect(screen.getByRole("status").textContent).toBe("Offline");
  });
});

describe("routes", () => {
  it.each(PAGES)("%s renders one h1 naming the page", async (path, heading) => {
    if (PUBLIC_ONLY.has(path)) stubApi(SIGNED_OUT);
    renderAt(path);
    expect(await screen.findByRole("heading", { level: 1, name: heading })).toBeTruthy();
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    // The title is set in an effect, which may run just after the heading is on screen.
    await waitFor(() => expect(document.title).toBe(`${heading} · Inkwell`));
  });

  it("redirects / to /chat", async () => {
    const router = renderAt("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Chat" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/chat");
  });

  it("says what the chat page is for", async () => {
    renderAt("/chat");
    expect(
      await screen.findByText("Describe your newsletter and the assistant drafts it."),
    ).toBeTruthy();
  });
});
