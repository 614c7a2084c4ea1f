// Where each list page keeps its library's scroll state across a reload (lazyflow's
// `saveScroll()`, TanStack Virtual's offset and measurements, react-virtuoso's `getState()`,
// react-window's offset, virtua's offset and cache): sessionStorage, written on `pagehide`, as the
// demo's Table page does. The peers' docs save on unmount or route change; a reload unmounts
// nothing, so `pagehide` is the moment.
// Its own module: the bundle-size figure is measured without it (see run/bundle.mjs).
import { useEffect, useRef } from 'react';

const storageKey = (lib: string) => `bench-scroll:${lib}`;

/** The state `lib` saved before the reload, or undefined. */
export function readSaved<T>(lib: string): T | undefined {
  const raw = sessionStorage.getItem(storageKey(lib));
  return raw === null ? undefined : (JSON.parse(raw) as T);
}

/** Saves `read()` under `lib` when the page goes away; `lib` null turns it off. */
export function useSaveOnPageHide<T>(lib: string | null, read: () => T | undefined): void {
  const latest = useRef(read);
  useEffect(() => {
    latest.current = read;
  });
  useEffect(() => {
    if (lib === null) return;
    const save = () => {
      const value = latest.current();
      if (value !== undefined) sessionStorage.setItem(storageKey(lib), JSON.stringify(value));
    };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [lib]);
}
