import type * as SmoothFlight from './smoothFlight.ts';

/** A smooth scroll's code: the lazy chunk `smoothFlight.ts` (decision 0027), once loaded. */
let flightCode: typeof SmoothFlight | null = null;

/**
 * The smooth flight's code once a smooth scroll-to loaded it (shared by every list on the
 * page), else null.
 *
 * @example
 * const code = loadedFlight(); // null before the first smooth scrollToIndex
 */
export function loadedFlight(): typeof SmoothFlight | null {
  return flightCode;
}

/**
 * Loads the flight's code (decision 0027): `loaded` once it is there, `failed` without the chunk
 * (offline), where the scroll-to jumps.
 *
 * @example
 * loadFlight(() => scrollTo(index, true), () => scrollTo(index, false));
 */
export function loadFlight(loaded: () => void, failed: () => void): void {
  import('./smoothFlight.ts').then((code) => {
    flightCode = code;
    loaded();
  }, failed);
}
