import { useEffect, useRef, useState } from "react";

/**
 * `value`, passed on at most once every `interval` milliseconds: a change after a quiet spell
 * at once, later ones when the interval since the last one has run out, the latest winning.
 *
 * Unlike a debounce, a value that changes without pause (a campaign's progress, ten times a
 * second) still gets through on time, rather than only once it stops changing.
 */
export function useThrottled<T>(value: T, interval: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    // Measured from the last value passed on, so each change replaces the pending timer with
    // one due at the same moment, not later.
    const wait = Math.max(0, last.current + interval - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, interval]);
  return shown;
}
