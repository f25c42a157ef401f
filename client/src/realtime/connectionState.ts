/**
 * The realtime connection state as a tiny external store, kept free of
 * socket.io so it can be unit tested and read with `useSyncExternalStore`.
 */

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

export type ConnectionEvent =
  /** A connection was requested (first connect, or a manual restart). */
  | { type: "open" }
  /** The namespace handshake succeeded. */
  | { type: "connected" }
  /** The connection dropped or a connect attempt failed. */
  | { type: "lost"; willRetry: boolean }
  /** The manager is about to try again. */
  | { type: "retrying" }
  /** The client closed the connection on purpose. */
  | { type: "closed" };

export function reduceConnectionState(
  state: ConnectionState,
  event: ConnectionEvent,
): ConnectionState {
  switch (event.type) {
    case "open":
      return state === "live" ? "live" : "connecting";
    case "connected":
      return "live";
    case "lost":
      return event.willRetry ? "reconnecting" : "offline";
    case "retrying":
      // A late retry notice must not resurrect a connection closed on purpose.
      return state === "offline" ? "offline" : "reconnecting";
    case "closed":
      return "offline";
  }
}

export interface ConnectionStore {
  getSnapshot(): ConnectionState;
  subscribe(listener: () => void): () => void;
  dispatch(event: ConnectionEvent): void;
}

export function createConnectionStore(initial: ConnectionState = "offline"): ConnectionStore {
  let state = initial;
  const listeners = new Set<() => void>();

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispatch(event) {
      const next = reduceConnectionState(state, event);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};
