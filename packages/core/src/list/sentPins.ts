import { findKey } from './listWrites.ts';
import type { PageFlow } from './pageFlow.ts';

type Key = string | number;

/**
 * An item `send` placed: kept through refetches until the server's copy is in the list.
 *
 * @internal
 */
export interface Pin<T> {
  item: T;
  /** The list's `append` (a core list's or a hook result's: the one `send` was given). */
  readonly append: (items: readonly T[]) => boolean;
  /** The server confirmed it; the pin goes once the list holds it (the server's or ours). */
  confirmed: boolean;
}

/**
 * The `change` functions `send` passes to `update`, by what they mean to the engine: `probe` (is
 * the key in the list? nothing is written), `{ append }` (the item just placed is a sent one: pin
 * it, to be put back with that `append`),
 * `confirm` (the server's copy: the pin goes once the list holds it).
 *
 * @internal
 * @example
 * const confirm = () => saved;
 * sendMarks.set(confirm, 'confirm');
 * list.update(clientId, confirm);
 */
export const sendMarks = new WeakMap<
  object,
  'probe' | 'confirm' | { readonly append: (items: readonly never[]) => boolean }
>();

/**
 * The pin of `key` keeps `item` (the latest state written), and `confirmed` once the server's copy
 * was written.
 *
 * @internal
 * @example
 * repin(pins, 'c-1', saved, true);
 */
export function repin<T>(pins: Map<Key, Pin<T>>, key: Key, item: T | undefined, confirmed = false): void {
  const pin = pins.get(key);
  if (pin === undefined || item === undefined) return;
  pin.item = item;
  pin.confirmed ||= confirmed;
}

/**
 * Before a publish: once the page holding the last row is loaded fresh (the server's end is
 * known), pinned items no loaded page holds go back at the end, in the order sent; confirmed pins
 * go.
 *
 * @internal
 * @example
 * putBackPins(flow, pins);
 */
export function putBackPins<T>(flow: PageFlow<T>, pins: Map<Key, Pin<T>>): void {
  if (pins.size === 0 || !tailFresh(flow)) return;
  const keyOf = flow.o.getItemKey;
  // A confirmed pin keeps the server's copy, whose key may not be the client id (no echo).
  const held = (key: Key, pin: Pin<T>) =>
    findKey(flow, key) !== undefined || (keyOf !== undefined && findKey(flow, keyOf(pin.item)) !== undefined);
  for (const [key, pin] of [...pins]) {
    if (pin.confirmed) pins.delete(key);
    // In the order sent (a Map keeps it); a key another copy holds is never appended again.
    // Taken but held by no page (the layout could not store it): not again, or every
    // publish would grow the count by one.
    if (!held(key, pin) && pin.append([pin.item]) && !held(key, pin)) pins.delete(key);
  }
}

/** The page holding the last row is loaded and fresh: the server's end is known. */
function tailFresh<T>(flow: PageFlow<T>): boolean {
  const count = flow.layout.count;
  const pages = count > 0 ? flow.layout.pagesFor(count - 1, count) : null;
  if (pages === null) return [...flow.store.values()].some((p) => p.items !== undefined && !p.stale);
  const state = flow.store.get(pages.last);
  return state?.items !== undefined && !state.stale;
}
