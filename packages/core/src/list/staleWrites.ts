import { pageQueryKey } from '../scheduler/pageQuery.ts';
import { holdWhile, type KeyWrites, keyWritesOf, leaveKey, type Waiting } from './keyWrites.ts';
import { findKey, serverCounted } from './listWrites.ts';
import type { PageFlow } from './pageFlow.ts';
import { type Pin, putBackPins, repin } from './sentPins.ts';
import {
  forgotten,
  insertedAt,
  notLoaded,
  placeable,
  showInserts,
  shownPlace,
  type WaitingWrite,
  waitingBlocks,
} from './waitingInserts.ts';
import { ListWriteError, type ListWriteResult, refused } from './writeResult.ts';

type Key = string | number;

/**
 * Replays a waiting write on the fresh copy of its key, or, when no page holds the key once
 * nothing is stale, ends it: an update or remove with an error value, an insert at its index.
 */
type Replay<T> = (write: WaitingWrite<T>) => ListWriteResult;

/**
 * What the list shows of its local writes while rows are stale (decisions 0040, 0041): updates,
 * removes and inserts whose place is shown only on stale pages (shown there at once, replayed by
 * key, in the order made, when the key's page lands fresh; ended with an error value when no page
 * holds the key once nothing is stale), and the items `send()` placed (pending, failed, or
 * confirmed while stale), put back at the end when a refetch of the newest page does not hold
 * them. Never shows a key twice: a stale page is shown with the waiting updates and removes
 * applied in place, a waiting insert next to its neighbour with the rows after it shifted (the
 * snapshot's view of the layout, decision 0048), and a pinned item is appended only
 * when no loaded page holds its key.
 *
 * @internal
 * @example
 * const overlay = staleWritesOf(flow, replay);
 * const { rollback } = overlay.wait({ kind: 'remove', key: 'u-7' });
 */
export interface StaleWrites<T> {
  /** Whether writes on `key` wait for a fresh copy (a later write on it waits behind them). */
  isWaiting(key: Key): boolean;
  /** A write whose place is shown only on stale pages: shown there now, replayed when fresh. */
  wait(write: WaitingWrite<T>): ListWriteResult;
  /**
   * What `insert(index)` means with the waiting inserts shown (decision 0048): after the waiting
   * item shown just above `index` (its key), or the list's own index; and the count shown.
   */
  place(index: number): {
    readonly count: number;
    readonly at: { readonly key?: Key; readonly index: number };
  };
  /** Whether a waiting insert's item with `key` is shown (an update or remove of it waits too). */
  isShown(key: Key): boolean;
  /** `send` placed `item` (its key is `key`) with `append`: kept through refetches until confirmed. */
  pin(key: Key, item: T, append: (items: readonly T[]) => boolean): void;
  /** An update of a pinned key was written (fresh): the pin keeps its latest state. */
  wrote(key: Key, item: T, confirmed: boolean): void;
  /**
   * Before each publish: pinned items missing from a fresh newest page go back at the end,
   * waiting writes whose key is on a fresh page are replayed there (in the order made), stale
   * pages a cached copy replaced show them again, and those whose key no page holds once nothing
   * is stale end (their `settled` says how). False while a replay is under way (the list
   * publishes once it is done: no snapshot shows a replayed write half made).
   */
  reconcile(): boolean;
  /**
   * The list is destroyed: it no longer shows or replays the key's waiting writes; when it was
   * the key's last list, they end with a `'destroyed'` error value in their `settled`.
   */
  leave(): void;
}

/**
 * A waiting write replayed on the refetched item. Its change was checked on the stale one only: a
 * change that throws on the server's copy ends the write (its `settled` says so, reason `threw`)
 * and the page lands without it, or the landing stopped there and the list kept its stale rows.
 */
function replayed<T>(by: { replay: Replay<T> }, write: WaitingWrite<T>): ListWriteResult {
  try {
    return by.replay(write);
  } catch (error) {
    const key = 'key' in write ? write.key : undefined;
    const message = `${write.kind}(${JSON.stringify(key)}): its change threw on the refetched item`;
    return refused(new ListWriteError('threw', message, { key: key ?? undefined }, error));
  }
}

