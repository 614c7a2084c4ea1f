// How a running list takes a newer source: apps build sources inline (`offsetSource({ fetchPage })`
// in a component body), so each render brings a new source object whose `fetchPage` closes over the
// latest token or filter. The list keeps its own source (the paging and any tuning state it holds)
// and adopts the newer one's functions; only a source of another shape is other pages.
import { replaceEqualDeep } from '@tanstack/query-core';

/** What adopting a newer source meant. */
export type AdoptResult =
  /** Same shape: the list's source now calls the newer functions; loaded pages stay. */
  | 'same'
  /** Same shape, but other data in memory (`eagerSource` with an array of other items): the list reloads. */
  | 'data'
  /** Another kind or page geometry: it cannot be adopted (a new list is needed). */
  | 'shape';

/** A source that can take a newer source's functions. */
export interface Adoptable {
  /** Takes the functions of `next` (built by the same factory) while keeping this source's state. */
  adopt(next: unknown): AdoptResult;
}

interface Entry {
  readonly shape: string;
  readonly cell: { current: unknown };
  data: unknown;
}

const entries = new WeakMap<object, Entry>();

/**
 * Makes `source` adoptable. `shape` names its kind and page geometry (sources of different shapes
 * never adopt each other); `cell.current` holds the user's functions and is what the source
 * calls; `data` is the in-memory data, when the source holds it (an eager array).
 *
 * @example
 * const cell = { current: options.fetchPage };
 * return adoptable({ kind: 'offset', pageSize, loadPage: (r) => cell.current(…) }, `offset:${pageSize}`, cell);
 */
export function adoptable<S extends object, F>(
  source: S,
  shape: string,
  cell: { current: F },
  data?: unknown,
): S & Adoptable {
  const entry: Entry = { shape, cell, data };
  entries.set(source, entry);
  return Object.assign(source, {
    adopt(next: unknown): AdoptResult {
      // WeakMap.get finds nothing for what is not an object; this source adopting itself changes nothing.
      const other = entries.get(next as object);
      if (other === undefined || other.shape !== shape) return 'shape';
      cell.current = other.cell.current as F;
      // Equal data is the same data: an array built again in each render (`items.filter(…)`,
      // `rows.map((r) => ({ ...r }))`) would otherwise reload the list, publish, render, build it
      // again, and loop. Compared as query-core compares query results (plain arrays and objects).
      const changed = other.data !== entry.data && replaceEqualDeep(entry.data, other.data) !== entry.data;
      entry.data = other.data;
      return changed ? 'data' : 'same';
    },
  });
}

/**
 * The shape of a source, for error messages: its kind and page geometry.
 *
 * @example
 * describeShape(offsetSource({ pageSize: 100, fetchPage })); // 'offset:100'
 */
export function describeShape(source: unknown): string {
  return pageShape(source) || 'unknown';
}

/**
 * The shape of a source's pages (its kind and page geometry), undefined for a source not built
 * by a lazyflow factory. Page queries carry it (`meta.lazyflowShape`): a list does not take a
 * page another list on its key fetched in another shape (another `pageSize`, another kind).
 *
 * @example
 * pageShape(offsetSource({ pageSize: 100, fetchPage })); // 'offset:100'
 */
export function pageShape(source: unknown): string | undefined {
  return (typeof source === 'object' && source !== null && entries.get(source)?.shape) || undefined;
}
