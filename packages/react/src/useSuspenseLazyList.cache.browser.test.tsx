// useSuspenseLazyList with a persistent cache (real IndexedDB): a warm visit resolves from the
// cache as useLazyList shows it, without waiting for a slow, dead or failing server; an empty
// cache still suspends until the network answers. Runs under React 19 and, as the browser-react18
// project, React 18.3.
import { idbCache, offsetSource, type PageCache, QueryClient } from '@lazyflow/core';
import { QueryClientProvider, QueryErrorResetBoundary } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, Suspense, useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, gatedSearch, type Hit, HitRows } from './testing/queryHabits.tsx';
import { type UseLazyListOptions, type UseLazyListResult, useLazyList } from './useLazyList.ts';
import { useSuspenseLazyList } from './useSuspenseLazyList.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Server = ReturnType<typeof gatedSearch>;
type Seen = { status: string; first: string }[];

const optionsFor = (server: Server, cache: PageCache): Omit<UseLazyListOptions<Hit>, 'getScrollElement'> => ({
  key: ['warm', cache.name],
  source: offsetSource({ pageSize: 50, fetchPage: server.fetchPage('w') }),
  cache,
  prefetch: 0,
  retry: { attempts: 1 },
  estimateSize: () => 36,
  initialRect: { width: 300, height: 360 },
});

function record(list: UseLazyListResult<Hit>, seen: Seen) {
  const first = list.rows[0]?.state;
  seen.push({
    status: list.status,
    first:
      first?.status === 'loaded'
        ? `${first.stale === true ? 'stale ' : ''}w ${first.item.id}`
        : String(first?.status),
  });
}

function SuspenseHits({ server, cache, seen }: { server: Server; cache: PageCache; seen: Seen }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useSuspenseLazyList<Hit>({
    ...optionsFor(server, cache),
    getScrollElement: () => ref.current,
  });
  record(list, seen);
  return <HitRows list={list} scrollRef={ref} />;
}

function PlainHits({ server, cache, seen }: { server: Server; cache: PageCache; seen: Seen }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Hit>({ ...optionsFor(server, cache), getScrollElement: () => ref.current });
  record(list, seen);
  return <HitRows list={list} scrollRef={ref} />;
}

function App(props: { server: Server; cache: PageCache; seen: Seen; plain?: boolean }) {
  return (
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <QueryErrorResetBoundary>
          {({ reset }) => (
            <ErrorBoundary onReset={reset}>
              <Suspense fallback={<p>Loading the list…</p>}>
                {props.plain === true ? <PlainHits {...props} /> : <SuspenseHits {...props} />}
              </Suspense>
            </ErrorBoundary>
          )}
        </QueryErrorResetBoundary>
      </QueryClientProvider>
    </StrictMode>
  );
}

/** A first visit with a Suspense list: page 0 stored; returns the cache's name. */
async function firstVisit(): Promise<string> {
  const name = `suspense-warm-${Math.random()}`;
  const server = gatedSearch();
  server.release('w');
  const cache = idbCache({ name, storage: null });
  render(<App server={server} cache={cache} seen={[]} />);
  expect(await screen.findByText('w 0')).toBeTruthy();
  await vi.waitFor(async () => {
    await cache.flush();
    expect(cache.getSnapshot().writes).toBeGreaterThan(0);
  });
  cleanup();
  return name;
}

function watchRejections(): { rejections: unknown[]; stop: () => void } {
  const rejections: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
  window.addEventListener('unhandledrejection', onRejection);
  return { rejections, stop: () => window.removeEventListener('unhandledrejection', onRejection) };
}

describe('useSuspenseLazyList with an IndexedDB cache', () => {
  it('a warm visit shows the cached rows, stale, while the server never answers; one request (StrictMode)', async () => {
    const watch = watchRejections();
    try {
      const name = await firstVisit();
      const server = gatedSearch(); // never released
      const seen: Seen = [];
      render(<App server={server} cache={idbCache({ name, storage: null })} seen={seen} />);
      expect(await screen.findByText('w 0')).toBeTruthy();
      expect(screen.queryByText('Loading the list…')).toBeNull();
      expect(seen[0]).toEqual({ status: 'ready', first: 'stale w 0' }); // its first render has the rows
      await wait(100);
      expect(server.calls).toEqual(['w@0']); // the revalidation, on its way
      server.release('w');
      await waitFor(() => expect(seen.at(-1)).toEqual({ status: 'ready', first: 'w 0' }));
      await wait(50);
      expect(server.calls).toEqual(['w@0']);
      expect(watch.rejections).toEqual([]);
    } finally {
      watch.stop();
    }
  });

  it('an empty cache still suspends until the network answers', async () => {
    const server = gatedSearch();
    const seen: Seen = [];
    const cache = idbCache({ name: `suspense-cold-${Math.random()}`, storage: null });
    render(<App server={server} cache={cache} seen={seen} />);
    expect(screen.getByText('Loading the list…')).toBeTruthy();
    await waitFor(() => expect(server.calls).toEqual(['w@0']));
    await wait(100);
    expect(screen.getByText('Loading the list…')).toBeTruthy();
    expect(seen).toEqual([]);
    server.release('w');
    expect(await screen.findByText('w 0')).toBeTruthy();
    expect(seen[0]).toEqual({ status: 'ready', first: 'w 0' });
    await wait(50);
    expect(server.calls).toEqual(['w@0']);
  });

  it('a failing server with a cached page: the cached rows, in the state useLazyList shows, no error boundary', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const watch = watchRejections();
    try {
      const name = await firstVisit();
      const outcome = async (plain: boolean) => {
        const server = gatedSearch();
        server.release('w');
        server.fail = 10;
        const seen: Seen = [];
        render(<App server={server} cache={idbCache({ name, storage: null })} seen={seen} plain={plain} />);
        expect(await screen.findByText('w 0')).toBeTruthy();
        await waitFor(() => expect(server.calls.length).toBeGreaterThan(0));
        await wait(100);
        const calls = server.calls.length;
        cleanup();
        return { last: seen.at(-1), calls };
      };
      const plain = await outcome(true);
      const suspense = await outcome(false);
      expect(plain.last).toEqual({ status: 'ready', first: 'stale w 0' });
      expect(suspense.last).toEqual(plain.last);
      expect(screen.queryByRole('alert')).toBeNull();
      expect(plain.calls).toBe(1); // the revalidation
      // The first page is asked before the cache answers; failing first, it is asked once more by
      // the list's revalidation of the cached page (decision 0092). No loop.
      expect(suspense.calls).toBe(2);
      expect(watch.rejections).toEqual([]);
    } finally {
      watch.stop();
    }
  });
});
