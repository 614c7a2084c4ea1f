import { findKey } from './listWrites.ts';
import type { PageFlow } from './pageFlow.ts';
import type { ListWriteResult } from './writeResult.ts';

/** One `update` made while its item was shown only on stale rows, waiting for a fresh copy. */
interface Waiting<T> {
  readonly change: (item: T) => T;
  /** Set once replayed on the fresh item: its rollback is the write's rollback from then on. */
  replayed?: ListWriteResult;
}

/** The updates waiting on one key, and the stale item they are shown over. */
interface WaitingKey<T> {
  /** The stale item as the page showed it before the first waiting update. */
  base: T;
  /** What the stale page shows now (`base` with every waiting update applied). */
  shown: T;
  readonly updates: Waiting<T>[];
}

/** An item `send` placed: kept through refetches until the server's copy is in the list. */
interface Pin<T> {
  item: T;
  /** The list's `append` (a core list's or a hook result's: the one `send` was given). */
  readonly append: (items: readonly T[]) => boolean;
  /** The server confirmed it; the pin goes once the list holds it (the server's or ours). */
  confirmed: boolean;
}

type Key = string | number;

/**
 * What the list shows of its local writes while rows are stale (decision 0040): updates of items
 * shown only on stale pages (shown there at once, replayed by key on the fresh copy when its
 * page lands), and the items `send()` placed (pending, failed, or confirmed while stale), put
 * back at the end when a refetch of the newest page does not hold them. Never shows a key twice:
 * an update replaces an item in place, and a pinned item is appended only when no loaded page
 * holds its key.
 *
 * @internal
 * @example
 * const overlay = staleWritesOf(flow, (key, change) => listWrites.update(flow, key, change));
 * const { rollback } = overlay.update('u-7', found, (user) => ({ ...user, liked: true }), false);
 */
export interface StaleWrites<T> {
  /** Whether updates on `key` wait for a fresh copy (a later update on it waits behind them). */
  isWaiting(key: Key): boolean;
  /** An update of `key`, found only on a stale page: shown there now, replayed when fresh. */
  update(
    key: Key,
    found: { page: number; offset: number; item: T },
    change: (item: T) => T,
    confirmed: boolean,
  ): ListWriteResult;
  /** `send` placed `item` (its key is `key`) with `append`: kept through refetches until confirmed. */
  pin(key: Key, item: T, append: (items: readonly T[]) => boolean): void;
  /** An update of a pinned key was written (fresh): the pin keeps its latest state. */
  wrote(key: Key, item: T, confirmed: boolean): void;
  /**
   * Before each publish: pinned items missing from a fresh newest page go back at the end,
   * waiting updates whose key is on a fresh page are replayed there, those still on stale pages
   * are shown again if a cached copy replaced the page, and those whose key no page holds once
   * nothing is stale are dropped (the server has no such item, or the window left it).
   */
  reconcile(): void;
}

