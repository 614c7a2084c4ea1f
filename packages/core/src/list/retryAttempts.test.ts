import { afterEach, describe, expect, it, vi } from 'vitest';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// Decision 0025: the loading rows of a page being retried carry the attempt, the attempts in all
// and the last failure; a first try looks as it always did.

interface Row {
  readonly id: number;
}

interface Call {
  readonly params: OffsetFetchParams;
  resolve(value: { items: Row[]; total: number }): void;
  reject(error: unknown): void;
}

/** A server whose every answer the test gives by hand: `calls[n].resolve()` / `.reject(error)`. */
function handServer(total: number) {
  const calls: Call[] = [];
  const fetchPage = (params: OffsetFetchParams) =>
    new Promise<{ items: Row[]; total: number }>((resolve, reject) => {
      calls.push({ params, resolve, reject });
    });
  const answer = (call: Call | undefined) => {
    if (call === undefined) throw new Error('no such call');
    const { offset, limit } = call.params;
    const items: Row[] = [];
    for (let id = offset; id < Math.min(total, offset + limit); id++) items.push({ id });
    call.resolve({ items, total });
  };
  return { calls, fetchPage, answer };
}

const lists: LazyList<unknown>[] = [];
/** A subscribed list over `server` with pages of 10, 3 attempts, backoff 50 ms then 100 ms (jitter 0). */
function listOver(server: ReturnType<typeof handServer>, key: string): LazyList<Row> {
  const list = createLazyList<Row>({
    key: [key],
    source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
    prefetch: 0,
    retry: { attempts: 3, baseDelayMs: 100 },
    random: () => 0,
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
  vi.useRealTimers();
});

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

describe('a page being retried', () => {
  it('shows attempt 2 of 3, then 3 of 3 with the last error, then the error; a first try has no attempt', async () => {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const list = listOver(server, 'sequence');
    list.setWindow({ start: 0, end: 10 });
    await tick();
    expect(server.calls).toHaveLength(1);
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loading' });

    const first = new Error('HTTP 500 (first)');
    server.calls[0]?.reject(first);
    await tick();
    const waiting = list.getSnapshot();
    expect(waiting.getItem(3)).toEqual({ status: 'loading', attempt: 2, attempts: 3, lastError: first });
    // Every row of the page shows the same state object.
    expect(waiting.getItem(9)).toBe(waiting.getItem(3));
    expect(server.calls).toHaveLength(1); // waiting out the backoff
    await tick(49);
    expect(list.getSnapshot()).toBe(waiting); // nothing changed while waiting: same snapshot
    await tick(1);
    expect(server.calls).toHaveLength(2);
    expect(list.getSnapshot().getItem(0)).toMatchObject({ status: 'loading', attempt: 2 });

    const second = new Error('HTTP 503 (second)');
    server.calls[1]?.reject(second);
    await tick();
    expect(list.getSnapshot().getItem(0)).toEqual({
      status: 'loading',
      attempt: 3,
      attempts: 3,
      lastError: second,
    });
    await tick(100);
    expect(server.calls).toHaveLength(3);

    const third = new Error('HTTP 500 (third)');
    server.calls[2]?.reject(third);
    await tick();
    const failed = list.getSnapshot();
    expect(failed.getItem(0)).toEqual({ status: 'error', error: third });
    expect(failed.status).toBe('error');
    expect(failed.stats.retries).toBe(2);
    expect(failed.stats.errors).toBe(1);
    await tick(10_000);
    expect(server.calls).toHaveLength(3);
  });

  it('lands as a plain loaded row once a retry succeeds', async () => {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const list = listOver(server, 'lands');
    list.setWindow({ start: 0, end: 10 });
    await tick();
    server.calls[0]?.reject(new Error('HTTP 500'));
    await tick(50);
    server.answer(server.calls[1]);
    await tick();
    expect(list.getSnapshot().getItem(4)).toEqual({ status: 'loaded', item: { id: 4 } });
  });

  it('retry(page) after the error starts again at attempt 1, shown as plain loading', async () => {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const list = listOver(server, 'again');
    list.setWindow({ start: 0, end: 10 });
    await tick();
    server.calls[0]?.reject(new Error('a'));
    await tick(50);
    server.calls[1]?.reject(new Error('b'));
    await tick(100);
    server.calls[2]?.reject(new Error('c'));
    await tick();
    expect(list.getSnapshot().getItem(0).status).toBe('error');
    list.retry(0);
    await tick();
    expect(server.calls).toHaveLength(4);
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loading' });
    const fourth = new Error('d');
    server.calls[3]?.reject(fourth);
    await tick();
    expect(list.getSnapshot().getItem(0)).toEqual({
      status: 'loading',
      attempt: 2,
      attempts: 3,
      lastError: fourth,
    });
  });

  it('refresh() while waiting to retry leaves no attempt behind and the old backoff asks nothing', async () => {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const list = listOver(server, 'refresh');
    list.setWindow({ start: 0, end: 10 });
    await tick();
    server.calls[0]?.reject(new Error('HTTP 500'));
    await tick();
    expect(list.getSnapshot().getItem(0)).toMatchObject({ attempt: 2 });
    list.refresh();
    await tick();
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loading' });
    expect(server.calls).toHaveLength(2); // the refresh's own first try
    await tick(1_000);
    expect(server.calls).toHaveLength(2); // the old retry's timer is gone
    server.answer(server.calls[1]);
    await tick();
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
  });

  it('a retry running when the page leaves the window is aborted; back in view it starts at attempt 1', async () => {
    vi.useFakeTimers();
    const server = handServer(100_000);
    const list = listOver(server, 'leaves');
    list.setWindow({ start: 0, end: 10 });
    await tick();
    server.calls[0]?.reject(new Error('HTTP 500'));
    await tick(50);
    expect(server.calls).toHaveLength(2);
    const retrying = server.calls[1]?.params.signal;
    list.setWindow({ start: 50_000, end: 50_010 });
    await tick();
    expect(retrying?.aborted).toBe(true);
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'placeholder' });
    list.setWindow({ start: 0, end: 10 });
    await tick();
    const again = server.calls.filter((call) => call.params.offset === 0);
    expect(again).toHaveLength(3);
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loading' });
  });

  it('destroy() while waiting to retry or during a retry makes no request after it', async () => {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const waiting = listOver(server, 'destroy-waiting');
    waiting.setWindow({ start: 0, end: 10 });
    await tick();
    server.calls[0]?.reject(new Error('HTTP 500'));
    await tick();
    waiting.destroy();
    await tick(10_000);
    expect(server.calls).toHaveLength(1);

    const running = listOver(server, 'destroy-running');
    running.setWindow({ start: 0, end: 10 });
    await tick();
    server.calls[1]?.reject(new Error('HTTP 500'));
    await tick(50);
    expect(server.calls).toHaveLength(3);
    running.destroy();
    expect(server.calls[2]?.params.signal.aborted).toBe(true);
    server.calls[2]?.reject(new Error('late'));
    await tick(10_000);
    expect(server.calls).toHaveLength(3);
  });

  it('a stale page that fails to revalidate keeps showing its items, with no new snapshot for the retry', async () => {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const list = listOver(server, 'stale');
    list.setWindow({ start: 0, end: 10 });
    await tick();
    server.answer(server.calls[0]);
    await tick();
    list.refresh();
    await tick();
    expect(server.calls).toHaveLength(2);
    const revalidating = list.getSnapshot();
    expect(revalidating.getItem(0)).toEqual({ status: 'loaded', item: { id: 0 }, stale: true });
    server.calls[1]?.reject(new Error('HTTP 500'));
    await tick();
    expect(list.getSnapshot()).toBe(revalidating);
  });
});

