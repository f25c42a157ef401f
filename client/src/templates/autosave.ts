/**
 * The editor's save state as a pure reducer: every edit bumps a revision, a save
 * carries the version it started from (sent as `If-Match`), and a stale save
 * parks both versions side by side until the user picks one. Nothing is dropped:
 * edits made while a save is in flight are saved next.
 */

export type SaveStatus = "saved" | "dirty" | "saving" | "conflict" | "error";

export interface Snapshot<C> {
  version: number;
  content: C;
}

export interface Conflict<C> {
  /** The version both sides started from. */
  base: C;
  /** What this editor holds and failed to save. */
  mine: C;
  /** What the server holds now. */
  theirs: Snapshot<C>;
}

export interface AutosaveState<C> {
  status: SaveStatus;
  /** The server version the next save builds on. */
  version: number;
  /** The content of `version`, as far as this editor knows: the base of a three-way merge. */
  base: C;
  /** The content being saved right now, if any. */
  pending: C | null;
  draft: C;
  /** Bumped by every change to `draft`. */
  revision: number;
  /** The revision the server is known to hold. */
  savedRevision: number;
  /** The revision being saved right now, if any. */
  inFlight: number | null;
  conflict: Conflict<C> | null;
  error: string | null;
}

export type AutosaveEvent<C> =
  /** `change` maps the current draft to the next, so quick successive edits compose. */
  | { type: "edited"; change: (draft: C) => C }
  | { type: "save_started" }
  | { type: "save_succeeded"; version: number }
  | { type: "save_conflicted"; theirs: Snapshot<C> }
  | { type: "save_failed"; message: string }
  | { type: "keep_mine" }
  | { type: "take_theirs" }
  /** Resolves a conflict with combined content, saved on top of their version. */
  | { type: "merged"; content: C }
  | { type: "replaced"; snapshot: Snapshot<C> }
  | { type: "retry" };

export function initialState<C>(snapshot: Snapshot<C>): AutosaveState<C> {
  return {
    status: "saved",
    version: snapshot.version,
    base: snapshot.content,
    pending: null,
    draft: snapshot.content,
    revision: 0,
    savedRevision: 0,
    inFlight: null,
    conflict: null,
    error: null,
  };
}

/** Whether a save should start now (after the debounce): changes wait and nothing is in flight. */
export function wantsSave<C>(state: AutosaveState<C>): boolean {
  return state.status === "dirty" && state.inFlight === null;
}

/** Whether leaving the page now would lose work. */
export function hasUnsavedWork<C>(state: AutosaveState<C>): boolean {
  return state.revision !== state.savedRevision || state.status === "conflict";
}

function settled<C>(state: AutosaveState<C>, snapshot: Snapshot<C>): AutosaveState<C> {
  const revision = state.revision + 1;
  return {
    ...state,
    status: "saved",
    version: snapshot.version,
    base: snapshot.content,
    pending: null,
    draft: snapshot.content,
    revision,
    savedRevision: revision,
    inFlight: null,
    conflict: null,
    error: null,
  };
}

export function autosaveReducer<C>(state: AutosaveState<C>, event: AutosaveEvent<C>): AutosaveState<C> {
  switch (event.type) {
    case "edited": {
      const draft = event.change(state.draft);
      if (draft === state.draft) return state;
      const revision = state.revision + 1;
      if (state.status === "conflict" && state.conflict) {
        // Still the user's side of the conflict: it is what "keep mine" saves.
        return { ...state, draft, revision, conflict: { ...state.conflict, mine: draft } };
      }
      return {
        ...state,
        draft,
        revision,
        status: state.inFlight === null ? "dirty" : "saving",
        error: null,
      };
    }
    case "save_started":
      if (!wantsSave(state)) return state;
      return { ...state, status: "saving", inFlight: state.revision, pending: state.draft };
    case "save_succeeded": {
      if (state.inFlight === null) return state;
      const savedRevision = state.inFlight;
      return {
        ...state,
        version: event.version,
        base: state.pending ?? state.base,
        pending: null,
        savedRevision,
        inFlight: null,
        status: state.revision === savedRevision ? "saved" : "dirty",
        error: null,
      };
    }
    case "save_conflicted":
      return {
        ...state,
        status: "conflict",
        inFlight: null,
        pending: null,
        conflict: { base: state.base, mine: state.draft, theirs: event.theirs },
        error: null,
      };
    case "save_failed":
      return { ...state, status: "error", inFlight: null, pending: null, error: event.message };
    case "keep_mine":
      if (!state.conflict) return state;
      // Save again on top of the current version: theirs stays in the history.
      return {
        ...state,
        status: "dirty",
        version: state.conflict.theirs.version,
        base: state.conflict.theirs.content,
        draft: state.conflict.mine,
        conflict: null,
      };
    case "merged":
      if (!state.conflict) return state;
      return {
        ...state,
        status: "dirty",
        version: state.conflict.theirs.version,
        base: state.conflict.theirs.content,
        draft: event.content,
        revision: state.revision + 1,
        conflict: null,
      };
    case "take_theirs":
      if (!state.conflict) return state;
      return settled(state, state.conflict.theirs);
    case "replaced":
      return settled(state, event.snapshot);
    case "retry":
      return state.status === "error" ? { ...state, status: "dirty", error: null } : state;
  }
}

export const STATUS_LABELS: Record<SaveStatus, string> = {
  saved: "Saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  conflict: "Conflict",
  error: "Not saved",
};
