import { describe, expect, it, vi } from "vitest";
import type { Socket } from "socket.io-client";
import {
  createConnectionStore,
  reduceConnectionState,
  type ConnectionEvent,
  type ConnectionState,
} from "./connectionState";
import { trackConnection, type InkwellSocket } from "./socket";

describe("reduceConnectionState", () => {
  const cases: [ConnectionState, ConnectionEvent, ConnectionState][] = [
    ["offline", { type: "open" }, "connecting"],
    ["live", { type: "open" }, "live"],
    ["connecting", { type: "connected" }, "live"],
    ["reconnecting", { type: "connected" }, "live"],
    ["live", { type: "lost", willRetry: true }, "reconnecting"],
    ["connecting", { type: "lost", willRetry: true }, "reconnecting"],
    ["live", { type: "lost", willRetry: false }, "offline"],
    ["connecting", { type: "lost", willRetry: false }, "offline"],
    ["live", { type: "retrying" }, "reconnecting"],
    ["offline", { type: "retrying" }, "offline"],
    ["live", { type: "closed" }, "offline"],
    ["reconnecting", { type: "closed" }, "offline"],
  ];

  it.each(cases)("%s + %o -> %s", (state, event, expected) => {
    expect(reduceConnectionState(state, event)).toBe(expected);
  });
});

describe("createConnectionStore", () => {
  it("starts in the given state and walks a connect, drop, recover cycle", () => {
    const store = createConnectionStore("offline");
    const seen: ConnectionState[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));

    store.dispatch({ type: "open" });
    store.dispatch({ type: "connected" });
    store.dispatch({ type: "lost", willRetry: true });
    store.dispatch({ type: "retrying" });
    store.dispatch({ type: "connected" });
    store.dispatch({ type: "closed" });

    expect(seen).toEqual(["connecting", "live", "reconnecting", "live", "offline"]);
  });

  it("notifies only on change and stops after unsubscribe", () => {
    const store = createConnectionStore("connecting");
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    store.dispatch({ type: "open" });
    expect(listener).not.toHaveBeenCalled();

    store.dispatch({ type: "connected" });
    expect(listener).toHaveBeenCalledTimes(1);

    unsubscribe();
    store.dispatch({ type: "closed" });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toBe("offline");
  });
});

/** Just enough of a socket.io client socket to fire lifecycle events by hand. */
function fakeSocket() {
  const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  const add = (event: string, handler: (...args: unknown[]) => void) => {
    handlers.set(event, [...(handlers.get(event) ?? []), handler]);
  };
  const fake = {
    active: true,
    on: add,
    io: { on: add },
    fire(event: string, ...args: unknown[]) {
      for (const handler of handlers.get(event) ?? []) handler(...args);
    },
  };
  return { fake, socket: fake as unknown as InkwellSocket & Pick<Socket, "active"> };
}

describe("trackConnection", () => {
  it("maps socket lifecycle events to states and reports reconnects, not the first connect", () => {
    const store = createConnectionStore("connecting");
    const reconnected = vi.fn();
    const { fake, socket } = fakeSocket();
    trackConnection(socket, store, reconnected);

    fake.fire("connect");
    expect(store.getSnapshot()).toBe("live");
    expect(reconnected).not.toHaveBeenCalled();

    fake.fire("disconnect", "transport close");
    expect(store.getSnapshot()).toBe("reconnecting");
    fake.fire("reconnect_attempt", 1);
    fake.fire("connect_error", new Error("xhr poll error"));
    expect(store.getSnapshot()).toBe("reconnecting");

    fake.fire("connect");
    expect(store.getSnapshot()).toBe("live");
    expect(reconnected).toHaveBeenCalledTimes(1);
  });

  it("goes offline when the server refuses the connection", () => {
    const store = createConnectionStore("connecting");
    const { fake, socket } = fakeSocket();
    trackConnection(socket, store, () => {});

    fake.active = false;
    fake.fire("connect_error", new Error("unauthorized"));
    expect(store.getSnapshot()).toBe("offline");
  });
});
