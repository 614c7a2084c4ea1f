import { createMemoryMonitor, type MemoryMonitor, setDefaultMemoryMonitor } from '@lazyflow/core';

let monitor: MemoryMonitor | undefined;

/**
 * The demo's memory monitor, created on the first call and set as the default, so every lazy
 * list subscribes to it without an option. The limit is far above what the demo uses: pressure
 * comes from the panel's "Simulate memory pressure" control, not by accident during a test.
 *
 * @example
 * demoMonitor().simulate('critical');
 */
export function demoMonitor(): MemoryMonitor {
  if (monitor === undefined) {
    monitor = createMemoryMonitor({ limitBytes: 500_000_000, sampleMs: 1_000 });
    setDefaultMemoryMonitor(monitor);
  }
  return monitor;
}
