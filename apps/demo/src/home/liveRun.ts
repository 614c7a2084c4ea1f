// What the Home tiles share: a counted source over /api/items and a wait on the list's own
// snapshots, so each tile's figure is measured in this tab, not written down.
import { type OffsetSource, offsetSource } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { fetchItems } from '../lib/api.ts';

/** An offset source over `/api/items` with `total` items that counts the HTTP requests it sends. */
interface CountedSource {
  readonly source: OffsetSource<Item>;
  /** HTTP requests sent so far (one per page: this source does not batch). */
  readonly requests: () => number;
  /** HTTP requests the server has answered so far. */
  readonly answered: () => number;
  /** The page numbers asked for by the requests after the first `n`, in order. */
  readonly pagesSince: (n: number) => number[];
}

/**
 * `/api/items` with `total` items, counted where `fetchPage` calls the network.
 *
 * @example
 * const { source, requests } = countedItems(1_000_000);
 */
export function countedItems(total: number, pageSize = 100): CountedSource {
  let sent = 0;
  let answered = 0;
  const pages: number[] = [];
  const source = offsetSource<Item>({
    pageSize,
    initialCount: total,
    fetchPage: ({ offset, limit, signal }) => {
      sent += 1;
      pages.push(Math.floor(offset / pageSize));
      return fetchItems({ offset, limit, total, signal }).then((page) => {
        answered += 1;
        return page;
      });
    },
  });
  return { source, requests: () => sent, answered: () => answered, pagesSince: (n) => pages.slice(n) };
}

/** How long a tile waits for its feat before it reports that it did not finish. */
const RUN_TIMEOUT_MS = 20_000;

/**
 * Resolves once `done()` holds, checked every animation frame; rejects after `timeoutMs` with
 * `what` in the message.
 *
 * @example
 * await until(() => loaded(latest.current, 500_000), 'row 500,000 loaded');
 */
export function until(done: () => boolean, what: string, timeoutMs = RUN_TIMEOUT_MS): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (done()) resolve();
      else if (performance.now() - started > timeoutMs)
        reject(new Error(`${what}: not within ${timeoutMs / 1000} s`));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** The next `n` animation frames. */
export async function frames(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Row `index`'s box relative to its scroller's visible area, from the DOM (null when not rendered). */
export function rowInView(
  scroller: HTMLElement | null,
  index: number,
): { top: number; bottom: number; height: number } | null {
  const row = scroller?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  if (!scroller || !row) return null;
  const origin = scroller.getBoundingClientRect().top + scroller.clientTop;
  const box = row.getBoundingClientRect();
  return { top: box.top - origin, bottom: box.bottom - origin, height: scroller.clientHeight };
}

/** Tolerance at the view's edges, px: past ~33.5M px the list scales positions, and a row can sit a fraction of a pixel out. */
const EDGE = 1.5;

/** Whether row `index` is rendered loaded and wholly inside its scroller's visible area. */
export function loadedInView(scroller: HTMLElement | null, index: number): boolean {
  const box = rowInView(scroller, index);
  const row = scroller?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  return (
    box !== null && row?.dataset.state === 'loaded' && box.top >= -EDGE && box.bottom <= box.height + EDGE
  );
}

/** Whether row `index` is rendered loaded with its top edge inside its scroller's visible area (a tall row may go past the bottom). */
export function loadedTopInView(scroller: HTMLElement | null, index: number): boolean {
  const box = rowInView(scroller, index);
  const row = scroller?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  return box !== null && row?.dataset.state === 'loaded' && box.top >= -EDGE && box.top < box.height;
}

/** `1234567` → `1,234,567`. */
export const count = (n: number) => n.toLocaleString('en');
