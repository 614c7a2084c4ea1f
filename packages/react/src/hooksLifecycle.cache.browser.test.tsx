// Issue #15 item 2, checked for every hook (useLazyList, useLazyGrid, useLazyData, useWindow,
// useSuspenseLazyList, <LazyList>, useStream, useStreamLog): a hook is an adapter. Nothing is
// fetched, subscribed, timed or opened while React renders; StrictMode opens one request per
// page; <Activity> (React 19), unmount, a `key` change, a render React discards (a sibling that
// suspends or throws after the hook ran) and a transition leave no subscription, timer, request,
// Worker or stream behind; a new fetchPage closure is used for the next page; the controls keep
// their identity for the engine's life. Leaks are counted by wrapping the page's globals (timers,
// frames, fetch, Worker, IndexedDB, event listeners, ResizeObserver) and the QueryClient's caches.
//
// This file: the list hooks with an IndexedDB cache (idbCache); their harness is
// testing/lifecycleHarness.tsx and testing/lifecycleProbe.ts.
import { idbCache, type PageCache, QueryClient } from '@lazyflow/core';
import { StrictMode } from 'react';
import { expect, it, vi } from 'vitest';
import { HARNESSES, lifecyclePerTest, mount, rowText, settled, Tree } from './testing/lifecycleHarness.tsx';
import { expectOnePerPage, live, makeServer, probe } from './testing/lifecycleProbe.ts';

lifecyclePerTest();

// ── with the IndexedDB cache ───────────────────────────────────────────────────────────────────

/** A real idbCache with its reads, scroll reads and subscriptions counted. */
function countedCache() {
  const cache = idbCache({ name: `lifecycle-${Math.random()}` });
  const counts = { reads: [] as number[], loadScroll: 0, subscribed: 0 };
  const counted: Partial<PageCache> = {
    read(key, pages) {
      counts.reads.push(...pages);
      return cache.read(key, pages);
    },
    loadScroll(key) {
      counts.loadScroll += 1;
      return cache.loadScroll(key);
    },
    subscribe(listener) {
      counts.subscribed += 1;
      const stop = cache.subscribe(listener);
      let on = true;
      return () => {
        if (on) counts.subscribed -= 1;
        on = false;
        stop();
      };
    },
  };
  const proxy = new Proxy(cache, {
    get(target, name) {
      if (name in counted) return counted[name as keyof PageCache];
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { cache: proxy, counts };
}

for (const harness of HARNESSES) {
  const { Hook } = harness;
  it(`${harness.name} under StrictMode with an IndexedDB cache: one request and one cache read per page, IndexedDB opened once and never in render, nothing subscribed after unmount`, async () => {
    const client = new QueryClient();
    const server = makeServer();
    const { cache, counts } = countedCache();
    const baseline = live(client, server);
    const view = mount(
      <StrictMode>
        <Tree client={client}>
          <Hook listKey={`cached-${Math.random()}`} token="t" server={server} cache={cache} />
        </Tree>
      </StrictMode>,
    );
    await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
    await settled();
    expectOnePerPage(server);
    // (useSuspenseLazyList's first page came through its suspense prefetch, into the client.)
    if (!harness.suspends) expect(counts.reads.length).toBeGreaterThan(0);
    expect(counts.reads).toEqual([...new Set(counts.reads)]);
    expect(counts.loadScroll).toBeLessThanOrEqual(1);
    expect(probe.calls.get('indexedDB.open')).toBe(1);
    expect(counts.subscribed).toBeGreaterThan(0);
    expect(probe.duringRender).toEqual([]);
    view.unmount();
    await settled();
    expect(counts.subscribed).toBe(0);
    expect(live(client, server)).toEqual(baseline);
    await cache.flush();
  });
}
