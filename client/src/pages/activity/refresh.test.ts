import { describe, expect, it } from "vitest";
import { refreshInterval } from "./refresh";

describe("refreshInterval", () => {
  it("reads a large campaign's recipients and chart less often, at least every 15 s", () => {
    expect(refreshInterval(0)).toBe(1500);
    expect(refreshInterval(20_000)).toBe(1500);
    expect(refreshInterval(100_000)).toBe(5000);
    expect(refreshInterval(1_000_000)).toBe(15_000);
  });
});
