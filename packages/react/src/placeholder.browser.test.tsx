// `placeholder: keepPreviousRows` (#17 item 6, like React Query's `placeholderData: keepPreviousData`;
// its own import since decision 0023): a new search key keeps the old rows on screen, marked,
// until the new key's first page lands.
import { offsetSource, QueryClient } from '@lazyflow/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { keepPreviousRows } from './keepPreviousRows.ts';
import type { ListPlaceholder } from './placeholder.ts';
import { ErrorBoundary, gatedSearch, type Hit, HitRows } from './testing/queryHabits.tsx';
import { useLazyList } from './useLazyList.ts';

afterEach(cleanup);

type Server = ReturnType<typeof gatedSearch>;

/** Each render's isPlaceholder, for the renders a test must see (or not see) marked. */
const marks: boolean[] = [];

function Search({
  term,
  server,
  placeholder,
}: {
  term: string;
  server: Server;
  placeholder?: ListPlaceholder;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Hit>({
    key: ['search', term],
    source: offsetSource({ pageSize: 50, fetchPage: server.fetchPage(term) }),
    prefetch: 0,
    placeholder,
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
  });
  marks.push(list.isPlaceholder);
  return <HitRows list={list} scrollRef={ref} />;
}

function renderSearch(server: Server, placeholder: ListPlaceholder | undefined) {
  const client = new QueryClient();
  const ui = (term: string) => (
    <QueryClientProvider client={client}>
      <Search term={term} server={server} placeholder={placeholder} />
    </QueryClientProvider>
  );
  const { rerender } = render(ui('ap'));
  return (term: string) => rerender(ui(term));
}

describe('useLazyList({ placeholder: keepPreviousRows })', () => {
  it('keeps the previous rows, marked isPlaceholder, until the new key’s first page lands; then shows the new rows', async () => {
    const server = gatedSearch();
    const search = renderSearch(server, keepPreviousRows);
    server.release('ap');
    expect(await screen.findByText('ap 0')).toBeTruthy();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('false');

    search('apple');
    // At once (the first render after the change) and while the new page is on its way.
    expect(screen.getByText('ap 0')).toBeTruthy();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('true');
    await waitFor(() => expect(server.calls).toContain('apple@0'));
    await frames(3);
    expect(screen.getByText('ap 3')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('true');

    server.release('apple');
    expect(await screen.findByText('apple 0')).toBeTruthy();
    expect(screen.queryByText('ap 0')).toBeNull();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('false');
  });

  it('a key whose pages the QueryClient still holds shows them at once, not the previous rows', async () => {
    const server = gatedSearch();
    const search = renderSearch(server, keepPreviousRows);
    server.release('ap');
    server.release('apple');
    expect(await screen.findByText('ap 0')).toBeTruthy();
    search('apple');
    expect(await screen.findByText('apple 0')).toBeTruthy();
    await frames(2);
    marks.length = 0;
    search('ap'); // back: its first page stayed in the client
    expect(marks).not.toContain(true); // not even the first render after the change
    expect(screen.getByText('ap 0')).toBeTruthy();
    expect(screen.queryByText('apple 0')).toBeNull();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('false');
  });

  it('keys typed in quick succession keep the last rows that were shown', async () => {
    const server = gatedSearch();
    const search = renderSearch(server, keepPreviousRows);
    server.release('ap');
    expect(await screen.findByText('ap 0')).toBeTruthy();
    search('app');
    search('appl');
    await frames(2);
    expect(screen.getByText('ap 0')).toBeTruthy();
    server.release('appl');
    expect(await screen.findByText('appl 0')).toBeTruthy();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('false');
  });

  it('a new key goes to the top: rows the user had scrolled to stay where they were on screen until the new rows replace them', async () => {
    const server = gatedSearch();
    const search = renderSearch(server, keepPreviousRows);
    server.release('ap');
    const scroller = await screen.findByTestId('scroller');
    await screen.findByText('ap 0');
    scroller.scrollTop = 36 * 30 + 10; // row 30, 10 px into it
    expect(await screen.findByText('ap 31')).toBeTruthy();
    await frames(3);
    const top = () =>
      screen.getByText('ap 30').getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    expect(top()).toBeCloseTo(-10, 0);

    search('apple');
    await frames(3);
    expect(scroller.scrollTop).toBe(0);
    expect(top()).toBeCloseTo(-10, 0);
    expect(scroller.dataset.placeholder).toBe('true');

    server.release('apple');
    expect(await screen.findByText('apple 0')).toBeTruthy();
    expect(screen.getByText('apple 0').getBoundingClientRect().top).toBeCloseTo(
      scroller.getBoundingClientRect().top,
      0,
    );
  });

  it('without it (the default), the previous rows go at once', async () => {
    const server = gatedSearch();
    const search = renderSearch(server, undefined);
    server.release('ap');
    expect(await screen.findByText('ap 0')).toBeTruthy();
    search('apple');
    expect(screen.queryByText('ap 0')).toBeNull();
    expect(screen.getByTestId('scroller').dataset.placeholder).toBe('false');
  });

  it.each([
    ['keep', '"keep"'],
    // The option's value before it became an import (decision 0023): the message names the import.
    ['previous', '"previous"'],
  ])('a placeholder %s is a TypeError naming the option and the import', async (value, shown) => {
    const server = gatedSearch();
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
    render(
      <ErrorBoundary>
        <Search term="x" server={server} placeholder={value as unknown as ListPlaceholder} />
      </ErrorBoundary>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain(
      `useLazyList option "placeholder" must be keepPreviousRows from '@lazyflow/react' or "none", got ${shown}`,
    );
    vi.restoreAllMocks();
  });
});
