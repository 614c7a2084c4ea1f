import type { Timers } from '../env/timers.ts';
import type { ScrollAlign } from './virtualSnapshot.ts';

/**
 * Options of `scrollToIndex`. `align` (default 'auto'): where the item ends up in the viewport.
 * `behavior` (default 'auto'): 'smooth' flies there over a few frames, loading only the rows at
 * the destination (rows flown over stay placeholders), landing exactly on the item as its size
 * and the sizes on the way are measured, and stopping where it is when the user scrolls;
 * instant under `prefers-reduced-motion: reduce`.
 *
 * @example
 * view.scrollToIndex(500_000, { align: 'center', behavior: 'smooth' });
 */
export interface ScrollToIndexOptions {
  readonly align?: ScrollAlign;
  readonly behavior?: 'auto' | 'smooth';
}

const BEHAVIORS: ReadonlySet<unknown> = new Set([undefined, 'auto', 'smooth']);

/**
 * Whether `options` ask for a smooth scroll; a TypeError naming the option for a bad `behavior`.
 *
 * @example
 * smoothRequested({ behavior: 'smooth' }); // true
 */
export function smoothRequested(options: ScrollToIndexOptions): boolean {
  if (!BEHAVIORS.has(options.behavior)) {
    throw new TypeError(
      `lazyflow: scrollToIndex behavior must be 'auto' or 'smooth', got ${String(options.behavior)}`,
    );
  }
  return options.behavior === 'smooth' && !reducedMotion();
}

/** How long a smooth `scrollToIndex` flies, whatever the distance (a jump of 500,000 rows included). */
export const FLIGHT_MS = 450;

/**
 * A smooth scroll under way: from the virtual position it started at, how far along it is
 * (0…1, eased), and where it lands as last laid out (retargeted as sizes on the way arrive).
 */
export interface Flight {
  readonly from: number;
  readonly progress: number;
  readonly to: number;
}

/** Ease-in-out (cubic): starts and ends slowly, so the landing does not look like a cut. */
function eased(progress: number): number {
  const p = Math.max(0, Math.min(1, progress));
  return p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2;
}

/**
 * Where a flight is at `progress` towards `to`: exactly `to` once it is done.
 *
 * @example
 * flightPosition(0, 1_000, 1); // 1_000
 */
export function flightPosition(from: number, to: number, progress: number): number {
  return progress >= 1 ? to : from + (to - from) * eased(progress);
}

/**
 * Whether the user asked for less motion (`prefers-reduced-motion: reduce`): a smooth scroll is
 * then instant. False where `matchMedia` does not exist (SSR, tests without a DOM).
 */
function reducedMotion(): boolean {
  const match = (globalThis as { matchMedia?: (query: string) => { matches: boolean } }).matchMedia;
  return typeof match === 'function' && match('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Drives a flight one animation frame at a time (`requestAnimationFrame`, or a 16 ms timer
 * where there is none): calls `step` with the progress until it reaches 1 or `step` returns
 * false (the flight was cancelled: the user scrolled, another scroll-to came).
 *
 * @example
 * const loop = new FlightLoop(defaultTimers, defaultNow);
 * loop.start(450, (progress) => view.flightFrame(progress));
 */
export class FlightLoop {
  readonly #timers: Timers;
  readonly #now: () => number;
  #run = 0;

  constructor(timers: Timers, now: () => number) {
    this.#timers = timers;
    this.#now = now;
  }

  /** Starts a flight of `duration` ms (stopping the one under way). */
  start(duration: number, step: (progress: number) => boolean): void {
    const run = ++this.#run;
    const started = this.#now();
    const frame = () => {
      if (run !== this.#run) return;
      const progress = Math.min(1, (this.#now() - started) / duration);
      if (step(progress) && progress < 1) this.#next(frame);
    };
    this.#next(frame);
  }

  /** Stops the flight under way, if any. */
  stop(): void {
    this.#run++;
  }

  #next(frame: () => void): void {
    const raf = (globalThis as { requestAnimationFrame?: (callback: () => void) => number })
      .requestAnimationFrame;
    if (typeof raf === 'function') raf(frame);
    else this.#timers.setTimeout(frame, 16);
  }
}
