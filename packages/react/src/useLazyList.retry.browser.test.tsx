// Retries a user can see (decision 0025) through useLazyList, in real Chromium with
// @testing-library/react: a retrying page's rows carry the attempt, Retry works per page and for
// all, and an unmounted list asks for nothing more. Every answer of the server is given by hand,
// so each state is held for as long as the test looks at it.
import { type OffsetFetchParams, offsetSource } from '@lazyflow/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLazyList } from './useLazyList.ts';

afterEach(cleanup);

interface Item {
  readonly id: number;
}
interface Call {
  readonly offset: number;
  readonly signal: AbortSignal;
  resolve(page: { items: Item[]; total: number }): void;
  reject(error: unknown): void;
}

let keys = 0;
/** A server of 1,000 items in pages of 5 that answers only when the test says so. */
function handServer() {
  const calls: Call[] = [];
  const source = offsetSource<Item>({
    pageSize: 5,
    initialCount: 1_000, // rows exist before any page answered
    fetchPage: ({ offset, signal }: OffsetFetchParams) =>
      new Promise((resolve, reject) => calls.push({ offset, signal, resolve, reject })),
  });
  /** The newest call for `offset` once it has been made. */
  const call = async (offset: number, nth = 1) => {
    await waitFor(() => expect(calls.filter((c) => c.offset === offset).length).toBeGreaterThanOrEqual(nth));
    return calls.filter((c) => c.offset === offset)[nth - 1] as Call;
  };
  const answer = (c: Call) => {
    const items: Item[] = [];
    for (let id = c.offset; id < c.offset + 5; id++) items.push({ id });
    c.resolve({ items, total: 1_000 });
  };
  keys += 1;
  return { key: ['retry-hook', keys], source, calls, call, answer };
}

function Rows({ server, attempts }: { server: ReturnType<typeof handServer>; attempts: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: server.key,
    source: server.source,
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    overscan: 0,
    prefetch: 0,
    retry: { attempts, baseDelayMs: 20, maxDelayMs: 20 },
  });
  return (
    <>
      <button type="button" onClick={list.retry}>
        Retry all
      </button>
      <div ref={ref} style={{ height: 360, overflow: 'auto' }}>
        <ul style={{ height: list.totalSize, position: 'relative', margin: 0 }}>
          {list.rows.map(({ index, state }) => (
            <li
              key={index}
              data-index={index}
              data-state={state.status}
              data-attempt={state.status === 'loading' ? state.attempt : undefined}
              style={{ position: 'absolute', top: index * 36, height: 36 }}
            >
              {state.status === 'loaded' && `Item ${state.item.id}`}
              {state.status === 'loading' &&
                state.attempt !== undefined &&
                `attempt ${state.attempt} of ${state.attempts}: ${(state.lastError as Error).message}`}
              {state.status === 'error' && index % 5 === 0 && (
                <button type="button" onClick={() => list.retry(index / 5)}>
                  Retry page {index / 5}
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

const row = (index: number) => document.querySelector<HTMLElement>(`[data-index="${index}"]`);

describe('useLazyList while a page is retried', () => {
  it('rows show attempt 2 of 3 and 3 of 3 with the last error, then the error; Retry starts over at attempt 1', async () => {
    const server = handServer();
    render(<Rows server={server} attempts={3} />);
    const first = await server.call(0);
    expect(row(0)?.dataset.state).toBe('loading');
    expect(row(0)?.dataset.attempt).toBeUndefined();

    first.reject(new Error('HTTP 500 (first)'));
    await waitFor(() => expect(row(0)?.dataset.attempt).toBe('2'));
    expect(row(4)?.textContent).toBe('attempt 2 of 3: HTTP 500 (first)');
    (await server.call(0, 2)).reject(new Error('HTTP 503 (second)'));
    await waitFor(() => expect(row(0)?.textContent).toBe('attempt 3 of 3: HTTP 503 (second)'));
    (await server.call(0, 3)).reject(new Error('HTTP 500 (third)'));
    await waitFor(() => expect(row(0)?.dataset.state).toBe('error'));
    expect(row(0)?.dataset.attempt).toBeUndefined();

    fireEvent.click(screen.getByRole('button', { name: 'Retry page 0' }));
    const again = await server.call(0, 4);
    await waitFor(() => expect(row(0)?.dataset.state).toBe('loading'));
    expect(row(0)?.dataset.attempt).toBeUndefined();
    server.answer(again);
    await waitFor(() => expect(row(0)?.textContent).toBe('Item 0'));
  });

  it('Retry on one page asks for that page only; Retry all (an onClick handler) for every failed page', async () => {
    const server = handServer();
    render(<Rows server={server} attempts={1} />);
    (await server.call(0)).reject(new Error('HTTP 500'));
    (await server.call(5)).reject(new Error('HTTP 500'));
    await waitFor(() => expect([row(0)?.dataset.state, row(5)?.dataset.state]).toEqual(['error', 'error']));
    const before = server.calls.length;

    fireEvent.click(screen.getByRole('button', { name: 'Retry page 1' }));
    server.answer(await server.call(5, 2));
    await waitFor(() => expect(row(5)?.textContent).toBe('Item 5'));
    expect(server.calls.slice(before).map((c) => c.offset)).toEqual([5]);
    expect(row(0)?.dataset.state).toBe('error');

    fireEvent.click(screen.getByRole('button', { name: 'Retry all' }));
    server.answer(await server.call(0, 2));
    await waitFor(() => expect(row(0)?.textContent).toBe('Item 0'));
  });

  it('unmounted while waiting to retry, the list asks for nothing more and aborts nothing late', async () => {
    const server = handServer();
    const { unmount } = render(<Rows server={server} attempts={3} />);
    (await server.call(0)).reject(new Error('HTTP 500'));
    (await server.call(5)).reject(new Error('HTTP 500'));
    await waitFor(() => expect(row(0)?.dataset.attempt).toBe('2'));
    const running = await server.call(0, 2); // page 0's attempt 2 runs
    unmount();
    // The hook destroys its list a task after the unmount (a StrictMode remount keeps it).
    await waitFor(() => expect(running.signal.aborted).toBe(true));
    const made = server.calls.length;
    // Page 1's retry was due 20 ms after its failure: wait well past it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.calls.length).toBe(made);
  });
});
