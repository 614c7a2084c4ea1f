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

/**
 * A smooth scroll under way: from the virtual position it started at, how far along it is
 * (0…1, eased), and where it lands as last laid out (retargeted as sizes on the way arrive).
 */
export interface Flight {
  readonly from: number;
  readonly progress: number;
  readonly to: number;
}

/**
 * Whether the user asked for less motion (`prefers-reduced-motion: reduce`): a smooth scroll is
 * then instant. False where `matchMedia` does not exist (SSR, tests without a DOM).
 */
function reducedMotion(): boolean {
  const match = (globalThis as { matchMedia?: (query: string) => { matches: boolean } }).matchMedia;
  return typeof match === 'function' && match('(prefers-reduced-motion: reduce)').matches;
}
