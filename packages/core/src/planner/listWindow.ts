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
  return { start: input.start, end: input.end, direction, velocity };
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
  return a.start === b.start && a.end === b.end && a.direction === b.direction && a.velocity === b.velocity;
}
