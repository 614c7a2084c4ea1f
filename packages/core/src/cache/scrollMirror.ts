import { isSavedScroll } from './isSavedScroll.ts';
import type { SavedScroll } from './savedScroll.ts';

/** Where a cache mirrors scroll positions synchronously: `sessionStorage`, or a stand-in. */
export type ScrollMirror = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** `sessionStorage` where it can be used (it throws in some sandboxed frames), else null. */
export function defaultScrollMirror(): ScrollMirror | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Writes `scroll` under `entry` at once, stamped `storedAt` (the cache's TTL applies to the copy
 * too). An IndexedDB write started in `pagehide` does not land before Chromium replaces the page
 * on a reload; this copy does, and the reloaded tab reads it first. A full or refused storage
 * only loses the copy.
 *
 * @example
 * mirrorScroll(sessionStorage, 'lazyflow-scroll:users|["users"]', view.saveScroll(), Date.now());
 */
export function mirrorScroll(
  mirror: ScrollMirror | null,
  entry: string,
  scroll: SavedScroll,
  storedAt: number,
): void {
  try {
    mirror?.setItem(entry, JSON.stringify([storedAt, scroll]));
  } catch {
    // quota or a disabled storage: IndexedDB still has the position
  }
}

/**
 * The position mirrored under `entry`, or undefined (none, not a saved scroll, or stored at a time
 * `fresh` refuses: older than the cache's TTL).
 */
export function readMirroredScroll(
  mirror: ScrollMirror | null,
  entry: string,
  fresh: (storedAt: number) => boolean,
): SavedScroll | undefined {
  try {
    const raw = mirror?.getItem(entry);
    if (raw == null) return undefined;
    const [storedAt, scroll]: unknown[] = JSON.parse(raw);
    return typeof storedAt === 'number' && fresh(storedAt) && isSavedScroll(scroll) ? scroll : undefined;
  } catch {
    return undefined;
  }
}

/** Removes every mirrored position whose key starts with `prefix` (the cache was cleared). */
export function clearMirror(mirror: ScrollMirror | null, prefix: string): void {
  try {
    if (mirror === null) return;
    const doomed: string[] = [];
    for (let i = 0; i < mirror.length; i++) {
      const key = mirror.key(i);
      if (key?.startsWith(prefix)) doomed.push(key);
    }
    for (const key of doomed) mirror.removeItem(key);
  } catch {
    // a refused storage holds nothing of ours
  }
}
