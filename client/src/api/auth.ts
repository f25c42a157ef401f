/**
 * Accounts API: sign-up, codes, sign-in, sessions, password, API keys and providers,
 * through the typed client generated from the server's OpenAPI document
 * (`make api-types`), so a change on the server fails the type check here.
 */
import { api, unwrap } from "./client";
import type { components, paths } from "./schema";

type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;

/** The signed-in user, from `GET /api/auth/me` and every call that starts a session. */
export type Me = JsonOf<paths["/api/auth/me"]["get"]["responses"][200]>;
export type Workspace = components["schemas"]["WorkspaceRead"];
export type Plan = components["schemas"]["Plan"];
export type Role = components["schemas"]["Role"];
export type SessionInfo = components["schemas"]["SessionRead"];
export type ApiKeyInfo = components["schemas"]["ApiKeyRead"];
/** The answer to creating a key: the only time the full key is ever shown. */
export type CreatedApiKey = JsonOf<paths["/api/api-keys"]["post"]["responses"][201]>;
export type RegisterResult = JsonOf<paths["/api/auth/register"]["post"]["responses"][201]>;
export type CodePurpose = "verify_email" | "password_reset" | "login";

export type Provider = JsonOf<
  paths["/api/auth/providers"]["get"]["responses"][200]
>["items"][number];
export type ProviderId = Provider["id"];

function withSignal(signal?: AbortSignal) {
  return signal ? { signal } : {};
}

export function register(body: { email: string; password: string; name: string }) {
  return unwrap(api.POST("/api/auth/register", { body }));
}

export function sendCode(email: string, purpose: CodePurpose) {
  return unwrap(api.POST("/api/auth/send-code", { body: { email, purpose } }));
}

export function verifyCode(email: string, code: string, purpose: "verify_email" | "login") {
  return unwrap(api.POST("/api/auth/verify", { body: { email, code, purpose } }));
}

export function login(email: string, password: string) {
  return unwrap(api.POST("/api/auth/login", { body: { email, password } }));
}

export async function logout(): Promise<void> {
  await unwrap(api.POST("/api/auth/logout"));
}

export function getMe(signal?: AbortSignal) {
  return unwrap(api.GET("/api/auth/me", withSignal(signal)));
}

export function requestPasswordReset(email: string) {
  return unwrap(api.POST("/api/auth/password-reset", { body: { email } }));
}

export function confirmPasswordReset(email: string, code: string, password: string) {
  return unwrap(api.POST("/api/auth/password-reset/confirm", { body: { email, code, password } }));
}

export function changePassword(currentPassword: string, newPassword: string) {
  return unwrap(
    api.POST("/api/auth/password", {
      body: { current_password: currentPassword, new_password: newPassword },
    }),
  );
}

export async function listSessions(signal?: AbortSignal): Promise<SessionInfo[]> {
  return (await unwrap(api.GET("/api/auth/sessions", withSignal(signal)))).items;
}

export async function revokeSession(id: string): Promise<void> {
  await unwrap(
    api.DELETE("/api/auth/sessions/{session_id}", { params: { path: { session_id: id } } }),
  );
}

export function revokeOtherSessions() {
  return unwrap(api.POST("/api/auth/sessions/revoke-others"));
}

export async function listApiKeys(signal?: AbortSignal): Promise<ApiKeyInfo[]> {
  return (await unwrap(api.GET("/api/api-keys", withSignal(signal)))).items;
}

export function createApiKey(name: string, scopes: string[]) {
  return unwrap(api.POST("/api/api-keys", { body: { name, scopes } }));
}

export async function revokeApiKey(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/api-keys/{key_id}", { params: { path: { key_id: id } } }));
}

export async function listCapabilities(signal?: AbortSignal): Promise<string[]> {
  return (await unwrap(api.GET("/api/auth/capabilities", withSignal(signal)))).items;
}

export async function listProviders(signal?: AbortSignal): Promise<Provider[]> {
  return (await unwrap(api.GET("/api/auth/providers", withSignal(signal)))).items;
}

/** Where the browser goes (a full page load) to sign in with a provider. */
export function providerStartUrl(provider: string, next: string): string {
  return `/api/auth/oauth/${encodeURIComponent(provider)}/start?next=${encodeURIComponent(next)}`;
}

export function sendLinkCode(token: string) {
  return unwrap(api.POST("/api/auth/oauth/link/send-code", { body: { token } }));
}

export function confirmLink(token: string, proof: { password: string } | { code: string }) {
  return unwrap(api.POST("/api/auth/oauth/link/confirm", { body: { token, ...proof } }));
}
