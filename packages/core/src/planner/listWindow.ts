import { assertFiniteNumber, optionError } from '../options.ts';

/** Which way the window is moving. */
export type ScrollDirection = 'forward' | 'backward';

/**
 * The range a view needs now, as a half-open interval `[start, end)` in the list's units
 * (item indexes for offset/cursor/eager sources, keys such as milliseconds for range sources),
 * plus where it is heading. `velocity` is in units per second; its sign is ignored.
 */
export interface ListWindow {
  readonly start: number;
  readonly end: number;
  readonly direction: ScrollDirection;
  readonly velocity: number;
  /** Present (false) only when the window's pages load without prefetch around them. */
  readonly prefetch?: false;
}

/**
 * What callers pass to `setWindow`: direction and velocity are optional.
 *
 * @example
 * list.setWindow({ start: 500, end: 540, direction: 'forward', velocity: 0 });
 */
export interface ListWindowInput {
  start: number;
  end: number;
  direction?: ScrollDirection;
  velocity?: number;
  /**
   * `false`: load only the window's pages, none around them (default true). A view passes it
   * while the user holds a scrollbar thumb still: the next move may go anywhere, so only what is
   * on screen is worth a request; the prefetch follows when the thumb is let go (decision 0026).
   */
  prefetch?: boolean;
}

/**
 * Validates a window and fills in `direction: 'forward'` and `velocity: 0`.
 * Throws a TypeError naming the bad field.
 *
 * @example
 * normalizeWindow({ start: 0, end: 40 }); // { start: 0, end: 40, direction: 'forward', velocity: 0 }
 */
export function normalizeWindow(input: ListWindowInput, owner = 'setWindow'): ListWindow {
  if (typeof input !== 'object' || input === null) throw optionError(owner, 'window', 'an object', input);
  assertFiniteNumber(owner, 'start', input.start);
  assertFiniteNumber(owner, 'end', input.end);
  if (input.end < input.start) {
    throw optionError(owner, 'end', `>= start (${input.start})`, input.end);
  }
  const direction = input.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw optionError(owner, 'direction', '"forward" or "backward"', direction);
  }
  const velocity = input.velocity ?? 0;
  assertFiniteNumber(owner, 'velocity', velocity);
  const { prefetch } = input;
  if (prefetch !== undefined && typeof prefetch !== 'boolean') {
    throw optionError(owner, 'prefetch', 'a boolean', prefetch);
  }
  const window = { start: input.start, end: input.end, direction, velocity };
  return prefetch === false ? { ...window, prefetch } : window;
}

/**
 * Whether two windows are equal field by field.
 *
 * @example
 * sameWindow(a, { ...a }); // true
 */
export function sameWindow(a: ListWindow | null, b: ListWindow | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.direction === b.direction &&
    a.velocity === b.velocity &&
    a.prefetch === b.prefetch
  );
}
