import type * as SmoothFlight from './smoothFlight.ts';

/**
 * A smooth scroll's code: the lazy chunk `smoothFlight.ts` (decision 0027) once a smooth
 * scroll-to loaded it (shared by every list on the page), else null. A live binding, written by
 * `loadFlight` only.
 *
 * @example
 * const code = loadedFlight; // null before the first smooth scrollToIndex
 */
export let loadedFlight: typeof SmoothFlight | null = null;

/**
 * Loads the flight's code (decision 0027): `loaded` once it is there, `failed` without the chunk
 * (offline), where the scroll-to jumps.
 *
 * @example
 * loadFlight(() => scrollTo(index, true), () => scrollTo(index, false));
 */
export function loadFlight(loaded: () => void, failed: () => void): void {
  import('./smoothFlight.ts').then((code) => {
    loadedFlight = code;
    loaded();
  }, failed);
}
