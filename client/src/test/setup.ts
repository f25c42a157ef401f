import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Pages load lazily, so a test's first render waits for its module to be transformed and
// imported: seconds on a busy machine, well past the default one-second wait of findBy*.
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so Testing Library cannot register this itself.
afterEach(() => {
  cleanup();
});

// Logging in or out restarts the socket; tests have no server to connect to.
vi.mock(import("../realtime/socket"), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, restart: vi.fn(), connect: vi.fn(), disconnect: vi.fn() };
});
