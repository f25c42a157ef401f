import { useEffect, useRef, useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";
import {
  createConnectionStore,
  type ConnectionState,
  type ConnectionStore,
} from "./connectionState";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type { ConnectionState } from "./connectionState";
export type InkwellSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const store = createConnectionStore("offline");
const reconnectListeners = new Set<() => void>();
let socket: InkwellSocket | null = null;

/**
 * Feeds socket lifecycle events into a connection store and calls
 * `onReconnected` on every successful connect after the first one.
 * Exported for tests, which drive it with a fake socket.
 */
export function trackConnection(
  target: InkwellSocket,
  connection: ConnectionStore,
  onReconnected: () => void,
): void {
  let connectedBefore = false;

  target.on("connect", () => {
    connection.dispatch({ type: "connected" });
    if (connectedBefore) onReconnected();
    connectedBefore = true;
  });
  // `active` is false when the server refused the connection or closed it on
  // purpose; socket.io then stops retrying until connect() is called again.
  target.on("disconnect", () => {
    connection.dispatch({ type: "lost", willRetry: target.active });
  });
  target.on("connect_error", () => {
    connection.dispatch({ type: "lost", willRetry: target.active });
  });
  target.io.on("reconnect_attempt", () => {
    connection.dispatch({ type: "retrying" });
  });
}

function notifyReconnected(): void {
  for (const listener of [...reconnectListeners]) {
    try {
      listener();
    } catch (error) {
      console.error("A reconnect listener failed", error);
    }
  }
}

function createSocket(): InkwellSocket {
  const created: InkwellSocket = io({
    path: "/socket.io",
    withCredentials: true,
    autoConnect: false,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  trackConnection(created, store, notifyReconnected);
  return created;
}

/** Starts the shared connection if it is not already up or retrying. */
export function connect(): InkwellSocket {
  socket ??= createSocket();
  if (!socket.connected && !socket.active) {
    store.dispatch({ type: "open" });
    socket.connect();
  }
  return socket;
}

/** The shared connection, created and started on first use. */
export function getSocket(): InkwellSocket {
  return socket ?? connect();
}

/** Closes the connection on purpose; nothing retries until `connect()`. */
export function disconnect(): void {
  socket?.disconnect();
  store.dispatch({ type: "closed" });
}

/**
 * Drops and re-opens the connection so the handshake carries the current
 * session cookie (call after log in or log out).
 */
export function restart(): InkwellSocket {
  disconnect();
  return connect();
}

/** Subscribes to a server event; returns a function that unsubscribes. */
export function on<E extends keyof ServerToClientEvents>(
  event: E,
  listener: ServerToClientEvents[E],
): () => void {
  const target = getSocket();
  // socket.io's listener type is a conditional type TypeScript cannot resolve
  // for a generic event name; the public signature above keeps callers typed.
  target.on(event, listener as never);
  return () => {
    target.off(event, listener as never);
  };
}

export function off<E extends keyof ServerToClientEvents>(
  event: E,
  listener: ServerToClientEvents[E],
): void {
  socket?.off(event, listener as never);
}

/** Sends a client event; socket.io buffers it while the connection is down. */
export function emit<E extends keyof ClientToServerEvents>(
  event: E,
  ...args: Parameters<ClientToServerEvents[E]>
): void {
  getSocket().emit(event, ...args);
}

/**
 * Calls `listener` after each reconnect. Socket events are only hints, so
 * pages re-read their state over REST (and re-join rooms) here.
 */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => {
    reconnectListeners.delete(listener);
  };
}

/** For `useSyncExternalStore` and other subscribers. */
export const connectionState = {
  subscribe: store.subscribe,
  getSnapshot: store.getSnapshot,
} as const;

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    connectionState.subscribe,
    connectionState.getSnapshot,
    connectionState.getSnapshot,
  );
}

/** Runs the latest `listener` after each reconnect while the component is mounted. */
export function useOnReconnect(listener: () => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onReconnect(() => latest.current()), []);
}
