import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  CSRF_HEADER,
  createApiClient,
  health,
  IDEMPOTENT_RETRIES,
  onUnauthorized,
  readCookie,
  request,
  unwrap,
  withIdempotencyKey,
  type ErrorBody,
} from "./client";

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: Record<string, unknown>; content: { "application/json": T } };

/** A hand-written path table in the shape openapi-typescript generates. */
interface TestPaths {
  "/api/things": {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: { 200: Json<{ items: string[] }> };
    };
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: Json<{ id: string }>; 422: Json<ErrorBody>; 429: Json<ErrorBody> };
    };
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function stubFetch(response: () => Response) {
  const fetchMock = vi.fn<(request: Request) => Promise<Response>>(async () => response());
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function sentRequest(fetchMock: ReturnType<typeof stubFetch>): Request {
  const request = fetchMock.mock.calls[0]?.[0];
  if (!request) throw new Error("fetch was not called");
  return request;
}

function clearCookie() {
  document.cookie = "csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
}

beforeEach(() => {
  document.cookie = "csrf_token=tok%2Fen-123; path=/";
});

afterEach(clearCookie);

describe("CSRF header", () => {
  it("is added to POST from the csrf_token cookie", async () => {
    const fetchMock = stubFetch(() => json({ id: "t1" }, 201));
    const client = createApiClient<TestPaths>();

    const data = await unwrap(client.POST("/api/things", { body: { name: "x" } }));

    expect(data).toEqual({ id: "t1" });
    const request = sentRequest(fetchMock);
    expect(request.method).toBe("POST");
    expect(request.headers.get(CSRF_HEADER)).toBe("tok/en-123");
    expect(request.credentials).toBe("same-origin");
  });

  it("is not added to GET", async () => {
    const fetchMock = stubFetch(() => json({ items: [] }));
    const client = createApiClient<TestPaths>();

    await unwrap(client.GET("/api/things"));

    expect(sentRequest(fetchMock).headers.has(CSRF_HEADER)).toBe(false);
  });

  it("is left out when there is no cookie", async () => {
    clearCookie();
    const fetchMock = stubFetch(() => json({ id: "t1" }, 201));
    const client = createApiClient<TestPaths>();

    await unwrap(client.POST("/api/things", { body: { name: "x" } }));

    expect(sentRequest(fetchMock).headers.has(CSRF_HEADER)).toBe(false);
  });

  it("is not sent by the typed health() GET", async () => {
    const fetchMock = stubFetch(() => json({ status: "ok" }));

    await expect(health()).resolves.toEqual({ status: "ok" });

    const request = sentRequest(fetchMock);
    expect(new URL(request.url).pathname).toBe("/healthz");
    expect(request.headers.has(CSRF_HEADER)).toBe(false);
  });
});

describe("ApiError", () => {
  it("carries code, message and details from the error body", async () => {
    stubFetch(() =>
      json(
        {
          code: "validation_error",
          message: "Name is required.",
          details: { fields: { name: "required" } },
        },
        422,
      ),
    );
    const client = createApiClient<TestPaths>();

    const error = await unwrap(client.POST("/api/things", { body: { name: "" } })).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: "validation_error",
      message: "Name is required.",
      details: { fields: { name: "required" } },
    });
  });

  it("reads Retry-After on 429", async () => {
    stubFetch(() =>
      json({ code: "rate_limited", message: "Slow down.", details: {} }, 429, {
        "Retry-After": "7",
      }),
    );
    const client = createApiClient<TestPaths>();

    const error = await unwrap(client.POST("/api/things", { body: { name: "x" } })).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 7 });
  });

  it("falls back to unexpected_response for a body that is not ours", async () => {
    stubFetch(() => new Response("<h1>Bad Gateway</h1>", { status: 502, statusText: "Bad Gateway" }));
    const client = createApiClient<TestPaths>();

    const error = await unwrap(client.GET("/api/things")).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, code: "unexpected_response", message: "Bad Gateway" });
  });

  it("reports a failed fetch as network_error", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const client = createApiClient<TestPaths>();

    const error = await unwrap(client.GET("/api/things")).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 0, code: "network_error" });
  });

  it("can be built from a raw Response", async () => {
    const error = await ApiError.fromResponse(
      json({ code: "csrf_failed", message: "CSRF token missing.", details: {} }, 403),
    );
    expect(error).toMatchObject({ status: 403, code: "csrf_failed", details: {} });
  });
});

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("csrf_token", "a=1; csrf_token=x%3Dy; b=2")).toBe("x=y");
    expect(readCookie("csrf", "csrf_token=1")).toBeUndefined();
  });
});

describe("request", () => {
  it("sends JSON with the CSRF header on unsafe methods and parses the answer", async () => {
    const fetchMock = stubFetch(() => json({ id: "t1" }, 201));

    await expect(request("POST", "/api/things", { body: { name: "x" } })).resolves.toEqual({
      id: "t1",
    });

    const sent = sentRequest(fetchMock);
    expect(sent.method).toBe("POST");
    expect(new URL(sent.url).pathname).toBe("/api/things");
    expect(sent.headers.get(CSRF_HEADER)).toBe("tok/en-123");
    expect(sent.headers.get("Content-Type")).toBe("application/json");
    expect(sent.credentials).toBe("same-origin");
    expect(await sent.text()).toBe('{"name":"x"}');
  });

  it("leaves the CSRF header off GET and resolves an empty 204 to undefined", async () => {
    const fetchMock = stubFetch(() => new Response(null, { status: 204 }));
    await expect(request("GET", "/api/things")).resolves.toBeUndefined();
    expect(sentRequest(fetchMock).headers.has(CSRF_HEADER)).toBe(false);
  });

  it("throws ApiError with Retry-After, and reports 401 unauthorized", async () => {
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    stubFetch(() =>
      json({ code: "rate_limited", message: "Slow down.", details: { retry_after: 5 } }, 429, {
        "Retry-After": "5",
      }),
    );
    await expect(request("POST", "/api/things")).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      retryAfter: 5,
    });
    expect(listener).not.toHaveBeenCalled();

    stubFetch(() => json({ code: "unauthorized", message: "Sign in.", details: {} }, 401));
    await expect(request("GET", "/api/things")).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);

    // invalid_credentials is a wrong password, not an ended session.
    stubFetch(() => json({ code: "invalid_credentials", message: "Wrong.", details: {} }, 401));
    await expect(request("POST", "/api/things")).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it("reports a failed fetch as network_error", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(request("GET", "/api/things")).rejects.toMatchObject({ code: "network_error" });
  });
});

describe("withIdempotencyKey", () => {
  it("resends a lost request under the same key, and gives up after a few tries", async () => {
    const keys: string[] = [];
    const error = await withIdempotencyKey(async (key) => {
      keys.push(key);
      throw ApiError.network(new TypeError("Failed to fetch"));
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("network_error");
    expect(keys).toHaveLength(IDEMPOTENT_RETRIES + 1);
    expect(new Set(keys).size).toBe(1);
  });

  it("takes the server's answer as final and uses a new key per action", async () => {
    const keys: string[] = [];
    const refusal = new ApiError(422, "validation_error", "Bad name.");
    await expect(
      withIdempotencyKey(async (key) => {
        keys.push(key);
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await withIdempotencyKey(async (key) => (keys.push(key), "made"))).toBe("made");
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });
});
