// Bad source input through the React hooks, in real Chromium: the rows shown before stay in the
// DOM, the bad page's rows say what went wrong, Retry recovers once the server behaves, and
// nothing reaches `unhandledrejection`.
import { type OffsetFetchParams, offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider, QueryErrorResetBoundary } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Component, type ReactNode, Suspense, useRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLazyList } from './useLazyList.ts';
import { useSuspenseLazyList } from './useSuspenseLazyList.ts';

interface Item {
  readonly id: number;
}
const rows = (from: number, n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: from + i }));

const unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
beforeEach(() => {
  unhandled.length = 0;
  window.addEventListener('unhandledrejection', onUnhandled);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await new Promise((resolve) => setTimeout(resolve, 20));
  window.removeEventListener('unhandledrejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

let keys = 0;
type Source = ReturnType<typeof offsetSource<Item>>;

function Rows({ source, name }: { source: Source; name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: [name],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => 30,
    initialRect: { width: 300, height: 300 },
    overscan: 0,
    prefetch: 0,
    retry: { attempts: 1 },
  });
  return (
    <>
      <output>{list.status}</output>
      <button type="button" onClick={list.retry}>
        Retry
      </button>
      <div ref={ref} data-testid="scroller" style={{ height: 300, overflow: 'auto' }}>
        <ul style={{ height: list.totalSize, position: 'relative', margin: 0 }}>
          {list.rows.map(({ index, state }) => (
            <li key={index} data-index={index} style={{ position: 'absolute', top: index * 30, height: 30 }}>
              {state.status === 'loaded' && `Item ${state.item.id}`}
              {state.status === 'error' && `failed: ${(state.error as Error).message}`}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

const text = (index: number) => document.querySelector(`[data-index="${index}"]`)?.textContent;

describe('useLazyList with bad input from the source', () => {
  const bads: [string, () => unknown, RegExp][] = [
    [
      'a fetchPage that throws synchronously',
      () => {
        throw new Error('HTTP 500 (thrown)');
      },
      /failed: HTTP 500 \(thrown\)/,
    ],
    [
      'items that are not an array',
      () => Promise.resolve({ items: 'nope' }),
      /failed: lazyflow: offsetSource fetchPage for page 1/,
    ],
    [
      'a total that is NaN',
      () => Promise.resolve({ items: rows(10, 10), total: Number.NaN }),
      /with total an integer >= 0, got NaN/,
    ],
  ];
  for (const [name, bad, shown] of bads) {
    it(`${name}: the rows loaded before stay, page 1 shows why, Retry loads it`, async () => {
      const server = { broken: true };
      const source = offsetSource<Item>({
        pageSize: 10,
        fetchPage: ({ offset, page }: OffsetFetchParams) =>
          page === 1 && server.broken
            ? (bad() as Promise<{ items: Item[] }>)
            : Promise.resolve({ items: rows(offset, 10), total: 40 }),
      });
      render(<Rows source={source} name={`bad-${keys++}`} />);
      await waitFor(() => expect(text(9)).toBe('Item 9'));
      const scroller = screen.getByTestId('scroller');
      scroller.scrollTop = 150; // rows 5-14: page 1 comes into view
      fireEvent.scroll(scroller);
      await waitFor(() => expect(text(12)).toMatch(shown));
      expect(screen.getByRole('status').textContent).toBe('error');
      expect(text(5)).toBe('Item 5');
      expect(text(9)).toBe('Item 9');

      server.broken = false;
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
      await waitFor(() => expect(text(12)).toBe('Item 12'));
      expect(text(9)).toBe('Item 9');
    });
  }
});

class Boundary extends Component<
  { children: ReactNode; onReset: () => void },
  { error: unknown; failed: boolean }
> {
  override state = { error: undefined as unknown, failed: false };
  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    const { error } = this.state;
    return (
      <div role="alert">
        {error instanceof Error ? `Error: ${error.message}` : `not an Error: ${String(error)}`}
        <button
          type="button"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: undefined, failed: false });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}

function SuspenseRows({
  fetchPage,
  name,
}: {
  fetchPage: (p: OffsetFetchParams) => Promise<{ items: Item[] }>;
  name: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useSuspenseLazyList<Item>({
    key: [name],
    source: offsetSource({ pageSize: 10, fetchPage }),
    prefetch: 0,
    retry: { attempts: 1 },
    getScrollElement: () => ref.current,
    estimateSize: () => 30,
    initialRect: { width: 300, height: 300 },
  });
  return <div ref={ref}>{list.rows[0]?.state.status === 'loaded' ? 'first row shown' : 'no row'}</div>;
}

describe('useSuspenseLazyList with a bad first page', () => {
  const bads: [string, () => Promise<{ items: Item[] }>, RegExp][] = [
    [
      'a fetchPage that throws synchronously',
      () => {
        throw new Error('HTTP 503 (thrown)');
      },
      /^Error: HTTP 503 \(thrown\)/,
    ],
    [
      'a response of the wrong shape',
      () => Promise.resolve({ data: [] } as never),
      /^Error: lazyflow: offsetSource fetchPage for page 0/,
    ],
  ];
  for (const [name, bad, shown] of bads) {
    it(`${name}: the boundary gets an Error naming it; Try again loads the page once the server behaves`, async () => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const server = { broken: true };
      const fetchPage = (p: OffsetFetchParams) =>
        server.broken ? bad() : Promise.resolve({ items: rows(p.offset, 10), total: 10 });
      render(
        <QueryClientProvider client={new QueryClient()}>
          <QueryErrorResetBoundary>
            {({ reset }) => (
              <Boundary onReset={reset}>
                <Suspense fallback={<p>loading</p>}>
                  <SuspenseRows fetchPage={fetchPage} name={`suspense-bad-${keys++}`} />
                </Suspense>
              </Boundary>
            )}
          </QueryErrorResetBoundary>
        </QueryClientProvider>,
      );
      expect((await screen.findByRole('alert')).textContent).toMatch(shown);
      server.broken = false;
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
      expect(await screen.findByText('first row shown')).toBeTruthy();
    });
  }
});
