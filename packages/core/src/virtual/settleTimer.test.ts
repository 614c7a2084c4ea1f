import { describe, expect, it } from 'vitest';
import type { Timers } from '../env/timers.ts';
import { SettleTimer } from './settleTimer.ts';

/** A clock and timers moved by hand; counts the timers ever set. */
function manualClock() {
  let now = 0;
  let next = 0;
  let set = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      set += 1;
      pending.set(++next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = until;
  };
  return { timers, now: () => now, advance, timersSet: () => set };
}

describe('SettleTimer', () => {
  it('settles once, the delay after the last of 60 scrolls, with a few timers rather than one per scroll', () => {
    const clock = manualClock();
    const settled: number[] = [];
    const settle = new SettleTimer(
      clock.timers,
      clock.now,
      () => 150,
      () => settled.push(clock.now()),
    );
    for (let i = 0; i < 60; i++) {
      settle.scrolled();
      clock.advance(16);
    }
    const last = clock.now() - 16;
    clock.advance(149 - 16);
    expect(settled).toEqual([]);
    clock.advance(1_000);
    expect(settled).toEqual([last + 150]);
    expect(clock.timersSet()).toBeLessThan(15);
  });

  it('settles with a clock that does not move (at most the delay after the last scroll), and not after cancel', () => {
    const clock = manualClock();
    let settled = 0;
    const settle = new SettleTimer(
      clock.timers,
      () => 0,
      () => 100,
      () => settled++,
    );
    settle.scrolled();
    clock.advance(50);
    settle.scrolled();
    clock.advance(500);
    expect(settled).toBe(1);
    settle.scrolled();
    settle.cancel();
    clock.advance(500);
    expect(settled).toBe(1);
  });
});
