import { describe, expect, it } from "vitest";
import { safeNext, withNext } from "./safeNext";

describe("safeNext", () => {
  it.each(["/contacts?x=1", "/chat", "/settings#sessions", "/contacts/42?tab=timeline&q=a%20b"])(
    "accepts the same-site path %s",
    (next) => {
      expect(safeNext(next)).toBe(next);
    },
  );

  it.each([
    "//evil.com",
    "/\\evil.com",
    "https://evil.com",
    "http://evil.com/chat",
    "javascript:alert(1)",
    "evil.com",
    "chat",
    "/\tevil.com",
    "/\n/evil.com",
    "///evil.com",
    "",
  ])("rejects %j and falls back to /chat", (next) => {
    expect(safeNext(next)).toBe("/chat");
  });

  it("falls back when there is no next, or it points at an auth page", () => {
    expect(safeNext(null)).toBe("/chat");
    expect(safeNext(undefined, "/contacts")).toBe("/contacts");
    expect(safeNext("/login?next=/chat")).toBe("/chat");
    expect(safeNext("/signup")).toBe("/chat");
  });
});

describe("withNext", () => {
  it("appends next, encoded, with the right separator", () => {
    expect(withNext("/login", "/contacts?x=1")).toBe("/login?next=%2Fcontacts%3Fx%3D1");
    expect(withNext("/verify?email=a%40b.c", "/chat")).toBe("/verify?email=a%40b.c&next=%2Fchat");
    expect(withNext("/login", null)).toBe("/login");
  });
});
