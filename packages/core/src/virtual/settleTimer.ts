import type { Timers } from '../env/timers.ts';

/**
 * "Scrolling settled": calls `onSettle` once no scroll came for `delay()` ms. One timer is armed
 * and pushed back when it fires early, rather than cleared and set again on every scroll event
 * (60 times a second during a scroll, issue #16).
 *
 * @example
 * const settle = new SettleTimer(defaultTimers, defaultNow, () => 150, () => view.settle());
 * element.addEventListener('scroll', () => settle.scrolled());
 */
export class SettleTimer {
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #delay: () => number;
  readonly #onSettle: () => void;
  #handle: unknown;
  #lastAt = 0;
  /** A scroll came after the pending timer was armed: it fires early. */
  #since = false;

  constructor(timers: Timers, now: () => number, delay: () => number, onSettle: () => void) {
    this.#timers = timers;
    this.#now = now;
    this.#delay = delay;
    this.#onSettle = onSettle;
  }

  /** A scroll event (at `now`, if the caller read the clock already). */
  scrolled(now = this.#now()): void {
    this.#lastAt = now;
    this.#since = true;
    this.#arm(this.#delay());
  }

  /** Forgets a pending settle. */
  cancel(): void {
    this.#timers.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #arm(ms: number): void {
    if (this.#handle !== undefined) return;
    this.#since = false;
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = undefined;
      if (!this.#since) {
        this.#onSettle();
        return;
      }
      const delay = this.#delay();
      // A clock that does not move (a test's) still settles: at most `delay` after the last scroll.
      this.#arm(Math.min(delay, Math.max(1, this.#lastAt + delay - this.#now())));
    }, ms);
  }
}
