import { hash32, type Item } from '@lazyflow/mocks';
import type { Heights } from './params.ts';

/** Height of every row in the fixed-height scenarios. */
export const ROW_HEIGHT = 36;

/**
 * The row-height rule every library gets: 36 px, or in the dynamic scenario a deterministic
 * pseudo-random height from 20 to 80 px that the libraries only learn by measuring the row.
 */
export function rowHeight(index: number, heights: Heights): number {
  return heights === 'fixed' ? ROW_HEIGHT : 20 + (hash32(index, 7) % 7) * 10;
}

let blankRows = false;

/**
 * From now on every {@link Row} renders as its {@link Placeholder} (the scroll request's
 * `blankRows`, a profiling diagnostic): rows already mounted stay until the list replaces them.
 */
export function renderRowsBlank(): void {
  blankRows = true;
}

/**
 * One loaded row. `data-row` and `data-state` are what the harness reads, through the DOM, the
 * same way for every library.
 */
export function Row({ index, item, heights }: { index: number; item: Item; heights: Heights }) {
  if (blankRows) return <Placeholder index={index} heights={heights} />;
  return (
    <div className="row" data-row={index} data-state="loaded" style={{ height: rowHeight(index, heights) }}>
      <span className="title">{item.title}</span>
      <span className="author">{item.author}</span>
    </div>
  );
}

/** A row whose data has not arrived yet (libraries with random access show it). */
export function Placeholder({ index, heights }: { index: number; heights: Heights }) {
  return (
    <div
      className="row placeholder"
      data-row={index}
      data-state="placeholder"
      style={{ height: rowHeight(index, heights) }}
    />
  );
}

/** The loader row or footer of the append-only patterns: not a data row, so it counts as blank. */
export function LoadingMore() {
  return <div className="loading-more">Loading more…</div>;
}
