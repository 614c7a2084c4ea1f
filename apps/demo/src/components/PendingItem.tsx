import type { ItemState } from '@lazyflow/core';
import type { ReactNode } from 'react';
import { firstOfPage } from '../lib/firstOfPage.ts';
import { FailedRow } from './FailedRow.tsx';
import { RetryingRow } from './RetryingRow.tsx';

/**
 * Which items not loaded are the first of their page on screen (the ones that carry the text), for
 * one render: call it once per render with the first index in view (or, where index order is not
 * screen order, as in a masonry, whether an item is in view), then once per rendered item, in
 * index order. Items out of view (overscan) never carry the text, where nobody reads it.
 *
 * @example
 * const first = pageMarks(list.range?.start ?? 0, list.stats.pageSize);
 * list.rows.map((row) => first(row.index, row.state)); // true for the first failed (or retrying) item of each page in view
 */
export function pageMarks(inView: number | ((index: number) => boolean), pageSize: number) {
  const failed = new Set<number>();
  const retrying = new Set<number>();
  const shown = typeof inView === 'number' ? (index: number) => index >= inView : inView;
  return (index: number, state: ItemState<unknown>): boolean => {
    if (!shown(index)) return false;
    const page = Math.floor(index / Math.max(1, pageSize));
    if (state.status === 'error') return firstOfPage(failed, page);
    if (state.status === 'loading' && state.attempt !== undefined) return firstOfPage(retrying, page);
    return false;
  };
}

/**
 * An item that is not loaded, as its page stands: failed ({@link FailedRow}), being retried
 * ({@link RetryingRow}) or loading for the first time (`skeleton`). Every paged page draws its
 * items not loaded with it, in its own terms (`noun`) and at the skeleton's exact `height`, so
 * nothing moves when a page fails or recovers.
 *
 * @example
 * <PendingItem state={row.state} index={row.index} pageSize={100} count={list.count} noun="videos"
 *   first={first(row.index, row.state)} retry={list.retry} height={300} card skeleton={<CardSkeleton />} />
 */
export function PendingItem({
  state,
  index,
  pageSize,
  count,
  noun,
  items,
  first,
  retry,
  height,
  lines = 1,
  card = false,
  skeleton,
}: {
  state: ItemState<unknown>;
  index: number;
  pageSize: number;
  count: number;
  noun: string;
  /** What the page holds in the page's own terms, instead of its row numbers (Contacts: '1–99 (A)'). */
  items?: string | undefined;
  first: boolean;
  retry: (page: number) => void;
  height: number | string;
  lines?: number;
  card?: boolean;
  skeleton: ReactNode;
}) {
  const page = Math.floor(index / Math.max(1, pageSize));
  if (state.status === 'error')
    return (
      <FailedRow
        height={height}
        page={page}
        pageSize={pageSize}
        count={count}
        error={state.error}
        first={first}
        retry={retry}
        noun={noun}
        items={items}
        card={card}
      />
    );
  if (state.status === 'loading' && state.attempt !== undefined)
    return (
      <RetryingRow
        height={height}
        lines={lines}
        page={page}
        pageSize={pageSize}
        count={count}
        attempt={state.attempt}
        attempts={state.attempts ?? state.attempt}
        lastError={state.lastError}
        first={first}
        noun={noun}
        items={items}
        card={card}
        skeleton={skeleton}
      />
    );
  return <>{skeleton}</>;
}
