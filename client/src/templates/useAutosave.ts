import { useCallback, useEffect, useReducer, useRef } from "react";
import {
  autosaveReducer,
  hasUnsavedWork,
  initialState,
  wantsSave,
  type AutosaveEvent,
  type AutosaveState,
  type Snapshot,
} from "./autosave";

export const AUTOSAVE_DELAY_MS = 800;

export interface AutosaveOptions<C> {
  initial: Snapshot<C>;
  /** Saves `content` on top of `version`; resolves to the new version. */
  save(version: number, content: C): Promise<number>;
  /** Tells a stale save from any other failure. */
  isConflict(error: unknown): boolean;
  /** The server's current version, read after a conflict. */
  loadCurrent(): Promise<Snapshot<C>>;
  /** Words for a failed save or read. */
  describe(error: unknown): string;
  delay?: number;
}

/**
 * Debounced autosave driven by `autosaveReducer`: a save starts once edits have
 * paused for `delay` ms and none is in flight; edits made meanwhile follow in the next.
 */
export function useAutosave<C>(options: AutosaveOptions<C>) {
  const [state, dispatch] = useReducer(
    autosaveReducer as (s: AutosaveState<C>, e: AutosaveEvent<C>) => AutosaveState<C>,
    options.initial,
    initialState<C>,
  );
  const latest = useRef({ options, state });
  useEffect(() => {
    latest.current = { options, state };
  });

  const runSave = useCallback(async () => {
    const { options: current, state: now } = latest.current;
    if (!wantsSave(now)) return;
    dispatch({ type: "save_started" });
    try {
      const version = await current.save(now.version, now.draft);
      dispatch({ type: "save_succeeded", version });
    } catch (error) {
      if (!current.isConflict(error)) {
        dispatch({ type: "save_failed", message: current.describe(error) });
        return;
      }
      try {
        dispatch({ type: "save_conflicted", theirs: await current.loadCurrent() });
      } catch (loadError) {
        dispatch({ type: "save_failed", message: current.describe(loadError) });
      }
    }
  }, []);

  const delay = options.delay ?? AUTOSAVE_DELAY_MS;
  useEffect(() => {
    if (!wantsSave(state)) return;
    const timer = setTimeout(() => void runSave(), delay);
    return () => clearTimeout(timer);
  }, [state, delay, runSave]);

  useEffect(
    () => () => {
      // Leaving the editor inside the app (a link, "Duplicate") must not drop the edits still
      // waiting for the debounce: they are sent at once. Best effort: a conflict found then
      // has no editor left to show it in, and the edits stay only in this tab's memory.
      const { options: current, state: now } = latest.current;
      if (wantsSave(now)) void current.save(now.version, now.draft).catch(() => undefined);
    },
    [],
  );

  useEffect(() => {
    function warn(event: BeforeUnloadEvent) {
      if (hasUnsavedWork(latest.current.state)) event.preventDefault();
    }
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const edit = useCallback((change: (draft: C) => C) => dispatch({ type: "edited", change }), []);
  const keepMine = useCallback(() => dispatch({ type: "keep_mine" }), []);
  const takeTheirs = useCallback(() => dispatch({ type: "take_theirs" }), []);
  const merge = useCallback((content: C) => dispatch({ type: "merged", content }), []);
  const replace = useCallback(
    (snapshot: Snapshot<C>) => dispatch({ type: "replaced", snapshot }),
    [],
  );
  const retry = useCallback(() => dispatch({ type: "retry" }), []);

  return { state, edit, keepMine, takeTheirs, merge, replace, retry };
}
