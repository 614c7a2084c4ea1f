// Server rendering with data (#17 item 6), on the browser's side: markup rendered with pages
// prefetched into a "server" QueryClient is hydrated with a client given the dehydrated state
// (query-core's dehydrate/hydrate, through JSON as an app sends it). The first client render
// matches the markup (no hydration error, no recoverable error, the row elements reused) and the
// hydrated pages are not requested again. Runs under React 19 and React 18.3.
import { prefetchLazyList, QueryClient } from '@lazyflow/core';
import { dehydrate, hydrate } from '@tanstack/query-core';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { USERS_KEY, UsersApp, usersApi } from './testing/ssrUsers.tsx';
import { rootsPerTest } from './testing/testRoots.ts';

const roots = rootsPerTest({ restoreMocks: true });

describe('hydrating a server-rendered useLazyList', () => {
  it('shows the server’s rows without a request and without a hydration mismatch', async () => {
    const api = usersApi();
    const serverClient = new QueryClient();
    await prefetchLazyList(serverClient, { key: USERS_KEY, source: api.source() }, { start: 0, end: 20 });
    const html = renderToString(<UsersApp client={serverClient} api={api} />);
    const state: unknown = JSON.parse(JSON.stringify(dehydrate(serverClient)));
    const serverCalls = api.calls.length;

    const container = roots.newContainer();
    container.innerHTML = html;
    const firstRow = container.querySelector('[data-index="0"]');
    expect(firstRow?.textContent).toBe('User 0');

    const errors = vi.spyOn(console, 'error');
    const recoverable: unknown[] = [];
    const browserClient = new QueryClient();
    hydrate(browserClient, state as Parameters<typeof hydrate>[1]);
    roots.keep(
      hydrateRoot(container, <UsersApp client={browserClient} api={api} />, {
        onRecoverableError: (error) => recoverable.push(error),
      }),
    );
    await frames(5);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(recoverable).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    expect(container.querySelector('[data-index="0"]')).toBe(firstRow); // hydrated, not re-rendered
    expect(container.textContent).toContain('User 9');
    expect(container.textContent).not.toContain('Loading…');
    expect(api.calls.slice(serverCalls)).toEqual([]); // no request for the hydrated page
  });
});