function createStaleWrites<T>(
  flow: PageFlow<T>,
  replay: (key: Key, change: (item: T) => T) => ListWriteResult,
): StaleWrites<T> {
  const waiting = new Map<Key, WaitingKey<T>>();
  const pins = new Map<Key, Pin<T>>();
  let busy = false;
  const stale = (page: number) => flow.store.get(page)?.stale === true;
  /** Shows the waiting updates of `key` on the stale row that holds it (again when `changed`). */
  const show = (key: Key, entry: WaitingKey<T>, changed: boolean) => {
    const found = findKey(flow, key);
    const state = found && flow.store.get(found.page);
    if (!found || !state?.stale || !state.items || (!changed && found.item === entry.shown)) return;
    if (found.item !== entry.shown) entry.base = found.item; // a cached copy replaced the page
    entry.shown = entry.updates.reduce((item, w) => w.change(item), entry.base);
    const items = state.items.slice();
    items[found.offset] = entry.shown;
    // `cached` keeps the page stale (a page shown stale is replaced by it, a fresh one never).
    const bytes = flow.o.estimateBytes(items);
    flow.dispatch({ type: 'cached', page: found.page, generation: state.generation, items, bytes });
  };
  const repin = (key: Key, item: T, confirmed = false) => {
    const pin = pins.get(key);
    if (pin === undefined) return;
    pin.item = item;
    pin.confirmed ||= confirmed;
  };
  /** The page holding the last row is loaded and fresh: the server's end is known. */
  const tailFresh = () => {
    const count = flow.layout.count;
    const pages = count > 0 ? flow.layout.pagesFor(count - 1, count) : null;
    if (pages === null) return [...flow.store.values()].some((p) => p.items !== undefined && !p.stale);
    const state = flow.store.get(pages.last);
    return state?.items !== undefined && !state.stale;
  };
  return {
    isWaiting: (key) => waiting.has(key),
    update(key, found, change, confirmed) {
      let entry = waiting.get(key);
      if (entry === undefined) {
        entry = { base: found.item, shown: found.item, updates: [] };
        waiting.set(key, entry);
      }
      const mine: Waiting<T> = { change };
      entry.updates.push(mine);
      show(key, entry, true);
      repin(key, entry.shown, confirmed);
      flow.snapshots.publish(true);
      let done = false;
      const rollback = () => {
        if (done || flow.destroyed) return;
        done = true;
        if (mine.replayed !== undefined) {
          mine.replayed.rollback();
          return;
        }
        const now = waiting.get(key);
        if (now === undefined || !now.updates.includes(mine)) return; // dropped: the key is gone
        now.updates.splice(now.updates.indexOf(mine), 1);
        if (now.updates.length === 0) waiting.delete(key);
        show(key, now, true);
        repin(key, now.shown);
        flow.snapshots.publish(true);
      };
      return { ok: true, rollback };
    },
    pin(key, item, append) {
      pins.set(key, { item, append, confirmed: false });
    },
    wrote(key, item, confirmed) {
      if (confirmed && !waiting.has(key)) pins.delete(key);
      else repin(key, item, confirmed);
    },
    reconcile() {
      if (busy || flow.destroyed) return;
      busy = true;
      try {
        if (pins.size > 0 && tailFresh())
          for (const [key, pin] of [...pins]) {
            if (pin.confirmed) pins.delete(key);
            // In the order sent (a Map keeps it); a key another copy holds is never appended again.
            // Taken but held by no page (the layout could not store it): not again, or every
            // publish would grow the count by one.
            if (findKey(flow, key) === undefined && pin.append([pin.item]) && !findKey(flow, key))
              pins.delete(key);
          }
        for (const [key, entry] of [...waiting]) {
          const found = findKey(flow, key);
          if (found !== undefined && !stale(found.page)) {
            waiting.delete(key);
            for (const w of entry.updates) w.replayed = replay(key, w.change);
          } else if (found !== undefined) show(key, entry, false);
          else if (![...flow.store.values()].some((p) => p.items !== undefined && p.stale))
            waiting.delete(key);
        }
      } finally {
        busy = false;
      }
    },
  };
}

const overlays = new WeakMap<object, StaleWrites<unknown>>();

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
 * The {@link StaleWrites} of a list, made with its first stale write or sent item; reconciled
 * before each of the list's publishes.
 *
 * @internal
 * @example
 * staleWritesOf(flow, replay).pin('c-1', pendingMessage);
 */
export function staleWritesOf<T>(
  flow: PageFlow<T>,
  replay: (key: string | number, change: (item: T) => T) => ListWriteResult,
): StaleWrites<T> {
  let overlay = overlays.get(flow) as StaleWrites<T> | undefined;
  if (overlay === undefined) {
    const made = createStaleWrites(flow, replay);
    overlay = made;
    overlays.set(flow, made as StaleWrites<unknown>);
    flow.snapshots.beforePublish = () => made.reconcile();
  }
  return overlay;
}

/**
 * The overlay of a list if it has one (no stale write or sent item yet: none).
 *
 * @internal
 * @example
 * if (staleWritesIf(flow)?.isWaiting('u-7')) return waitBehindIt();
 */
export function staleWritesIf<T>(flow: PageFlow<T>): StaleWrites<T> | undefined {
  return overlays.get(flow) as StaleWrites<T> | undefined;
}
