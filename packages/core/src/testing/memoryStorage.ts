import type { ScrollMirror } from '../cache/scrollMirror.ts';

/**
 * A `sessionStorage` stand-in over a Map (the cache's scroll mirror in tests); `items` is the Map.
 *
 * @example
 * const scrollMirror = memoryStorage();
 * idbCache({ name: 'app', scrollMirror });
 * scrollMirror.items.size; // positions mirrored
 */
export function memoryStorage(): ScrollMirror & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}
