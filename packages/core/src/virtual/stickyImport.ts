// What `sticky: stickyRows` brings (decision 0027): the check of `stickyIndexes` and the sticky
// rows' code, reached only through `@lazyflow/core/sticky`, so a list without sticky rows does
// not bundle them. Kept apart from stickyRows.ts, which the virtual list imports.
import { optionError } from '../options.ts';
import {
  lastStickyAtOrBefore,
  loadStickyRows,
  placeStickyRows,
  StickyRows,
  type StickyRowsKind,
  stickyBox,
} from './stickyRows.ts';

/**
 * Checks `stickyIndexes`: sorted item indexes without repeats, below `count` when it is exact
 * (null: unknown or estimated, it may grow). A TypeError naming the option otherwise.
 */
function assertStickyIndexes(value: unknown, count: number | null): void {
  const option = 'stickyIndexes';
  const owner = 'createVirtualList';
  if (!Array.isArray(value)) throw optionError(owner, option, 'an array of item indexes', value);
  let previous = -1;
  for (const index of value as unknown[]) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      throw optionError(owner, option, 'integers >= 0', index);
    }
    if (index <= previous) {
      throw optionError(owner, option, 'sorted ascending without repeats', `${previous} before ${index}`);
    }
    if (count !== null && index >= count) {
      throw optionError(owner, option, `indexes below the count (${count})`, index);
    }
    previous = index;
  }
}

/**
 * Sticky rows for `createVirtualList` and `useLazyList`: pass `sticky: stickyRows` with
 * `stickyIndexes`, from `@lazyflow/core/sticky`, so lists without sticky rows do not bundle them
 * (decision 0027). `stickyIndexes` without it is a TypeError naming this import.
 *
 * @example
 * import { stickyRows } from '@lazyflow/core/sticky';
 * useLazyList({ key: ['contacts'], source, sticky: stickyRows, stickyIndexes: [0, 40, 95] });
 */
export const stickyRows: StickyRowsKind = Object.freeze({
  kind: 'sticky-rows',
  check: assertStickyIndexes,
  create: () => new StickyRows(),
  lastAtOrBefore: lastStickyAtOrBefore,
  box: stickyBox,
  place: placeStickyRows,
  load: loadStickyRows,
});
