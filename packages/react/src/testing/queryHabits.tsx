// Test support (not published) for the React Query habits (#17 item 6): a server whose answers
// the test releases, the rows an app renders, and an error boundary like react-error-boundary's.
import type { OffsetFetchParams } from '@lazyflow/core';
import { Component, type ReactNode, type RefObject } from 'react';
import type { UseLazyListResult } from '../useLazyList.ts';
import { AbsoluteRows } from './absoluteRows.tsx';

/** One row of the test server: `${term} ${id}`. */
export interface Hit {
  readonly id: number;
  readonly term: string;
}

/**
 * A search API over `total` hits per term. Requests for a term wait until `release(term)` (then
 * every later one answers at once); `fail` makes the next n requests fail with HTTP 500.
 */
export function gatedSearch(total = 1_000) {
  const open = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const server = {
    calls: [] as string[],
    fail: 0,
    release(term: string) {
      open.add(term);
      for (const resume of waiting.get(term) ?? []) resume();
      waiting.delete(term);
    },
    fetchPage(term: string) {
      return async ({ offset, limit }: OffsetFetchParams) => {
        server.calls.push(`${term}@${offset}`);
        if (!open.has(term))
          await new Promise<void>((resume) => waiting.set(term, [...(waiting.get(term) ?? []), resume]));
        if (server.fail > 0) {
          server.fail -= 1;
          throw new Error(`HTTP 500 for ${term}@${offset}`);
        }
        const end = Math.min(total, offset + limit);
        const items: Hit[] = [];
        for (let id = offset; id < end; id++) items.push({ id, term });
        return { items, total };
      };
    },
  };
  return server;
}

/** The rows as an app renders them, in a 360 px scroller of 36 px rows. */
export function HitRows({
  list,
  scrollRef,
}: {
  list: UseLazyListResult<Hit>;
  scrollRef: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div
      ref={scrollRef}
      data-testid="scroller"
      data-placeholder={String(list.isPlaceholder)}
      style={{ height: 360, overflow: 'auto' }}
    >
      <AbsoluteRows
        list={list}
        rowHeight={36}
        text={(hit) => `${hit.term} ${hit.id}`}
        placeholder="Loading…"
      />
    </div>
  );
}

interface BoundaryProps {
  readonly children: ReactNode;
  readonly onReset?: () => void;
}

/** An error boundary showing the error's message and a "Try again" button that resets it. */
export class ErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const reset = () => {
      this.props.onReset?.();
      this.setState({ error: null });
    };
    return (
      <div role="alert">
        {error.message}
        <button type="button" onClick={reset}>
          Try again
        </button>
      </div>
    );
  }
}
