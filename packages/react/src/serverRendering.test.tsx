// Server rendering with data (#17 item 6), on the server's side: pages loaded into the request's
// QueryClient with prefetchLazyList are in the markup renderToString produces, with no request
// during the render and no warning. The browser's side is serverRendering.browser.test.tsx.
import { prefetchLazyList, QueryClient } from '@lazyflow/core';
import { dehydrate } from '@tanstack/query-core';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { USERS_KEY, UsersApp, usersApi } from './testing/ssrUsers.tsx';

afterEach(() => vi.restoreAllMocks());

describe('server rendering a useLazyList with prefetchLazyList', () => {
  it('renders the prefetched rows into the markup, fetching nothing during the render', async () => {
    const errors = vi.spyOn(console, 'error');
    const api = usersApi();
    const client = new QueryClient();
    await prefetchLazyList(client, { key: USERS_KEY, source: api.source() }, { start: 0, end: 20 });
    expect(api.calls).toEqual([0]);

    const html = renderToString(<UsersApp client={client} api={api} />);
    expect(html).toContain('User 0');
    expect(html).toContain('User 9'); // 360 px of 36 px rows
    expect(html).not.toContain('Loading…');
    expect(api.calls).toEqual([0]);
    expect(errors).not.toHaveBeenCalled();
    // What the browser gets: the page, under its query key, ready to hydrate.
    const state = dehydrate(client);
    expect(state.queries.map((query) => query.queryKey)).toEqual([[...USERS_KEY, 'page', 0]]);
  });

  it('without prefetched pages the server renders the rows as loading, and still fetches nothing', () => {
    const api = usersApi();
    const html = renderToString(<UsersApp client={new QueryClient()} api={api} />);
    expect(html).not.toContain('User 0');
    expect(api.calls).toEqual([]);
  });
});
