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
export class StaleWrites<T> {
  readonly #flow: PageFlow<T>;
  readonly #waiting = new Map<string | number, WaitingKey<T>>();
  readonly #pins = new Map<string | number, Pin<T>>();
  #busy = false;
  /** Replays an update on a fresh item (the engine's `update`). */
  readonly #replay: (key: string | number, change: (item: T) => T) => ListWriteResult;

  constructor(flow: PageFlow<T>, replay: (key: string | number, change: (item: T) => T) => ListWriteResult) {
    this.#flow = flow;
    this.#replay = replay;
  }

  /** Whether updates on `key` wait for a fresh copy (a later update on it waits behind them). */
  isWaiting(key: string | number): boolean {
    return this.#waiting.has(key);
  }

  /** An update of `key`, found only on the stale page `page`: shown there now, replayed when fresh. */
  update(
    key: string | number,
    found: { page: number; offset: number; item: T },
    change: (item: T) => T,
    confirmed: boolean,
  ) {
    let entry = this.#waiting.get(key);
    if (entry === undefined) {
      entry = { base: found.item, shown: found.item, updates: [] };
      this.#waiting.set(key, entry);
    }
    const waiting: Waiting<T> = { change };
    entry.updates.push(waiting);
    this.#show(key, entry);
    this.#repin(key, entry.shown, confirmed);
    this.#flow.snapshots.publish(true);
    let done = false;
    const rollback = () => {
      if (done || this.#flow.destroyed) return;
      done = true;
      if (waiting.replayed !== undefined) {
        waiting.replayed.rollback();
        return;
      }
      const now = this.#waiting.get(key);
      if (now === undefined || !now.updates.includes(waiting)) return; // dropped: the key is gone
      now.updates.splice(now.updates.indexOf(waiting), 1);
      if (now.updates.length === 0) this.#waiting.delete(key);
      this.#show(key, now);
      this.#repin(key, now.shown);
      this.#flow.snapshots.publish(true);
    };
    return { ok: true as const, rollback };
  }

  /** `send` placed `item` (its key is `key`) with `append`: kept through refetches until confirmed. */
  pin(key: string | number, item: T, append: (items: readonly T[]) => boolean): void {
    this.#pins.set(key, { item, append, confirmed: false });
  }

  /** An update of a pinned key was written (fresh): the pin keeps its latest state. */
  wrote(key: string | number, item: T, confirmed: boolean): void {
    const pin = this.#pins.get(key);
    if (pin === undefined) return;
    if (confirmed && !this.#waiting.has(key)) this.#pins.delete(key);
    else {
      pin.item = item;
      pin.confirmed ||= confirmed;
    }
  }

  /**
   * Pages landed (before the snapshot that shows them): pinned items missing from a fresh newest
   * page go back at the end, waiting updates whose key is on a fresh page are replayed there,
   * those still on stale pages are shown again (a cached copy may have replaced the page), and
   * those whose key no page holds once nothing is stale are dropped (the server has no such item).
   */
  reconcile(): void {
    if (this.#busy || this.#flow.destroyed) return;
    this.#busy = true;
    try {
      this.#putBackPins();
      for (const [key, entry] of [...this.#waiting]) {
        const found = findKey(this.#flow, key);
        if (found !== undefined && !this.#isStale(found.page)) {
          this.#waiting.delete(key);
          for (const waiting of entry.updates) waiting.replayed = this.#replay(key, waiting.change);
        } else if (found !== undefined && found.item !== entry.shown) {
          entry.base = found.item;
          entry.shown = entry.updates.reduce((item, waiting) => waiting.change(item), found.item);
          this.#dispatch(found, entry.shown);
        } else if (found === undefined && !this.#anyStale()) this.#waiting.delete(key);
      }
    } finally {
      this.#busy = false;
    }
  }

  #putBackPins(): void {
    if (this.#pins.size === 0 || !this.#tailFresh()) return;
    for (const [key, pin] of [...this.#pins]) {
      if (pin.confirmed) this.#pins.delete(key);
      // In the order sent (a Map keeps it); a key another copy holds is never appended again.
      if (findKey(this.#flow, key) === undefined) pin.append([pin.item]);
    }
  }

  /** The page holding the last row is loaded and fresh: the server's end is known. */
  #tailFresh(): boolean {
    const flow = this.#flow;
    const count = flow.layout.count;
    const pages = count > 0 ? flow.layout.pagesFor(count - 1, count) : null;
    if (pages === null) return [...flow.store.values()].some((p) => p.items !== undefined && !p.stale);
    const state = flow.store.get(pages.last);
    return state?.items !== undefined && !state.stale;
  }

  #isStale(page: number): boolean {
    return this.#flow.store.get(page)?.stale === true;
  }

  #anyStale(): boolean {
    return [...this.#flow.store.values()].some((p) => p.items !== undefined && p.stale);
  }

  #repin(key: string | number, item: T, confirmed = false): void {
    const pin = this.#pins.get(key);
    if (pin === undefined) return;
    pin.item = item;
    pin.confirmed ||= confirmed;
  }

  /** Shows the waiting updates of `key` on the stale page that holds it. */
  #show(key: string | number, entry: WaitingKey<T>): void {
    const found = findKey(this.#flow, key);
    if (found === undefined || !this.#isStale(found.page)) return;
    entry.shown = entry.updates.reduce((item, waiting) => waiting.change(item), entry.base);
    this.#dispatch(found, entry.shown);
  }

  #dispatch(found: { page: number; offset: number }, item: T): void {
    const flow = this.#flow;
    const state = flow.store.get(found.page);
    if (state?.items === undefined) return;
    const items = state.items.slice();
    items[found.offset] = item;
    // `cached` keeps the page stale (a page shown stale is replaced by it, a fresh one never).
    const bytes = flow.o.estimateBytes(items);
    flow.dispatch({ type: 'cached', page: found.page, generation: state.generation, items, bytes });
  }
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
 * The {@link StaleWrites} of a list, made with its first stale write or sent item; the flow
 * reconciles it when pages land.
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
    const made = new StaleWrites(flow, replay);
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
