import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Vitest runs without globals, so Testing Library cannot register this itself.
afterEach(() => {
  cleanup();
});

// Logging in or out restarts the socket; tests have no server to connect to.
vi.mock(import("../realtime/socket"), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, restart: vi.fn(), connect: vi.fn(), disconnect: vi.fn() };
});
