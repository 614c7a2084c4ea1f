import { hashKey, type QueryClient } from '@tanstack/query-core';
import type { ItemWrite } from '../store/itemWrites.ts';
import type { PageFlow } from './pageFlow.ts';
import { type Parked, shiftedIndex, type WaitingWrite } from './waitingInserts.ts';
import { ListWriteError, type ListWriteResult, refused } from './writeResult.ts';

/**
 * A waiting write (an insert's `index` moves with the rope writes made since, decision 0052), its
 * replay's result once replayed, and how its `settled` promise ends.
 *
 * @internal
 */
export interface Waiting<T> extends Parked {
  write: WaitingWrite<T>;
  replayed?: ListWriteResult;
  readonly settle: (result: ListWriteResult) => void;
}

/**
 * The waiting writes of one list key on one QueryClient (decision 0045): one queue, in the order
 * made, shown by every list on the key that is not destroyed (`L`: each list's overlay),
 * replayed once through the first list holding the key fresh.
 *
 * @internal
 */
export interface KeyWrites<T, L> {
  readonly queue: Waiting<T>[];
  readonly lists: Set<L>;
  busy: boolean;
  /** The queue position of the write being replayed: the inserts before it were made earlier. */
  replaying?: number;
  /** Lists whose publish was held while a replay was under way. */
  readonly held: Set<L>;
}

/** Per QueryClient (no list of another client sees them), per hashed list key; gone with the key's last list. */
const registry = new WeakMap<QueryClient, Map<string, KeyWrites<unknown, unknown>>>();

/**
 * The waiting writes of `flow`'s key, made with the key's first list.
 *
 * @internal
 * @example
 * const shared = keyWritesOf<T, Overlay<T>>(flow);
 * shared.lists.add(me);
 */
export function keyWritesOf<T, L>(flow: PageFlow<T>): KeyWrites<T, L> {
  const client = flow.queries.client;
  const hash = hashKey(flow.o.key);
  let byKey = registry.get(client);
  if (byKey === undefined) {
    byKey = new Map();
    registry.set(client, byKey);
  }
  let shared = byKey.get(hash) as KeyWrites<T, L> | undefined;
  if (shared === undefined) {
    shared = { queue: [], lists: new Set(), busy: false, held: new Set() };
    byKey.set(hash, shared as KeyWrites<unknown, unknown>);
  }
  return shared;
}

/**
 * `list` leaves its key's waiting writes (its `destroy()`); when it was the key's last list they
 * end: each `settled` resolves with a `'destroyed'` error value (decision 0045).
 *
 * @internal
 * @example
 * leaveKey(flow, shared, me);
 */
export function leaveKey<T, L>(flow: PageFlow<T>, shared: KeyWrites<T, L>, list: L): void {
  shared.lists.delete(list);
  const byKey = registry.get(flow.queries.client);
  const hash = hashKey(flow.o.key);
  if (shared.lists.size > 0 || byKey === undefined || byKey.get(hash) !== (shared as unknown)) return;
  byKey.delete(hash);
  for (const { write, settle } of shared.queue.splice(0)) {
    const at = write.kind === 'insert' ? `${write.index}` : JSON.stringify(write.key);
    const message = `${write.kind}(${at}): the list was destroyed while the write waited for a refetch; not applied`;
    settle(
      refused(
        new ListWriteError(
          'destroyed',
          message,
          write.kind === 'insert' ? { index: write.index } : { key: write.key },
        ),
      ),
    );
  }
}

/**
 * A rope write (fresh, replayed or rolled back) moves each waiting insert's own `index` (where it
 * shows and goes when its neighbour is gone) as any row (decision 0052, `shiftedIndex`).
 *
 * @internal
 * @example
 * shiftWaiting(flow, { kind: 'insert', index: 0, items: [n2] }); // a waiting insert at 8 now at 9
 */
export function shiftWaiting<T>(flow: PageFlow<T>, write: ItemWrite<T>): void {
  const shared = sharedOf(flow);
  if (shared === undefined || write.kind === 'replace') return;
  const earlier = shared.replaying ?? shared.queue.length;
  shared.queue.forEach((waiting, j) => {
    const { write: moved } = waiting;
    if (moved.kind === 'insert')
      waiting.write = { ...moved, index: shiftedIndex(moved.index, write, j < earlier) };
  });
}

function sharedOf<T>(flow: PageFlow<T>): KeyWrites<T, { flow: PageFlow<unknown> }> | undefined {
  return registry.get(flow.queries.client)?.get(hashKey(flow.o.key)) as
    | KeyWrites<T, { flow: PageFlow<unknown> }>
    | undefined;
}

/** A list whose publish the key's replays can hold. */
interface Publisher {
  readonly flow: { readonly snapshots: { publish(force: boolean): void } };
}

/**
 * Runs `run` with the key's replays held (`busy`: a list publishing meanwhile replays nothing and
 * is held), then publishes every list held. The caller checks `busy` first.
 *
 * @internal
 * @example
 * if (!shared.busy) holdWhile(shared, () => replayQueue());
 */
export function holdWhile<T, L extends Publisher>(shared: KeyWrites<T, L>, run: () => void): void {
  shared.busy = true;
  try {
    run();
  } finally {
    shared.busy = false;
    shared.replaying = undefined;
  }
  const held = [...shared.held];
  shared.held.clear();
  for (const list of held) list.flow.snapshots.publish(true);
}

/**
 * Runs a rope write with the key's waiting writes held: a list publishing in its middle (a page
 * dropped, the count not moved yet) replays none (it would place an insert by the count from
 * before the write, which then sets its own); the lists held publish once it is done.
 *
 * @internal
 * @example
 * holdingReplays(flow, () => applyWrite(flow, change));
 */
export function holdingReplays<T>(flow: PageFlow<T>, run: () => void): void {
  const shared = sharedOf(flow);
  if (shared === undefined || shared.busy) run();
  else holdWhile(shared, run);
}
