// useSuspenseLazyList (#17 item 6): suspends until the first visible page is loaded, errors go to
// the nearest error boundary, and React Query's QueryErrorResetBoundary retries them. Runs under
// React 19 and, as the browser-react18 project, React 18.3.
import { offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider, QueryErrorResetBoundary } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { Suspense, useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, gatedSearch, type Hit, HitRows } from './testing/queryHabits.tsx';
import { useSuspenseLazyList } from './useSuspenseLazyList.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

type Server = ReturnType<typeof gatedSearch>;

function Hits({ term, server, firstRows }: { term: string; server: Server; firstRows: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useSuspenseLazyList<Hit>({
    key: ['suspense', term],
    source: offsetSource({ pageSize: 50, fetchPage: server.fetchPage(term) }),
    prefetch: 0,
    retry: { attempts: 1 },
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    initialRect: { width: 300, height: 360 },
  });
  firstRows.push(list.rows[0]?.state.status ?? 'no rows'); // what each render that got through saw
  return <HitRows list={list} scrollRef={ref} />;
}

function App({
  client,
  term,
  server,
  firstRows,
}: {
  client: QueryClient;
  term: string;
  server: Server;
  firstRows: string[];
}) {
  return (
    <QueryClientProvider client={client}>
      <QueryErrorResetBoundary>
        {({ reset }) => (
          <ErrorBoundary onReset={reset}>
            <Suspense fallback={<p>Loading the list…</p>}>
              <Hits term={term} server={server} firstRows={firstRows} />
            </Suspense>
          </ErrorBoundary>
        )}
      </QueryErrorResetBoundary>
    </QueryClientProvider>
  );
}

describe('useSuspenseLazyList', () => {
  it('shows the Suspense fallback until the first page is loaded; its first render has the rows, fetched once', async () => {
    const server = gatedSearch();
    const firstRows: string[] = [];
    render(<App client={new QueryClient()} term="a" server={server} firstRows={firstRows} />);
    expect(screen.getByText('Loading the list…')).toBeTruthy();
    await waitFor(() => expect(server.calls).toEqual(['a@0']));
    expect(firstRows).toEqual([]);

    server.release('a');
    expect(await screen.findByText('a 0')).toBeTruthy();
    expect(screen.queryByText('Loading the list…')).toBeNull();
    expect(firstRows[0]).toBe('loaded');
    expect(firstRows).not.toContain('loading');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.calls).toEqual(['a@0']); // the list found the page in the client
  });

  it('a failed first page goes to the error boundary; its reset (QueryErrorResetBoundary) loads it again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
    const server = gatedSearch();
    server.release('b');
    server.fail = 1;
    const firstRows: string[] = [];
    render(<App client={new QueryClient()} term="b" server={server} firstRows={firstRows} />);
    expect((await screen.findByRole('alert')).textContent).toContain('HTTP 500 for b@0');
    expect(server.calls).toEqual(['b@0']);

    screen.getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByText('b 0')).toBeTruthy();
    expect(server.calls).toEqual(['b@0', 'b@0']);
    expect(firstRows[0]).toBe('loaded');
  });

  it('an error that comes back after a reset goes to the boundary again (no retry loop)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = gatedSearch();
    server.release('c');
    server.fail = 2;
    render(<App client={new QueryClient()} term="c" server={server} firstRows={[]} />);
    await screen.findByRole('alert');
    screen.getByRole('button', { name: 'Try again' }).click();
    await waitFor(() => expect(server.calls).toHaveLength(2));
    expect((await screen.findByRole('alert')).textContent).toContain('HTTP 500 for c@0');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.calls).toHaveLength(2);

    screen.getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByText('c 0')).toBeTruthy();
  });

  it('without QueryErrorResetBoundary, resetQueries on the list key in the boundary’s onReset loads it again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = gatedSearch();
    server.release('e');
    server.fail = 1;
    const client = new QueryClient();
    render(
      <QueryClientProvider client={client}>
        <ErrorBoundary onReset={() => void client.resetQueries({ queryKey: ['suspense', 'e'] })}>
          <Suspense fallback={<p>Loading the list…</p>}>
            <Hits term="e" server={server} firstRows={[]} />
          </Suspense>
        </ErrorBoundary>
      </QueryClientProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('HTTP 500 for e@0');
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByText('e 0')).toBeTruthy();
    expect(server.calls).toEqual(['e@0', 'e@0']);
  });

  it('does not suspend again for the same key once shown (later pages load as rows)', async () => {
    const server = gatedSearch();
    server.release('d');
    const client = new QueryClient();
    const firstRows: string[] = [];
    const { rerender } = render(<App client={client} term="d" server={server} firstRows={firstRows} />);
    expect(await screen.findByText('d 0')).toBeTruthy();
    client.removeQueries({ queryKey: ['suspense', 'd'] }); // e.g. the first page evicted later
    rerender(<App client={client} term="d" server={server} firstRows={firstRows} />);
    expect(screen.queryByText('Loading the list…')).toBeNull();
    expect(screen.getByText('d 0')).toBeTruthy();
  });
});
