import react from "@vitejs/plugin-react";
import { loadEnv, type ProxyOptions } from "vite";
import { defineConfig } from "vitest/config";

const DEFAULT_API_URL = "http://127.0.0.1:8000";

// Paths the Python server owns. Keys starting with "^" are regular expressions:
// a plain "/t" or "/u" prefix would also swallow SPA routes such as /templates.
const SERVER_PATHS = [
  "^/api(/|$)",
  "^/healthz$",
  "^/readyz$",
  "^/openapi\\.json$",
  "^/u/",
  "^/t/",
  "^/dev(/|$)",
  "^/media/",
] as const;

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "INKWELL_");
  const target = env.INKWELL_API_URL || DEFAULT_API_URL;

  const proxy: Record<string, ProxyOptions> = {
    "/socket.io": { target, ws: true, xfwd: true },
  };
  for (const path of SERVER_PATHS) {
    proxy[path] = { target, xfwd: true };
  }

  return {
    plugins: [react()],
    server: { proxy },
    preview: { proxy },
    build: { outDir: "dist" },
    test: {
      environment: "jsdom",
      include: ["src/**/*.test.{ts,tsx}"],
      setupFiles: ["src/test/setup.ts"],
      restoreMocks: true,
      unstubGlobals: true,
      // Room for the slower jsdom tests on a busy CI machine; a hang still fails.
      testTimeout: 20_000,
      // Every core: Vitest's default leaves one free, which on a 2-core machine means one
      // worker for the whole run (nothing else runs beside it in `make test`).
      maxWorkers: "100%",
    },
  };
});
