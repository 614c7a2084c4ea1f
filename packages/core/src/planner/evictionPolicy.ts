// Which pages a list lets go: under memory pressure (shedding) and over its own budget
// (farthest, least recently used first). Pure; the list applies the result.
import { chooseEvictions, type EvictionCandidate } from './chooseEvictions.ts';
import type { PageRange } from './planWindow.ts';

/**
 * Memory pressure: `high` sheds pages far from every window, `critical` sheds down to the windows.
 *
 * @example
 * const level: MemoryLevel = monitor.getSnapshot().level; // 'ok' | 'high' | 'critical'
 */
export type MemoryLevel = 'ok' | 'high' | 'critical';

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

/** A list's own memory budget (`memory.maxBytes` / `maxPages`). */
export interface PageBudget {
  readonly maxBytes: number;
  readonly maxPages: number;
}

/**
 * The one eviction policy: the pages the pressure level sheds, then the farthest, least
 * recently used ones while the rest is over the list's own budget. The visible pages are never
 * chosen by the budget part.
 *
 * @example
 * pagesToEvict(
 *   [{ page: 0, bytes: 10, lastUsed: 1 }, { page: 5, bytes: 10, lastUsed: 2 }, { page: 9, bytes: 10, lastUsed: 3 }],
 *   'ok', { visible: { first: 5, last: 5 }, zone: { first: 4, last: 6 } }, { maxBytes: 15, maxPages: 100 },
 * ); // [0, 9]: over budget, farthest first
 */
export function pagesToEvict(
  candidates: readonly EvictionCandidate[],
  level: MemoryLevel,
  ranges: ShedRanges,
  budget: PageBudget,
): number[] {
  const shed = new Set(
    pagesToShed(
      candidates.map((candidate) => candidate.page),
      level,
      ranges,
    ),
  );
  const rest = candidates.filter((candidate) => !shed.has(candidate.page));
  const { maxBytes, maxPages } = budget;
  return [...shed, ...chooseEvictions({ pages: rest, protect: ranges.visible, maxBytes, maxPages })];
}

/**
 * Whether {@link pagesToEvict} chooses nothing, told from the totals alone: no memory pressure,
 * and the pages held (`bytes`, `pages` of them) within the list's own budget. A list asks it on
 * every window move before it lists its pages as candidates.
 *
 * @example
 * evictsNothing('ok', 10, 1, { maxBytes: 15, maxPages: 100 }); // true
 * evictsNothing('high', 10, 1, { maxBytes: 15, maxPages: 100 }); // false: pressure sheds pages
 */
export function evictsNothing(level: MemoryLevel, bytes: number, pages: number, budget: PageBudget): boolean {
  return level === 'ok' && bytes <= budget.maxBytes && pages <= budget.maxPages;
}
