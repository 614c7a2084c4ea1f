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
 * Writes `scroll` under `entry` at once. An IndexedDB write started in `pagehide` does not land
 * before Chromium replaces the page on a reload; this copy does, and the reloaded tab reads it
 * first. A full or refused storage only loses the copy.
 *
 * @example
 * mirrorScroll(sessionStorage, 'lazyflow-scroll:users|["users"]', view.saveScroll());
 */
export function mirrorScroll(mirror: ScrollMirror | null, entry: string, scroll: SavedScroll): void {
  try {
    mirror?.setItem(entry, JSON.stringify(scroll));
  } catch {
    // quota or a disabled storage: IndexedDB still has the position
  }
}

/** The position mirrored under `entry`, or undefined (none, or not a saved scroll). */
export function readMirroredScroll(mirror: ScrollMirror | null, entry: string): SavedScroll | undefined {
  try {
    const raw = mirror?.getItem(entry);
    if (raw == null) return undefined;
    const value: unknown = JSON.parse(raw);
    return isSavedScroll(value) ? value : undefined;
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