describe('retry()', () => {
  /** Two pages (0 and 1) failed for good on a list with a single attempt. */
  async function twoFailedPages(key: string) {
    vi.useFakeTimers();
    const server = handServer(1_000);
    const list = createLazyList<Row>({
      key: [key],
      source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
      prefetch: 0,
      retry: { attempts: 1 },
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 20 });
    await tick();
    for (const call of server.calls) call.reject(new Error('HTTP 500'));
    await tick();
    expect([list.getSnapshot().getItem(0).status, list.getSnapshot().getItem(15).status]).toEqual([
      'error',
      'error',
    ]);
    return { server, list };
  }

  it('with a page index asks for that page only', async () => {
    const { server, list } = await twoFailedPages('one');
    list.retry(1);
    await tick();
    expect(server.calls.slice(2).map((call) => call.params.page)).toEqual([1]);
    expect(list.getSnapshot().getItem(0).status).toBe('error');
    expect(list.getSnapshot().getItem(15)).toEqual({ status: 'loading' });
  });

  it('without a number (an onClick handler gets a click event) asks for every failed page', async () => {
    const { server, list } = await twoFailedPages('all');
    const click = { type: 'click' } as unknown as number;
    list.retry(click);
    await tick();
    expect(
      server.calls
        .slice(2)
        .map((call) => call.params.page)
        .sort(),
    ).toEqual([0, 1]);
  });
});
