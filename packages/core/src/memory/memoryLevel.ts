// Pure memory arithmetic: how full memory is and which pressure level that is. The monitor
// wires these to its samples; lists obey the level.

import type { MemoryLevel } from '../planner/evictionPolicy.ts';

// The level is the eviction policy's input, so it is declared beside it (planner/).
export type { MemoryLevel };

/** Inputs to {@link memoryRatio}. */
export interface MemoryFigures {
  /** Bytes the SDK's own estimates account for (every registered list). */
  readonly sdkBytes: number;
  /** Sampled heap (performance.memory or measureUserAgentSpecificMemory), if any. */
  readonly heapUsed?: number | undefined;
  /** The browser's heap limit (performance.memory), if known. */
  readonly heapLimit?: number | undefined;
  /** The memory the app allows the page. */
  readonly limitBytes: number;
}

/**
 * How full memory is, 0..1+: the larger of the SDK's bytes and the sampled heap, over the
 * smaller of `limitBytes` and the browser's heap limit. The SDK's bytes are exact in time
 * (updated as pages land and go); the heap is seconds old but sees everything else.
 *
 * @example
 * memoryRatio({ sdkBytes: 400, heapUsed: 300, limitBytes: 1_000 }); // 0.4
 * memoryRatio({ sdkBytes: 100, heapUsed: 900, heapLimit: 1_000, limitBytes: 2_000 }); // 0.9
 */
export function memoryRatio(figures: MemoryFigures): number {
  const used = Math.max(figures.sdkBytes, figures.heapUsed ?? 0);
  const limit = Math.min(figures.limitBytes, figures.heapLimit ?? Number.POSITIVE_INFINITY);
  return limit > 0 ? used / limit : 0;
}

/** Thresholds of {@link memoryLevel}, as shares of the limit. */
export interface LevelThresholds {
  readonly high: number;
  readonly critical: number;
  /** A level is left only once the ratio is this far below its threshold, so it does not flap. Default 0.05. */
  readonly hysteresis?: number;
}

/**
 * The pressure level of a ratio, given the previous level (hysteresis on the way down).
 *
 * @example
 * memoryLevel(0.85, 'ok', { high: 0.8, critical: 0.95 }); // 'high'
 * memoryLevel(0.78, 'high', { high: 0.8, critical: 0.95 }); // 'high' (not yet below 0.75)
 * memoryLevel(0.7, 'high', { high: 0.8, critical: 0.95 }); // 'ok'
 */
export function memoryLevel(ratio: number, previous: MemoryLevel, thresholds: LevelThresholds): MemoryLevel {
  const { high, critical, hysteresis = 0.05 } = thresholds;
  if (ratio >= critical || (previous === 'critical' && ratio >= critical - hysteresis)) return 'critical';
  if (ratio >= high || (previous !== 'ok' && ratio >= high - hysteresis)) return 'high';
  return 'ok';
}
