import type { MemoryLevel } from './memoryLevel.ts';

/**
 * Where a memory monitor carries what a list needs to follow it (register its bytes, follow the
 * level): a method of the monitor `createMemoryMonitor` makes, so a list with no monitor does
 * not bundle it (decision 0023).
 *
 * @internal
 * @example
 * const link = (monitor as CarriesListLink)[FOLLOW_LIST](counts, () => replan());
 */
export const FOLLOW_LIST: unique symbol = Symbol.for('lazyflow.followList');

/**
 * One list following one monitor: the level (current while followed), its bytes, the end.
 *
 * @example
 * link.update(store.bytes);
 * if (link.level === 'critical') stopPrefetching();
 * link.stop();
 */
export interface ListLink {
  readonly level: MemoryLevel;
  /** The list's bytes now (the monitor sums every list's). */
  update(bytes: number): void;
  /** Unregisters and stops following. */
  stop(): void;
}
