// Scroll restoration by key for the demo's lists: the position from `saveScroll()` lives in
// sessionStorage, so it survives a route change and a reload of this tab, not a new tab.
import type { SavedScroll } from '@lazyflow/core';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

const PREFIX = 'lazyflow-demo:scroll:';

interface Entry {
  /** The layout the sizes were measured in (e.g. fixed or dynamic heights). */
  readonly layout: string;
  readonly scroll: SavedScroll;
}

/**
 * The saved position of list `key`, or null. Saved in another `layout`, only the anchor is
 * kept: the measured sizes belong to the other layout.
 */
export function readScroll(key: string, layout: string): SavedScroll | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (raw === null) return null;
    const entry = JSON.parse(raw) as Entry;
    if (typeof entry.scroll?.anchorKey !== 'number' || !Array.isArray(entry.scroll.sizes)) return null;
    return entry.layout === layout ? entry.scroll : { ...entry.scroll, sizes: [], offsetInItem: 0 };
  } catch {
    return null;
  }
}

/** Saves the position of list `key`. */
export function writeScroll(key: string, layout: string, scroll: SavedScroll): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify({ layout, scroll } satisfies Entry));
  } catch {
    // Storage full or disabled: the list simply opens at the top next time.
  }
}

/**
 * Saves `save()` under `key` when the component unmounts (a route change) and when the page is
 * hidden (reload, tab closed, bfcache); returns a function that saves now, for a caller about
 * to remount the list in another layout.
 *
 * @example
 * const [restore] = useState(() => readScroll('table', 'fixed'));
 * const list = useLazyList({ …, restore });
 * usePersistedScroll('table', 'fixed', list.saveScroll);
 */
export function usePersistedScroll(key: string, layout: string, save: () => SavedScroll): () => void {
  const latest = useRef(save);
  useLayoutEffect(() => {
    latest.current = save;
  });
  const persist = useCallback(() => writeScroll(key, layout, latest.current()), [key, layout]);
  useEffect(() => {
    window.addEventListener('pagehide', persist);
    return () => {
      window.removeEventListener('pagehide', persist);
      persist();
    };
  }, [persist]);
  return persist;
}
