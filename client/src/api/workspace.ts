/**
 * Workspace settings API: the name, and the sender identity every email's footer carries.
 */
import { api, unwrap } from "./client";
import type { operations } from "./schema";

type JsonBody<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type WorkspaceSettings = JsonBody<operations["get_read_workspace"]["responses"][200]>;
export type WorkspaceUpdate = JsonBody<
  NonNullable<operations["patch_update_workspace"]["requestBody"]>
>;

export function getWorkspace(signal?: AbortSignal): Promise<WorkspaceSettings> {
  return unwrap(api.GET("/api/workspace", signal ? { signal } : {}));
}

export function updateWorkspace(body: WorkspaceUpdate): Promise<WorkspaceSettings> {
  return unwrap(api.PATCH("/api/workspace", { body }));
}
