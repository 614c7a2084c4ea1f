import { hashKey, type QueryClient, type QueryKey } from '@tanstack/query-core';
import { type EditRope, isServerOnly, serverRope } from '../store/editRope.ts';
import type { RopeLoader } from './writeResult.ts';

/** What a write changed, heard by every list on the key (the writer too). */
export interface WriteEvent {
  /** Pages `first..last` changed (`last` Infinity: every page after `first` moved). */
  readonly first: number;
  readonly last: number;
  /** Pages of that range written into the QueryClient; a list drops the others it holds. */
  readonly rewritten: ReadonlySet<number>;
}

/**
 * The local writes of one dataset (a QueryClient and a list key), shared by every list on it:
 * the rope mapping display indexes to server offsets and local items, and the lists to tell.
 * `epoch` grows when the writes are forgotten (the server's data is wanted again: a refresh, an
 * invalidation), so a rollback from before does nothing.
 *
 * @example
 * const channel = writeChannelFor(client, ['users']);
 * const stop = channel.listen((event) => dropMoved(event));
 */
export class WriteChannel<T> {
  rope: EditRope<T> = serverRope();
  /**
   * How a page is fetched while the rope holds local writes: set by the write engine with its
   * first write (`@lazyflow/core/writes`), so a list on the key without the engine follows too.
   */
  load: RopeLoader | undefined;
  epoch = 0;
  /** Grows with every write on any dataset: a list that was not listening compares it (see `WriteWatcher`). */
  version = writes;
  readonly #listeners = new Set<(event: WriteEvent) => void>();
  readonly #unused: () => void;

  /** `unused` is called when no list listens and no write is pending (the channel can go). */
  constructor(unused: () => void) {
    this.#unused = unused;
  }

  /** Hears every write on the dataset while a list is subscribed; returns the function that stops. */
  listen(listener: (event: WriteEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && isServerOnly(this.rope)) this.#unused();
    };
  }

  emit(event: WriteEvent): void {
    writes += 1;
    this.version = writes;
    for (const listener of [...this.#listeners]) listener(event);
  }

  /** Forgets the local writes: display indexes are server offsets again. */
  forget(): void {
    this.rope = serverRope();
    this.epoch += 1;
  }
}

/** Writes made so far, on every dataset (a channel forgotten and made again starts from it). */
let writes = 0;

const channels = new WeakMap<QueryClient, Map<string, WriteChannel<unknown>>>();

/**
 * The {@link WriteChannel} of `key` in `client`, created on first use and forgotten once no list
 * listens and no write is pending (a list looks it up again at each use).
 *
 * @example
 * writeChannelFor<User>(queryClient, ['users']).rope;
 */
export function writeChannelFor<T>(client: QueryClient, key: QueryKey): WriteChannel<T> {
  let byKey = channels.get(client);
  if (byKey === undefined) {
    byKey = new Map();
    channels.set(client, byKey);
  }
  const hash = hashKey(key);
  let channel = byKey.get(hash);
  if (channel === undefined) {
    const map = byKey;
    channel = new WriteChannel(() => map.delete(hash));
    map.set(hash, channel);
  }
  return channel as WriteChannel<T>;
}
