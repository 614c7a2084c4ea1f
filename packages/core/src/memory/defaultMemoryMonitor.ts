import type { MemoryMonitor } from './createMemoryMonitor.ts';
import { buildHealth, type HealthReport } from './health.ts';

let defaultMonitor: MemoryMonitor | null = null;

/**
 * Sets the monitor every lazy list uses unless its options name another (or `null`). Lists
 * look it up when they get their first subscriber.
 *
 * @example
 * setDefaultMemoryMonitor(createMemoryMonitor({ limitBytes: 500_000_000 }));
 */
export function setDefaultMemoryMonitor(monitor: MemoryMonitor | null): void {
  defaultMonitor = monitor;
}

/**
 * The monitor set with {@link setDefaultMemoryMonitor}, or null.
 *
 * @example
 * getDefaultMemoryMonitor()?.simulate('high');
 */
export function getDefaultMemoryMonitor(): MemoryMonitor | null {
  return defaultMonitor;
}

/**
 * The monitor an option names: `undefined` means the default monitor (looked up now), `null`
 * means none.
 *
 * @example
 * const monitor = monitorFor(options.memoryMonitor); // null: nothing to follow
 */
export function monitorFor(option: MemoryMonitor | null | undefined): MemoryMonitor | null {
  return option === undefined ? defaultMonitor : option;
}

/**
 * Health of the lists watched by `monitor` (default: the default monitor): memory, cache hit
 * rate and error rate, each `'healthy' | 'warning' | 'critical'` with its figures. Without
 * any monitor everything is healthy with zero figures.
 *
 * @example
 * const { memory, cacheHitRate, errorRate } = getHealth();
 * if (errorRate.status !== 'healthy') console.warn(`${(errorRate.value * 100).toFixed(1)}% of fetches fail`);
 */
export function getHealth(monitor: MemoryMonitor | null = defaultMonitor): HealthReport {
  if (monitor !== null) return monitor.getHealth();
  return buildHealth(
    { level: 'ok', ratio: 0, sdkBytes: 0 },
    { cacheHits: 0, cacheMisses: 0, requests: 0, retries: 0, errors: 0 },
  );
}
