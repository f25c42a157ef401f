import { useCallback, useEffect, useRef, useState } from "react";

export type LoadState<T> =
  | { status: "loading"; data: T | undefined; error: null }
  | { status: "ready"; data: T; error: null }
  | { status: "error"; data: T | undefined; error: unknown };

/**
 * Loads data on mount and on `reload()`, aborting a call that is superseded
 * or whose component unmounts. `set` replaces the data after a local change.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<LoadState<T>>({
    status: "loading",
    data: undefined,
    error: null,
  });
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const controller = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState((previous) => ({ status: "loading", data: previous.data, error: null }));
    latest.current(current.signal).then(
      (data) => {
        if (!current.signal.aborted) setState({ status: "ready", data, error: null });
      },
      (error: unknown) => {
        if (!current.signal.aborted) {
          setState((previous) => ({ status: "error", data: previous.data, error }));
        }
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => controller.current?.abort();
  }, [reload]);

  const set = useCallback((update: (data: T) => T) => {
    setState((previous) =>
      previous.data === undefined
        ? previous
        : { status: "ready", data: update(previous.data), error: null },
    );
  }, []);

  return { ...state, reload, set };
}
