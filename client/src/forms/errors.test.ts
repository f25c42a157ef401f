import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { describeError, errorMessage, formatWait } from "./errors";

describe("formatWait", () => {
  it.each([
    [0, "1 second"],
    [1, "1 second"],
    [42, "42 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [3600, "1 hour"],
    [5400, "2 hours"],
  ])("%d -> %s", (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

describe("describeError", () => {
  const options = { fields: ["email", "password"], aliases: { new_password: "password" } };

  it("puts field messages under known fields and the rest in the alert", () => {
    const error = new ApiError(422, "validation_error", "Some fields are invalid.", {
      fields: { "body.email": ["Bad address."], new_password: ["Too short."], other: ["Odd."] },
    });
    expect(describeError(error, options)).toEqual({
      fields: { email: "Bad address.", password: "Too short." },
      general: "Odd.",
    });
  });

  it("uses the message for a code that belongs to a field", () => {
    const error = new ApiError(400, "invalid_code", "The code is wrong.");
    expect(describeError(error, { fields: ["code"], codeFields: { invalid_code: "code" } })).toEqual({
      fields: { code: "The code is wrong." },
      general: null,
    });
  });

  it("prefers the Retry-After header, then details.retry_after", () => {
    expect(describeError(new ApiError(429, "rate_limited", "x", {}, 30), options).general).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
    expect(
      describeError(new ApiError(429, "rate_limited", "x", { retry_after: 600 }), options).general,
    ).toBe("Too many attempts. Try again in 10 minutes.");
  });

  it("has words for network failures, server errors and non-API errors", () => {
    expect(errorMessage(ApiError.network(new TypeError("x")))).toMatch(/Could not reach the server/);
    expect(errorMessage(new ApiError(502, "unexpected_response", "Bad Gateway"))).toMatch(/our side/);
    expect(errorMessage(new Error("boom"))).toBe("Something went wrong. Please try again.");
  });
});
