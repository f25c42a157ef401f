/** Pages a signed-in user has no reason to be sent back to after logging in. */
const AUTH_PAGES = ["/login", "/signup", "/verify", "/forgot", "/reset"];

export const DEFAULT_NEXT = "/chat";

/**
 * The `next` target after logging in, or `fallback` when `next` is missing or
 * could leave the site. Only same-site paths pass: "/x" but not "//host" or
 * "/\\host" (browsers read both as another host), absolute URLs, or anything
 * with control characters that a browser would strip before parsing.
 */
export function safeNext(next: string | null | undefined, fallback: string = DEFAULT_NEXT): string {
  if (!next) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, "http://inkwell.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://inkwell.invalid") return fallback;
  const path = url.pathname.replace(/\/+$/, "") || "/";
  if (AUTH_PAGES.some((page) => path === page || path.startsWith(`${page}/`))) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `?next=` for a link to an auth page, keeping the caller's target if there is one. */
export function withNext(path: string, next: string | null | undefined): string {
  if (!next) return path;
  const separator = path.includes("?") ? "&" : "?";
  return `${path}${separator}next=${encodeURIComponent(next)}`;
}
