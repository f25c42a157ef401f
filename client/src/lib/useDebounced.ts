import { useEffect, useState } from "react";

/** How long a search box waits after the last keystroke before it asks the server. */
export const SEARCH_DELAY_MS = 300;

/** `value`, once it has stopped changing for `delay` milliseconds. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
