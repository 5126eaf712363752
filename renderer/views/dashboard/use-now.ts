import { useEffect, useState } from 'react';

/**
 * The current time at each render, with a re-render every `intervalMs` so "5 minutes ago" does not
 * go stale on screen while nothing else changes.
 */
export function useNow(intervalMs = 30_000): Date {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return new Date();
}
