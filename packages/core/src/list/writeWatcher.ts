import type { QueryClient, QueryKey } from '@tanstack/query-core';
import { pageOfQueryKey } from '../scheduler/pageQuery.ts';
import type { PageStore } from '../store/pageStore.ts';
import { type WriteChannel, type WriteEvent, writeChannelFor } from './writeChannel.ts';

/**
 * What a {@link WriteWatcher} reads of its list and tells it: the list's load loop itself
 * (`PageFlow`), read when used, so the list passes `this` instead of a host of closures.
 */
export interface WriteWatcherHost<T> {
  readonly queries: { readonly client: QueryClient };
  readonly o: { readonly key: QueryKey };
  readonly store: Pick<PageStore<T>, 'dispatchEach'>;
  /** Page data written into the QueryClient (`setQueryData`, a write of any list on the key). */
  written(page: number, data: unknown): void;
  /** A write moved items on the dataset. */
  moved(event: WriteEvent): void;
}

/**
 * Page data the app wrote that a list's write engine takes as the writes it stands for, a
 * microtask later (`watchPageData`, decision 0072): the lists' ears do not land it as written.
 */
export const heldAppData = new WeakSet<object>();

/**
 * One list's ears for writes while it has subscribers: `setQueryData` on its page queries (by the
 * app, or by a write of any list on the key) and the dataset's {@link WriteChannel}. Remembers
 * the channel's version when it stops, so writes made meanwhile are not lost on the list.
 *
 * @example
 * const watcher = new WriteWatcher(flow); // flow: the list's PageFlow
 * watcher.watch(); // on the first subscriber
 * watcher.stop(); // after the last
 */
export class WriteWatcher<T> {
  readonly #host: WriteWatcherHost<T>;
  #stop: (() => void) | undefined;
  /** > 0 while the list puts pages it stored itself into the QueryClient. */
  #own = 0;
  #heard: number | undefined;

  constructor(host: WriteWatcherHost<T>) {
    this.#host = host;
  }

  /** The local writes of the dataset, shared by every list on its QueryClient and key. */
  get channel(): WriteChannel<T> {
    return writeChannelFor(this.#host.queries.client, this.#host.o.key);
  }

  /** Whether the list hears writes now; a list that does not applies its own writes itself. */
  get watching(): boolean {
    return this.#stop !== undefined;
  }

  watch(): void {
    if (this.#stop !== undefined) return;
    const host = this.#host;
    const { key } = host.o;
    const unwatch = host.queries.client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual !== true) return;
      const page = pageOfQueryKey(key, event.query.queryKey);
      const data = event.query.state.data;
      if (page !== undefined && this.#own === 0 && !heldAppData.has(data)) host.written(page, data);
    });
    const channel = this.channel;
    // Writes while the list was not listening may have moved what it holds: take the pages again
    // (from the QueryClient, where the writes put them).
    if (this.#heard !== undefined && channel.version > this.#heard) {
      host.store.dispatchEach((page) =>
        page.items === undefined ? undefined : { type: 'evicted', page: page.index },
      );
    }
    const unlisten = channel.listen((event) => host.moved(event));
    this.#stop = () => {
      unwatch();
      unlisten();
    };
  }

  stop(): void {
    if (this.#stop === undefined) return;
    this.#heard = this.channel.version;
    this.#stop();
    this.#stop = undefined;
  }

  /** Runs `put` (the list storing its own pages in the QueryClient) without hearing it. */
  quietly(put: () => void): void {
    this.#own += 1;
    try {
      put();
    } finally {
      this.#own -= 1;
    }
  }
}
