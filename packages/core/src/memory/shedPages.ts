import type { PageRange } from '../planner/planWindow.ts';
import type { MemoryLevel } from './memoryLevel.ts';

/** The ranges a list keeps under pressure. */
export interface ShedRanges {
  /** Pages the window covers. */
  readonly visible: PageRange | null;
  /** Visible pages plus prefetch. */
  readonly zone: PageRange | null;
}

/**
 * Pure shedding policy: at `high`, every in-memory page outside the window + prefetch zone
 * goes; at `critical`, every page outside the visible pages. Without a window, everything
 * is far from it. Pages shed from memory stay in IndexedDB when the list has a cache.
 *
 * @example
 * pagesToShed([1, 5, 6, 9], 'high', { visible: { first: 5, last: 5 }, zone: { first: 4, last: 6 } }); // [1, 9]
 * pagesToShed([1, 5, 6, 9], 'critical', { visible: { first: 5, last: 5 }, zone: { first: 4, last: 6 } }); // [1, 6, 9]
 */
export function pagesToShed(pages: Iterable<number>, level: MemoryLevel, ranges: ShedRanges): number[] {
  if (level === 'ok') return [];
  const keep = level === 'critical' ? ranges.visible : ranges.zone;
  const shed: number[] = [];
  for (const page of pages) if (keep === null || page < keep.first || page > keep.last) shed.push(page);
  return shed;
}
