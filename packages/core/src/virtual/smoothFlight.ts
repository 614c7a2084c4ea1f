// A smooth scrollToIndex's flight: its duration, start and eased path, and the frame loop. A
// lazy chunk (decision 0027): VirtualList imports it at the first `behavior: 'smooth'`, so a
// list that never flies does not bundle it. Everything here runs only once a flight is asked.
import type { Timers } from '../env/timers.ts';
import type { Flight } from './smoothScroll.ts';

/** The shortest flight (a move of a few rows), ms. */
export const FLIGHT_MIN_MS = 150;
/** The longest flight (a move of `FLOWN_VIEWPORTS` viewports or more), ms. */
export const FLIGHT_MAX_MS = 600;
/**
 * Viewports a flight shows at most: a longer jump starts this far before its destination (the
 * rows before that are passed at once, as a jump), so 500,000 rows fly like 4 viewports do.
 */
export const FLOWN_VIEWPORTS = 4;

/**
 * How long a smooth scroll of `distance` px flies in a viewport of `viewport` px: grows with the
 * distance on screen (logarithmically, as the eye reads it), from `FLIGHT_MIN_MS` for a few rows
 * to `FLIGHT_MAX_MS` for `FLOWN_VIEWPORTS` viewports and more (a longer jump flies only that).
 *
 * @example
 * flightDuration(108, 600); // ~186: three 36-px rows
 * flightDuration(18_000_000, 600); // 600: a jump of 500,000 rows
 */
export function flightDuration(distance: number, viewport: number): number {
  const viewports = Math.abs(distance) / Math.max(1, viewport);
  if (!Number.isFinite(viewports)) return FLIGHT_MAX_MS;
  const share = Math.log2(1 + Math.min(viewports, FLOWN_VIEWPORTS)) / Math.log2(1 + FLOWN_VIEWPORTS);
  return Math.round(FLIGHT_MIN_MS + (FLIGHT_MAX_MS - FLIGHT_MIN_MS) * share);
}

/**
 * Where a flight to `to` starts: `from`, or `FLOWN_VIEWPORTS` viewports before `to` on the same
 * side when it is farther (the rest is passed at once, loading nothing: decision 0014 amended).
 *
 * @example
 * flightStart(0, 18_000_000, 600); // 17_997_600
 */
export function flightStart(from: number, to: number, viewport: number): number {
  const most = FLOWN_VIEWPORTS * Math.max(1, viewport);
  return Math.abs(to - from) <= most ? from : to - Math.sign(to - from) * most;
}

/** Ease-in-out (cubic): starts and ends slowly, so the landing does not look like a cut. */
function eased(progress: number): number {
  const p = Math.max(0, Math.min(1, progress));
  return p < 0.5 ? 4 * p * p * p : 1 - (-2 * p + 2) ** 3 / 2;
}

/**
 * Where a flight is at `progress` towards `to`: exactly `to` once it is done.
 *
 * e.g. `flightPosition(0, 1_000, 1)` is 1_000.
 */
function flightPosition(from: number, to: number, progress: number): number {
  return progress >= 1 ? to : from + (to - from) * eased(progress);
}

/**
 * A flight laid out with the sizes known now: until its first frame it may still move its start
 * (`flightStart`), then it keeps it; `position` is where the view is at its progress.
 *
 * @example
 * flightAt({ from: 0, progress: 1, to: 500 }, 500, 600); // { flight: { from: 0, progress: 1, to: 500 }, position: 500 }
 */
export function flightAt(flight: Flight, to: number, viewport: number): { flight: Flight; position: number } {
  const { progress } = flight;
  const from = progress === 0 ? flightStart(flight.from, to, viewport) : flight.from;
  return { flight: { from, progress, to }, position: flightPosition(from, to, progress) };
}

/**
 * Drives a flight one animation frame at a time (`requestAnimationFrame`, or a 16 ms timer
 * where there is none): calls `step` with the progress until it reaches 1 or `step` returns
 * false (the flight was cancelled: the user scrolled, another scroll-to came).
 *
 * @example
 * const loop = new FlightLoop(defaultTimers, defaultNow);
 * loop.start(flightDuration(1_200, 600), (progress) => view.flightFrame(progress));
 */
export class FlightLoop {
  readonly #timers: Timers;
  readonly #now: () => number;
  #run = 0;

  constructor(timers: Timers, now: () => number) {
    this.#timers = timers;
    this.#now = now;
  }

  /**
   * Starts a flight of `duration` ms (stopping the one under way), timed from `started` (the
   * call to scrollToIndex, which may be before this chunk loaded), by default now.
   */
  start(duration: number, step: (progress: number) => boolean, started = this.#now()): void {
    const run = ++this.#run;
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
