import { optionError } from '../options.ts';

/**
 * How urgent a background load is: `'high'`, `'normal'` (the default) or `'low'`, or any finite
 * number. Larger runs first; the names are the numbers 1, 0 and -1, so `0.5` sits between
 * `'normal'` and `'high'`. Prefetches of equal priority run in the order they were asked for.
 *
 * @example
 * prefetcher.prefetchList({ key: ['users'], source, priority: 'high' }); // the link under the pointer
 * prefetcher.prefetchList({ key: ['audit'], source: audit, priority: -2 }); // after everything else
 */
export type PrefetchPriority = 'high' | 'normal' | 'low' | number;

const NAMED: Readonly<Record<'high' | 'normal' | 'low', number>> = { high: 1, normal: 0, low: -1 };

/**
 * The number a priority sorts by (larger first). Throws a TypeError naming `option` for
 * anything that is not a name above or a finite number.
 *
 * @example
 * priorityRank('high'); // 1
 * priorityRank(0.5); // 0.5
 * priorityRank('urgent' as PrefetchPriority); // TypeError: … option "priority" must be 'high', 'normal', 'low' or a finite number …
 */
export function priorityRank(priority: PrefetchPriority, owner = 'prefetch', option = 'priority'): number {
  if (typeof priority === 'number' && Number.isFinite(priority)) return priority;
  if (typeof priority === 'string' && Object.hasOwn(NAMED, priority))
    return NAMED[priority as keyof typeof NAMED];
  throw optionError(owner, option, "'high', 'normal', 'low' or a finite number", priority);
}
