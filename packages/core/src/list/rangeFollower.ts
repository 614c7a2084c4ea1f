import type { Timers } from '../env/timers.ts';
import type { ListWindowInput } from '../planner/listWindow.ts';
import { VelocityMeter } from '../planner/velocityMeter.ts';

/** What a {@link RangeFollower} needs. */
export interface RangeFollowerOptions {
  readonly setWindow: (window: ListWindowInput) => void;
  readonly now: () => number;
  readonly timers: Timers;
  /** Quiet time after the last range before the list loads where it settled, ms. */
  readonly settleMs: number;
}

/**
 * Turns the visible ranges another virtualizer reports (TanStack Virtual's `range`, a grid's
 * rows) into the list's windows: direction and speed (items/s) come from successive ranges, so
 * prefetch leans ahead and a fling requests nothing; `settleMs` after the last range the window
 * is set again at speed 0, so the list loads where the scroll stopped.
 *
 * @example
 * const follower = new RangeFollower({ setWindow: (w) => list.setWindow(w), now, timers, settleMs: 150 });
 * follower.follow(500_000, 500_020);
 */
export class RangeFollower {
  readonly #o: RangeFollowerOptions;
  readonly #speed = new VelocityMeter();
  #last: { start: number; end: number } | null = null;
  #timer: unknown;

  constructor(options: RangeFollowerOptions) {
    this.#o = options;
  }

  /** The range `[start, end)` is on screen now. */
  follow(start: number, end: number): void {
    const { setWindow, now, timers, settleMs } = this.#o;
    const last = this.#last;
    if (last !== null && last.start === start && last.end === end) return;
    this.#speed.track(last === null ? 0 : start - last.start, now(), 1);
    this.#last = { start, end };
    const direction = this.#speed.direction;
    setWindow({ start, end, direction, velocity: this.#speed.rounded });
    timers.clearTimeout(this.#timer);
    this.#timer = timers.setTimeout(() => {
      this.#speed.stop();
      setWindow({ start, end, direction, velocity: 0 });
    }, settleMs);
  }

  /** No more ranges (the list is torn down). */
  stop(): void {
    this.#o.timers.clearTimeout(this.#timer);
  }
}

/**
 * The follower of one list, built once this chunk has loaded (`LazyList.followRange`, decision
 * 0027; the wiring is here so that the list's own bundle does not carry it): it sets the list's
 * window and starts from the window the list has now (speed from the next range on).
 *
 * @example
 * const { followList } = await import('./rangeFollower.ts');
 * const follower = followList(list, flow);
 */
export function followList(
  list: { setWindow(window: ListWindowInput): void },
  flow: {
    readonly o: { readonly now: () => number; readonly timers: Timers };
    readonly window: { readonly start: number; readonly end: number } | null;
  },
): RangeFollower {
  const { now, timers } = flow.o;
  const follower = new RangeFollower({
    setWindow: (window) => list.setWindow(window),
    now,
    timers,
    settleMs: 150,
  });
  const { window } = flow;
  if (window !== null) follower.follow(window.start, window.end);
  return follower;
}
