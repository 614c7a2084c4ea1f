// useSuspenseLazyList under the cases an app meets: StrictMode, a key change, an empty dataset, a
// first page that fails (no unhandled rejection), an eager source. Runs under React 19 and, as the
// browser-react18 project, React 18.3.
import { eagerSource, type OffsetFetchParams, offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider, QueryErrorResetBoundary } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, Suspense, startTransition, useRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, gatedSearch, type Hit, HitRows } from './testing/queryHabits.tsx';
import type { UseLazyListOptions } from './useLazyList.ts';
import { useSuspenseLazyList } from './useSuspenseLazyList.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function List({
  listKey,
  source,
  seen,
}: {
  listKey: readonly unknown[];
  source: UseLazyListOptions<Hit>['source'];
  seen: string[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useSuspenseLazyList<Hit>({
    key: listKey,
    source,
    prefetch: 0,
    retry: { attempts: 1 },
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    initialRect: { width: 300, height: 360 },
  });
  const first = list.rows[0]?.state;
  seen.push(
    first === undefined
      ? `count ${list.count}`
      : first.status === 'loaded'
        ? `${first.item.term} ${first.item.id}`
        : first.status,
  );
  return <HitRows list={list} scrollRef={ref} />;
}

function Shell({
  client,
  children,
  strict,
}: {
  client: QueryClient;
  children: React.ReactNode;
  strict?: boolean;
}) {
  const tree = (
    <QueryClientProvider client={client}>
      <QueryErrorResetBoundary>
        {({ reset }) => (
          <ErrorBoundary onReset={reset}>
            <Suspense fallback={<p>Loading the list…</p>}>{children}</Suspense>
          </ErrorBoundary>
        )}
      </QueryErrorResetBoundary>
    </QueryClientProvider>
  );
  return strict === true ? <StrictMode>{tree}</StrictMode> : tree;
}

type Source = UseLazyListOptions<Hit>['source'];
let switchTo: (term: 't1' | 't2') => void = () => {};

function Switcher({ sources, seen }: { sources: Record<'t1' | 't2', Source>; seen: string[] }) {
  const [term, setTerm] = useState<'t1' | 't2'>('t1');
  switchTo = (next) => startTransition(() => setTerm(next));
  return <List listKey={['transition', term]} source={sources[term]} seen={seen} />;
}

function Gated({ enabled, source, seen }: { enabled: boolean; source: Source; seen: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useSuspenseLazyList<Hit>({
    key: ['gated'],
    source,
    enabled,
    prefetch: 0,
    retry: { attempts: 1 },
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    initialRect: { width: 300, height: 360 },
  });
  seen.push(list.rows[0]?.state.status ?? `count ${list.count}`);
  return <HitRows list={list} scrollRef={ref} />;
}

describe('useSuspenseLazyList (adversarial)', () => {
  it('under StrictMode, a key change suspends again, fetches each key once, and never shows the old key’s rows', async () => {
    const server = gatedSearch();
    const client = new QueryClient();
    const seen: string[] = [];
    const sources = new Map<string, UseLazyListOptions<Hit>['source']>();
    const sourceOf = (term: string) => {
      const known = sources.get(term);
      if (known !== undefined) return known;
      const made = offsetSource({ pageSize: 50, fetchPage: server.fetchPage(term) });
      sources.set(term, made);
      return made;
    };
    const view = (term: string) => (
      <Shell client={client} strict>
        <List listKey={['strict', term]} source={sourceOf(term)} seen={seen} />
      </Shell>
    );
    const { rerender } = render(view('a'));
    await waitFor(() => expect(server.calls).toEqual(['a@0']));
    server.release('a');
    expect(await screen.findByText('a 0')).toBeTruthy();

    rerender(view('b'));
    expect(await screen.findByText('Loading the list…')).toBeTruthy();
    const before = seen.length;
    server.release('b');
    expect(await screen.findByText('b 0')).toBeTruthy();
    await wait(100);
    expect(server.calls).toEqual(['a@0', 'b@0']);
    expect(seen.slice(before).filter((row) => row !== 'b 0')).toEqual([]);
    expect(screen.queryByText('a 0')).toBeNull();
  });

  it('an empty dataset: the list shows, with no rows and no endless suspense', async () => {
    const client = new QueryClient();
    const seen: string[] = [];
    let calls = 0;
    const source = offsetSource<Hit>({
      pageSize: 50,
      fetchPage: async (_: OffsetFetchParams) => {
        calls += 1;
        return { items: [], total: 0 };
      },
    });
    render(
      <Shell client={client}>
        <List listKey={['empty']} source={source} seen={seen} />
      </Shell>,
    );
    await waitFor(() => expect(screen.getByTestId('scroller')).toBeTruthy());
    await wait(100);
    expect(screen.queryByText('Loading the list…')).toBeNull();
    expect(seen.at(-1)).toBe('count 0');
    expect(calls).toBe(1);
  });

  it('a first page that fails: the boundary shows the error, no unhandled rejection, a retry shows the rows', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const server = gatedSearch();
      server.release('f');
      server.fail = 1;
      const client = new QueryClient();
      render(
        <Shell client={client} strict>
          <List
            listKey={['fail', 'f']}
            source={offsetSource({ pageSize: 50, fetchPage: server.fetchPage('f') })}
            seen={[]}
          />
        </Shell>,
      );
      expect((await screen.findByRole('alert')).textContent).toContain('HTTP 500 for f@0');
      await wait(50);
      expect(server.calls).toEqual(['f@0']);
      await act(async () => screen.getByRole('button', { name: 'Try again' }).click());
      expect(await screen.findByText('f 0')).toBeTruthy();
      expect(server.calls).toEqual(['f@0', 'f@0']);
      await wait(50);
      expect(rejections).toEqual([]);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('an eager source (data in hand) shows at once without suspending', async () => {
    const client = new QueryClient();
    const seen: string[] = [];
    const items: Hit[] = Array.from({ length: 30 }, (_, id) => ({ id, term: 'e' }));
    render(
      <Shell client={client}>
        <List listKey={['eager']} source={eagerSource(items)} seen={seen} />
      </Shell>,
    );
    expect(await screen.findByText('e 0')).toBeTruthy();
    expect(seen[0]).toBe('e 0');
  });

  it('a key change in startTransition keeps the old rows (no fallback) until the new key’s rows replace them', async () => {
    const server = gatedSearch();
    server.release('t1');
    const client = new QueryClient();
    const seen: string[] = [];
    const sources = {
      t1: offsetSource({ pageSize: 50, fetchPage: server.fetchPage('t1') }),
      t2: offsetSource({ pageSize: 50, fetchPage: server.fetchPage('t2') }),
    };
    render(
      <Shell client={client} strict>
        <Switcher sources={sources} seen={seen} />
      </Shell>,
    );
    expect(await screen.findByText('t1 0')).toBeTruthy();
    act(() => switchTo('t2'));
    await waitFor(() => expect(server.calls).toContain('t2@0'));
    await wait(50);
    expect(screen.queryByText('Loading the list…')).toBeNull();
    expect(screen.getByText('t1 0')).toBeTruthy();
    const before = seen.length;
    server.release('t2');
    expect(await screen.findByText('t2 0')).toBeTruthy();
    expect(screen.queryByText('t1 0')).toBeNull();
    expect(seen.slice(before).filter((row) => row !== 't2 0')).toEqual([]);
    await wait(50);
    expect(server.calls.filter((call) => call === 't2@0')).toHaveLength(1);
  });

  it('enabled: false shows no rows and fetches nothing; enabling it suspends and then shows the rows', async () => {
    const server = gatedSearch();
    const client = new QueryClient();
    const seen: string[] = [];
    const source = offsetSource({ pageSize: 50, fetchPage: server.fetchPage('g') });
    const { rerender } = render(
      <Shell client={client}>
        <Gated enabled={false} source={source} seen={seen} />
      </Shell>,
    );
    await wait(50);
    expect(server.calls).toEqual([]);
    expect(screen.queryByText('Loading the list…')).toBeNull();
    rerender(
      <Shell client={client}>
        <Gated enabled source={source} seen={seen} />
      </Shell>,
    );
    await waitFor(() => expect(server.calls).toEqual(['g@0']));
    server.release('g');
    expect(await screen.findByText('g 0')).toBeTruthy();
    await wait(50);
    expect(server.calls).toEqual(['g@0']);
  });

  const badAnswers: [string, () => Promise<never>, RegExp][] = [
    ['a page of another shape', async () => ({ data: [] }) as never, /fetchPage/],
    ['a rejection without a reason', () => Promise.reject(undefined), /page 0 rejected without a reason/],
  ];
  it.each(badAnswers)(
    '%s: the boundary gets an Error naming it, once, and no unhandled rejection',
    async (_, fetchPage, message) => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const rejections: unknown[] = [];
      const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
      window.addEventListener('unhandledrejection', onRejection);
      try {
        let calls = 0;
        const source = offsetSource<Hit>({
          pageSize: 50,
          fetchPage: (_: OffsetFetchParams) => {
            calls += 1;
            return fetchPage();
          },
        });
        render(
          <Shell client={new QueryClient()} strict>
            <List listKey={['bad', String(message)]} source={source} seen={[]} />
          </Shell>,
        );
        expect((await screen.findByRole('alert')).textContent).toMatch(message);
        await wait(50);
        expect(calls).toBe(1);
        expect(rejections).toEqual([]);
      } finally {
        window.removeEventListener('unhandledrejection', onRejection);
      }
    },
  );
});
