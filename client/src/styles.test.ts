// @vitest-environment node
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Read from disk: the test runner hands CSS imports over empty.
const css = readFileSync(new URL("./styles.css", import.meta.url), "utf8");

describe("styles.css", () => {
  it("closes every block it opens", () => {
    // An unclosed block is legal CSS: it ends at the end of the file, so every later rule is
    // silently nested inside it and stops applying. Comments and strings may hold braces.
    const code = css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/"(?:[^"\\]|\\.)*"/g, '""');
    let depth = 0;
    let lowest = 0;
    for (const ch of code) {
      if (ch === "{") depth += 1;
      if (ch === "}") depth -= 1;
      lowest = Math.min(lowest, depth);
    }
    expect(css.length).toBeGreaterThan(1000);
    expect(lowest).toBe(0);
    expect(depth).toBe(0);
  });
});
