import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * The last `keep` values of `read()`, taken now and every `intervalMs` (a sparkline's history).
 * `read` may change on every render; the newest one is called.
 *
 * @example
 * const samples = useSamples(() => monitor.getSnapshot().sdkBytes, 1_000, 60);
 */
export function useSamples<S>(read: () => S, intervalMs: number, keep: number): readonly S[] {
  const latest = useRef(read);
  useLayoutEffect(() => {
    latest.current = read;
  });
  const [samples, setSamples] = useState<readonly S[]>([]);
  useEffect(() => {
    const take = () => {
      const sample = latest.current();
      setSamples((previous) => [...previous.slice(Math.max(0, previous.length - keep + 1)), sample]);
    };
    take();
    const timer = setInterval(take, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, keep]);
  return samples;
}
