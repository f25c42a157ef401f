import { vi } from "vitest";
import type { Me } from "../api/auth";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json({ code, message, details }, status, headers);
}

type Handler = (request: Request) => Response | Promise<Response>;
/** Keys are "METHOD /path" (no query string). */
export type Routes = Record<string, Handler>;

export const ME: Me = {
  id: "3b1f0c1e-0000-4000-8000-000000000001",
  email: "ada@example.com",
  name: "Ada Lovelace",
  workspace: { id: "3b1f0c1e-0000-4000-8000-000000000002", name: "Ada's workspace", plan: "free" },
  role: "owner",
  capabilities: ["api_keys:manage", "contacts:read", "contacts:write"],
};

export const SIGNED_IN: Routes = { "GET /api/auth/me": () => json(ME) };
export const SIGNED_OUT: Routes = {
  "GET /api/auth/me": () => apiError(401, "unauthorized", "You need to sign in."),
};

export interface SentRequest {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

/** JSON bodies parsed; anything else (multipart) kept as text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Stubs `fetch` with a tiny router. Unknown routes answer 404 with our error
 * body, the way the server does. Returns the requests seen, bodies parsed.
 */
export function stubApi(routes: Routes) {
  const sent: SentRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init);
    const url = new URL(request.url);
    const text = await request.clone().text();
    sent.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: text ? parseBody(text) : undefined,
    });
    const handler = routes[`${request.method} ${url.pathname}`];
    if (!handler) return apiError(404, "not_found", `No such resource: ${url.pathname}`);
    return handler(request);
  });
  vi.stubGlobal("fetch", fetchMock);
  return {
    fetchMock,
    sent,
    /** The requests to one "METHOD /path". */
    to(key: string): SentRequest[] {
      return sent.filter((r) => `${r.method} ${r.path}` === key);
    },
  };
}
