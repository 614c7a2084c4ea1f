import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTimers } from '../env/timers.ts';
import { OffsetLayout } from '../paging/offsetLayout.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { PageStore } from '../store/pageStore.ts';
import { NO_GAUGES, StatsCounter } from './listStats.ts';
import { PressureTier } from './pressureTier.ts';
import { SnapshotPublisher } from './snapshotPublisher.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A publisher over an empty offset list, counting notifications. */
function publisher(statsInterval: number) {
  const stats = new StatsCounter(() => 0);
  const layout = new OffsetLayout(offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [] }) }));
  // No memory monitor (null): the tier never asks for the list's counts.
  const pressure = new PressureTier({
    o: { memoryMonitor: null },
    snapshots: { current: { stats: stats.read(NO_GAUGES) }, publish: () => {} },
    replan: () => {},
    evict: () => {},
  });
  const notified = { count: 0 };
  const snapshots = new SnapshotPublisher<never>(
    {
      o: { timers: defaultTimers, statsIntervalMs: statsInterval, getItemKey: undefined },
      store: new PageStore(),
      layout,
      stats,
      cache: undefined,
      pressure,
      window: null,
      plan: null,
    },
    () => notified.count++,
  );
  return { snapshots, stats, notified };
}

describe('SnapshotPublisher', () => {
  it('publishes a visible change at once: new snapshot, listeners called', () => {
    const { snapshots, stats, notified } = publisher(500);
    const before = snapshots.current;
    stats.add('requests');
    snapshots.publish(true);
    expect(snapshots.current).not.toBe(before);
    expect([snapshots.current.stats.requests, notified.count]).toEqual([1, 1]);
  });

  it('folds background changes into one snapshot after statsInterval', () => {
    vi.useFakeTimers();
    const { snapshots, stats, notified } = publisher(500);
    const before = snapshots.current;
    stats.add('requests');
    snapshots.publish(false);
    stats.add('requests');
    snapshots.publish(false);
    vi.advanceTimersByTime(499);
    expect([snapshots.current, notified.count]).toEqual([before, 0]);
    vi.advanceTimersByTime(1);
    expect([snapshots.current.stats.requests, notified.count]).toEqual([2, 1]);
  });

  it('with statsInterval 0, background changes wait for the next visible change', () => {
    vi.useFakeTimers();
    const { snapshots, notified } = publisher(0);
    snapshots.publish(false);
    vi.advanceTimersByTime(60_000);
    expect(notified.count).toBe(0);
  });

  it('publishes nothing after stop(), not even a change already folded in', () => {
    vi.useFakeTimers();
    const { snapshots, notified } = publisher(500);
    const last = snapshots.current;
    snapshots.publish(false);
    snapshots.stop();
    vi.advanceTimersByTime(1_000);
    snapshots.publish(true);
    expect([snapshots.current, notified.count]).toEqual([last, 0]);
  });
});
