import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

export const CSRF_COOKIE = "csrf_token";
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** The body of every error response (CONTRACT.md, "Errors"). */
export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === "string" && typeof body.message === "string";
}

/**
 * A failed API call. `code` is the server's snake_case error code, or one of
 * `network_error` / `unexpected_response` when the server never answered with
 * an error body (proxy errors, HTML pages, dropped connections).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** Seconds from a `Retry-After` header (429 and some 503s), if present. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    retryAfter?: number,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** Builds an error from a response whose body has already been read (or was empty). */
  static fromBody(response: Response, body: unknown): ApiError {
    const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
    if (isErrorBody(body)) {
      const details =
        typeof body.details === "object" && body.details !== null ? body.details : {};
      return new ApiError(response.status, body.code, body.message, details, retryAfter);
    }
    const message = response.statusText || `Request failed with status ${response.status}`;
    return new ApiError(response.status, "unexpected_response", message, {}, retryAfter);
  }

  /** Reads the body of a failed response and builds the error. */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return ApiError.fromBody(response, body);
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, "network_error", "Could not reach the server.");
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Reads one cookie visible to scripts; `undefined` when it is not set. */
export function readCookie(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/**
 * The session cookie is HttpOnly; the server mirrors a CSRF token into a
 * readable cookie and rejects unsafe requests that do not echo it back.
 */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
    const token = readCookie(CSRF_COOKIE);
    if (token) request.headers.set(CSRF_HEADER, token);
    return undefined;
  },
};

function defaultBaseUrl(): string {
  // `new Request()` needs an absolute URL outside browsers (tests, Node).
  return typeof window !== "undefined" && window.location ? window.location.origin : "";
}

export type ApiClientOptions = Pick<ClientOptions, "baseUrl" | "fetch">;

/**
 * Creates a typed client. `P` defaults to the generated server schema; tests
 * pass their own path table.
 */
export function createApiClient<P extends object = paths>(
  options: ApiClientOptions = {},
): Client<P> {
  const client = createClient<P>({
    baseUrl: options.baseUrl ?? defaultBaseUrl(),
    credentials: "same-origin",
    // Resolve fetch per call so a stubbed or polyfilled global is honoured.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });
  client.use(csrfMiddleware);
  return client;
}

/**
 * Reports a 401 `unauthorized` answer (the session ended or expired) so the
 * auth context can drop the signed-in user and send them to log in.
 */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

function reportUnauthorized(error: ApiError): void {
  if (error.status !== 401 || error.code !== "unauthorized") return;
  for (const listener of [...unauthorizedListeners]) listener();
}

const sessionMiddleware: Middleware = {
  async onResponse({ response }) {
    if (response.status !== 401) return undefined;
    let body: unknown;
    try {
      body = await response.clone().json();
    } catch {
      body = undefined;
    }
    reportUnauthorized(ApiError.fromBody(response, body));
    return undefined;
  },
};

export const api = createApiClient();
api.use(sessionMiddleware);

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * A plain-`fetch` JSON call for endpoints the generated schema does not know
 * yet. Same rules as the typed client: same-origin cookies, the CSRF header on
 * unsafe methods, `ApiError` for every failure. Resolves to `undefined` for an
 * empty body (204).
 */
export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const upper = method.toUpperCase();
  const headers = new Headers({ Accept: "application/json" });
  const init: RequestInit = { method: upper, headers, credentials: "same-origin" };
  if (options.body !== undefined) {
    headers.set("Content-Type", "application/json");
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;
  if (!SAFE_METHODS.has(upper)) {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
  }

  let response: Response;
  try {
    response = await globalThis.fetch(new Request(defaultBaseUrl() + path, init));
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }

  let body: unknown;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = ApiError.fromBody(response, body);
    reportUnauthorized(error);
    throw error;
  }
  return body as T;
}

/**
 * POSTs a multipart form (file uploads, which the typed client does not encode), with
 * the same rules as the typed client: cookies, the CSRF header, `ApiError` on failure.
 */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const headers = new Headers({ Accept: "application/json" });
  const token = readCookie(CSRF_COOKIE);
  if (token) headers.set(CSRF_HEADER, token);
  let response: Response;
  try {
    response = await globalThis.fetch(`${defaultBaseUrl()}${path}`, {
      method: "POST",
      body: form,
      headers,
      credentials: "same-origin",
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!response.ok) {
    const error = await ApiError.fromResponse(response);
    reportUnauthorized(error);
    throw error;
  }
  return (await response.json()) as T;
}

/** The shape of every openapi-fetch result. */
type FetchResult = { data?: unknown; error?: unknown; response: Response };

/** The `data` of the success branch only (the error branch has `data?: never`). */
export type SuccessData<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits an openapi-fetch call and returns its data, throwing `ApiError` for
 * any non-2xx answer or a network failure.
 */
export async function unwrap<R extends FetchResult>(call: Promise<R>): Promise<SuccessData<R>> {
  let result: R;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromBody(result.response, result.error);
  return result.data as SuccessData<R>;
}

/** A fresh `Idempotency-Key`: one per user action. */
export function newIdempotencyKey(): string {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  // randomUUID needs a secure context; plain-http deployments still get 128 random bits.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** How often, and after how long, a create lost to the network is sent again. */
export const IDEMPOTENT_RETRIES = 2;
const RETRY_DELAY_MS = 300;

/**
 * Runs one user action that creates something, under one `Idempotency-Key`. When the
 * network fails the server may still have done the work, so the action is sent again with
 * the same key: the server then answers with the first result instead of creating twice.
 * Answers from the server (errors included) are final.
 */
export async function withIdempotencyKey<T>(send: (key: string) => Promise<T>): Promise<T> {
  const key = newIdempotencyKey();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send(key);
    } catch (error) {
      const lost = error instanceof ApiError && error.code === "network_error";
      if (!lost || attempt >= IDEMPOTENT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * (attempt + 1)));
    }
  }
}

export type HealthStatus =
  paths["/healthz"]["get"]["responses"][200]["content"]["application/json"];

/** GET /healthz: resolves while the server process is alive. */
export function health(signal?: AbortSignal): Promise<HealthStatus> {
  return unwrap(api.GET("/healthz", signal ? { signal } : {}));
}

/** An HTML document from the API (the email previews), with the session's cookies and, for a
 * POST, its CSRF token; a failure is an ApiError like any other call's. */
export async function fetchHtml(url: string, init: RequestInit = {}): Promise<string> {
  const headers = new Headers({ Accept: "text/html" });
  if (init.method === "POST") {
    headers.set("Content-Type", "application/json");
    const token = readCookie(CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
  }
  let response: Response;
  try {
    response = await globalThis.fetch(`${window.location.origin}${url}`, {
      ...init,
      headers,
      credentials: "same-origin",
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw ApiError.network(cause);
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  return response.text();
}
