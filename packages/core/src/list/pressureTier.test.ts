// A lazy list under memory pressure (list/pressureTier.ts), with and without a persistent tier:
// moved from cacheTier.test.ts, whose fixtures it shares (testing/cachedList.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { setDefaultMemoryMonitor } from '../memory/defaultMemoryMonitor.ts';
import { closeLists, fakeCache, network, open, settle } from '../testing/cachedList.ts';

afterEach(closeLists);

describe('a lazy list under memory pressure', () => {
  it('sheds pages far from the window at high and reads them back from the cache, not the network', async () => {
    const cache = fakeCache();
    const net = network();
    const monitor = createMemoryMonitor({ performance: null });
    const list = open(net.fetchPage, { cache: cache.cache, memoryMonitor: monitor, prefetch: 1 });
    for (const start of [0, 100, 200]) {
      list.setWindow({ start, end: start + 10 });
      await settle();
      for (const page of [...net.calls]) net.respond(page);
      await settle();
    }
    const loaded = () => [...list.getSnapshot().pages.values()].filter((p) => p.items).map((p) => p.index);
    expect(loaded()).toEqual(expect.arrayContaining([0, 1, 10, 11, 19, 20, 21]));
    monitor.simulate('high');
    await settle();
    expect(loaded().sort((a, b) => a - b)).toEqual([19, 20, 21]); // window 20 + prefetch zone
    expect(list.getSnapshot().stats.memoryLevel).toBe('high');
    const fetched = net.calls.length;
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(list.getSnapshot().getItem(0)).toMatchObject({ status: 'loaded', stale: true });
    expect(net.calls.slice(fetched)).toEqual([0]); // the visible page revalidates; page 1 came from the cache
  });

  it('sheds down to the visible pages at critical and stops prefetching', async () => {
    const net = network();
    const monitor = createMemoryMonitor({ performance: null });
    const list = open(net.fetchPage, { memoryMonitor: monitor, prefetch: 2 });
    list.setWindow({ start: 30, end: 40 });
    await settle();
    for (const page of [...net.calls]) net.respond(page);
    await settle();
    expect(list.getSnapshot().pages.size).toBe(5);
    monitor.simulate('critical');
    await settle();
    expect([...list.getSnapshot().pages.keys()]).toEqual([3]);
    expect(list.getSnapshot().getItem(35).status).toBe('loaded');
    list.setWindow({ start: 60, end: 70 });
    await settle();
    expect(net.calls.slice(5)).toEqual([6]); // no prefetch at critical
  });

  it('registers with the default monitor and reports its bytes', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 1_000_000_000, performance: null });
    setDefaultMemoryMonitor(monitor);
    const net = network();
    const list = open(net.fetchPage, { prefetch: 0 });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    net.respond(0);
    await settle();
    const bytes = list.getSnapshot().stats.bytesInMemory;
    expect(bytes).toBeGreaterThan(0);
    expect(monitor.getSnapshot().sdkBytes).toBe(bytes);
    list.destroy();
    await settle();
    expect(monitor.getSnapshot().sdkBytes).toBe(0);
  });

  it('opts out of the default monitor with memoryMonitor: null', async () => {
    const monitor = createMemoryMonitor({ performance: null });
    setDefaultMemoryMonitor(monitor);
    monitor.simulate('critical');
    const net = network();
    const list = open(net.fetchPage, { memoryMonitor: null, prefetch: 1 });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(net.calls).toEqual([0, 1]);
    expect(list.getSnapshot().stats.memoryLevel).toBe('ok');
  });
});
