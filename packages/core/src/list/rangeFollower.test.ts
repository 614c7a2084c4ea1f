import { describe, expect, it, vi } from 'vitest';
import type { ListWindowInput } from '../planner/listWindow.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import { RangeFollower } from './rangeFollower.ts';

function setup() {
  let now = 0;
  const windows: ListWindowInput[] = [];
  const timers = new Map<number, () => void>();
  let next = 0;
  const follower = new RangeFollower({
    setWindow: (window) => windows.push(window),
    now: () => now,
    timers: {
      setTimeout: (callback: () => void) => {
        next += 1;
        timers.set(next, callback);
        return next;
      },
      clearTimeout: (id: unknown) => {
        timers.delete(id as number);
      },
    },
    settleMs: 150,
  });
  return {
    follower,
    windows,
    advance: (ms: number) => {
      now += ms;
    },
    settle: () => {
      for (const [id, callback] of [...timers]) {
        timers.delete(id);
        callback();
      }
    },
  };
}

describe('RangeFollower', () => {
  it('derives direction and speed (items/s) from successive ranges, then loads where it settled at speed 0', () => {
    const { follower, windows, advance, settle } = setup();
    follower.follow(0, 20);
    advance(16);
    follower.follow(80, 100); // 80 items in 16 ms: 5,000 items/s
    const moving = windows.at(-1);
    expect(moving?.direction).toBe('forward');
    expect(moving?.velocity).toBeGreaterThanOrEqual(4_096);
    settle();
    expect(windows.at(-1)).toEqual({ start: 80, end: 100, direction: 'forward', velocity: 0 });
  });

  it('a range moving up is backward; the same range twice sets nothing', () => {
    const { follower, windows, advance } = setup();
    follower.follow(500, 520);
    advance(16);
    follower.follow(490, 510);
    expect(windows.at(-1)?.direction).toBe('backward');
    const count = windows.length;
    follower.follow(490, 510);
    expect(windows.length).toBe(count);
  });
});

describe('LazyList.followRange (the follower is a lazy chunk, decision 0027)', () => {
  it('sets the range as the window at once, then follows direction and speed once the chunk is there', async () => {
    let now = 0;
    const list = createLazyList({
      key: ['follow-range'],
      source: offsetSource({ pageSize: 20, fetchPage: () => new Promise<never>(() => {}) }),
      now: () => now,
    });
    list.followRange(0, 20);
    // Before the chunk: the window at rest, so the first page is asked for without waiting for it.
    expect(list.getSnapshot().window).toMatchObject({ start: 0, end: 20, velocity: 0 });
    await import('./rangeFollower.ts');
    await vi.waitFor(() => {
      now += 16;
      list.followRange(now * 5, now * 5 + 20); // 80 items per 16 ms
      expect(list.getSnapshot().window?.velocity).toBeGreaterThanOrEqual(4_096);
    });
    expect(list.getSnapshot().window?.direction).toBe('forward');
    list.destroy();
    list.followRange(0, 20); // a no-op once destroyed
  });
});