/** What one list adds to the waiting writes of its key: its pages, and how it replays. */
interface Overlay<T> extends StaleWrites<T> {
  readonly flow: PageFlow<T>;
  readonly replay: Replay<T>;
  /** Shows the waiting writes on its stale pages again (the queue changed). */
  show(): void;
  anyStale(): boolean;
  anyFresh(): boolean;
  /** Whether a page without items is being fetched. */
  anyLoading(): boolean;
  /** Whether a stale page shows (or hides) `key`; for null, whether any page is stale. */
  holdsStale(key: Key | null): boolean;
  /** Whether a fresh page holds `key`. */
  holdsFresh(key: Key): boolean;
  /** Whether a page's answer holds `key`, in the QueryClient before it lands here (decision 0055). */
  arriving(key: Key): boolean;
}

function createStaleWrites<T>(flow: PageFlow<T>, replay: Replay<T>): Overlay<T> {
  const shared: KeyWrites<T, Overlay<T>> = keyWritesOf(flow);
  const { queue, lists } = shared;
  const pins = new Map<Key, Pin<T>>();
  /** Stale pages shown with waiting writes: the items the page had, and what it shows. */
  const shown = new Map<number, { base: readonly T[]; items: readonly T[] }>();
  const keyOf = flow.o.getItemKey as (item: T) => Key;
  const stale = (page: number) => flow.store.get(page)?.stale === true;
  const anyStale = () => [...flow.store.values()].some((p) => p.items !== undefined && p.stale);
  // A fresh page that gives the count (for an insert at the end).
  const anyFresh = () => serverCounted(flow);
  const apply = (items: readonly T[], write: WaitingWrite<T>): readonly T[] => {
    const at = write.kind === 'insert' ? -1 : items.findIndex((item) => keyOf(item) === write.key);
    if (at < 0) return items;
    const next = items.slice();
    if (write.kind === 'update') next[at] = write.change(next[at] as T);
    else next.splice(at, 1);
    return next;
  };
  /**
   * Shows the waiting updates and removes on the stale pages: every page again when `all` (the
   * queue changed), else only pages a cached copy replaced. A remove leaves its page one row
   * short (offset pages are fixed: the row after it shows nothing until the refetch lands);
   * inserts are shown by the snapshot's view of the layout (`blocks`), not on the pages.
   */
  const show = (all: boolean) => {
    if (queue.length === 0 && shown.size === 0) return;
    for (const page of shown.keys()) if (!stale(page)) shown.delete(page);
    for (const state of [...flow.store.values()]) {
      if (!state.stale || state.items === undefined) continue;
      const entry = shown.get(state.index);
      if (!all && entry?.items === state.items) continue;
      const base = entry?.items === state.items ? entry.base : state.items;
      let items = base;
      for (const { write } of queue) items = apply(items, write);
      if (items === base) shown.delete(state.index);
      else shown.set(state.index, { base, items });
      if (items === state.items) continue;
      // `cached` keeps the page stale (a page shown stale is replaced by it, a fresh one never).
      const { index, generation, error } = state;
      flow.dispatch({ type: 'cached', page: index, generation, items, bytes: flow.o.estimateBytes(items) });
      // A page whose refetch failed stays failed: the moves watch waits for no answer of it.
      if (state.status === 'error') flow.dispatch({ type: 'failed', page: index, generation, error });
    }
  };
  /** The queue changed: every list on the key shows it and publishes (this one's pins first). */
  const everywhere = (key: Key | null, confirmed?: boolean) => {
    for (const list of lists) list.show();
    if (key !== null) repin(pins, key, findKey(flow, key)?.item, confirmed);
    for (const list of lists) list.flow.snapshots.publish(true);
  };
  /** Whether a stale page shows `key`, or hides it (a waiting remove). */
  const holdsStale = (key: Key) =>
    [...flow.store.values()].some((state) => {
      if (!state.stale || state.items === undefined) return false;
      const entry = shown.get(state.index);
      const items = entry?.items === state.items ? entry.base : state.items;
      return items.some((item) => keyOf(item) === key);
    });
  /**
   * The list a waiting write on `key` is replayed through now: the first (this one first) holding
   * the key on a fresh page (or showing a fresh page, for an insert at the end) while no other
   * list on the key shows it stale (its refetch has not landed: a write now would land its pages
   * one by one, next to stale ones); this one when no list on the key holds the key, none
   * shows a stale page and none fetches a page without items (it ends, decision 0047), for an
   * insert only once this list holds the page at its index (decision 0048); else none.
   */
  const replayer = (waiting: Waiting<T>): Overlay<T> | undefined => {
    const { write } = waiting;
    const key = write.key;
    const all = running();
    const alone = (by: Overlay<T>) => all.every((list) => list === by || !list.holdsStale(key));
    for (const list of all) {
      if (key === null ? !list.anyFresh() : !list.holdsFresh(key)) continue;
      return alone(list) ? list : undefined;
    }
    if (key === null) return undefined;
    // A row this list inserted is in its data wherever it is (decision 0077): next to it at once.
    if (write.kind === 'insert' && insertedAt(flow, key) !== undefined) return alone(me) ? me : undefined;
    // Not while a page is being fetched (again): a write drops the pages it moves, and the key
    // may be on one of them (an insert would go to its index, inside rows the user never saw there).
    const held = (list: Overlay<T>) =>
      list.anyStale() || list.anyLoading() || findKey(list.flow, key) !== undefined;
    if (all.some(held)) return undefined;
    // Its neighbour's page left: it goes to its index when the page there is loaded (the user
    // sees it there meanwhile), not refused there because they scrolled (decision 0048).
    if (write.kind !== 'insert' || placeable(flow, write.index)) return me;
    waiting.parked ??= { channel: flow.channel, epoch: flow.channel.epoch };
    return undefined;
  };
  /** The lists on the key that fetch (this one first): one without subscribers fetches nothing. */
  const running = () => [me, ...[...lists].filter((list) => list.flow.phase === 'running')];
  /**
   * Drops from a waiting insert the items whose key a list holds on a fresh page: the server's
   * copy, stored before the refetch (decision 0053). True when none is left: it is confirmed.
   */
  const confirmed = (waiting: Waiting<T>): boolean => {
    const { write } = waiting;
    if (write.kind !== 'insert') return false;
    const all = running();
    const items = write.items.filter(
      (item) => !all.some((list) => list.holdsFresh(keyOf(item)) || list.arriving(keyOf(item))),
    );
    waiting.write = { ...write, items };
    return items.length === 0;
  };
  /** Where this list shows the key's waiting inserts, in its own indexes. */
  const blocks = () =>
    queue.some(({ write }) => write.kind === 'insert')
      ? waitingBlocks(
          flow,
          queue.map(({ write }) => write),
          shown,
        )
      : [];
  flow.snapshots.shown = (layout) => showInserts(layout, blocks());
  const me: Overlay<T> = {
    flow,
    replay,
    show: () => show(true),
    anyStale,
    anyFresh,
    anyLoading: () => [...flow.store.values()].some((p) => p.items === undefined && p.status === 'loading'),
    holdsStale: (key) => (key === null ? anyStale() : holdsStale(key)),
    holdsFresh: (key) => {
      const found = findKey(flow, key);
      return found !== undefined && !stale(found.page);
    },
    arriving: (key) =>
      [...flow.store.values()].some((state) => {
        if (state.items !== undefined || state.status !== 'loading') return false;
        const data = flow.queries.client.getQueryData<{ items?: unknown }>(
          pageQueryKey(flow.o.key, state.index),
        );
        return Array.isArray(data?.items) && data.items.some((item) => keyOf(item as T) === key);
      }),
    isWaiting: (key) => queue.some((w) => w.write.key === key),
    isShown: (key) => blocks().some((b) => b.items.some((item) => keyOf(item) === key)),
    place(index) {
      const shown = blocks();
      const added = shown.reduce((sum, b) => sum + b.items.length, 0);
      return { count: flow.layout.count + added, at: shownPlace(shown, index, keyOf) };
    },
    wait(write) {
      let settle: (result: ListWriteResult) => void = () => {};
      const settled = new Promise<ListWriteResult>((resolve) => {
        settle = resolve;
      });
      const mine: Waiting<T> = { write, settle };
      queue.push(mine);
      // A confirmation shown on a stale row: its pin keeps the server's copy now, as that row
      // shows it; findKey below no longer finds the client id when the copy has another key.
      const pin = write.kind === 'update' && write.confirmed ? pins.get(write.key) : undefined;
      if (write.kind === 'update' && pin !== undefined) repin(pins, write.key, write.change(pin.item), true);
      try {
        everywhere(write.kind === 'update' ? write.key : null, write.kind === 'update' && write.confirmed);
      } catch (error) {
        // The change threw on the stale row (the app's bug): it throws from update() as on a
        // fresh row and is not kept, or every publish would run it again and throw there, and
        // the refetch could never land.
        queue.splice(queue.indexOf(mine), 1);
        everywhere(null);
        throw error;
      }
      let done = false;
      // Before the replay it works while any list on the key is not destroyed (the write waits in
      // the key's queue); after, it is the replayed write's rollback.
      const rollback = () => {
        if (done) return;
        done = true;
        if (mine.replayed !== undefined) return mine.replayed.rollback();
        const at = queue.indexOf(mine);
        if (at < 0) return; // ended: the key is gone, or every list on it was destroyed
        queue.splice(at, 1);
        everywhere(write.kind === 'update' ? write.key : null);
        settle({ ok: true, rollback: () => {} });
      };
      return { ok: true, rollback, settled };
    },
    pin(key, item, append) {
      pins.set(key, { item, append, confirmed: false });
    },
    wrote(key, item, confirmed) {
      if (confirmed && !queue.some((w) => w.write.key === key)) pins.delete(key);
      else repin(pins, key, item, confirmed);
    },
    reconcile() {
      if (flow.destroyed) return true;
      if (shared.busy) {
        shared.held.add(me);
        return false;
      }
      holdWhile(shared, () => {
        putBackPins(flow, pins);
        // In the order made: a write waits behind the earlier ones on its key. Replayed once, through
        // one list: the rope and the QueryClient carry it to the others.
        for (let i = 0; i < queue.length; ) {
          const waiting = queue[i] as Waiting<T>;
          // Null: the server's copy takes its place, nothing to replay or roll back (decision 0053).
          const by = confirmed(waiting) ? null : replayer(waiting);
          if (by === undefined && !forgotten(waiting, flow.channel)) {
            i++;
            continue;
          }
          queue.splice(i, 1);
          if (!by) {
            // Or its page was not loaded again before the local writes were forgotten (decision 0052).
            for (const list of lists) if (list !== me) shared.held.add(list);
            waiting.settle(by === null ? { ok: true, rollback: () => {} } : notLoaded(waiting.write));
            continue;
          }
          shared.replaying = i;
          waiting.replayed = replayed(by, waiting.write);
          shared.replaying = undefined;
          waiting.settle(waiting.replayed);
        }
        show(false);
      });
      // A replayed write moves the count once: a snapshot taken while it was on its way showed
      // it neither waiting nor placed (decision 0048); holdWhile publishes the lists held.
      return true;
    },
    leave: () => leaveKey(flow, shared, me),
  };
  lists.add(me);
  return me;
}

const overlays = new WeakMap<object, StaleWrites<unknown>>();

/**
 * The {@link StaleWrites} of a list, made with its first stale write or sent item; reconciled
 * before each of the list's publishes.
 *
 * @internal
 * @example
 * staleWritesOf(flow, replay).pin('c-1', pendingMessage);
 */
export function staleWritesOf<T>(flow: PageFlow<T>, replay: Replay<T>): StaleWrites<T> {
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
