import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useThrottled } from "./useThrottled";

describe("useThrottled", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes a change on at once after a quiet spell", () => {
    const { result, rerender } = renderHook(({ value }) => useThrottled(value, 1000), {
      initialProps: { value: 0 },
    });
    expect(result.current).toBe(0);
    rerender({ value: 1 });
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(result.current).toBe(1);
  });

  it("keeps passing on a value that never stops changing, once per interval", () => {
    const { result, rerender } = renderHook(({ value }) => useThrottled(value, 1000), {
      initialProps: { value: 0 },
    });
    const seen: number[] = [];
    // A new value every 100 ms for 3.5 s, as live progress comes: each second passes on the
    // latest value it holds.
    for (let i = 1; i <= 35; i++) {
      rerender({ value: i });
      act(() => {
        vi.advanceTimersByTime(100);
      });
      if (seen[seen.length - 1] !== result.current) seen.push(result.current);
    }
    // A debounce would have shown nothing new until the changes stopped.
    expect(seen).toEqual([1, 10, 20, 30]);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(result.current).toBe(35);
  });
});
