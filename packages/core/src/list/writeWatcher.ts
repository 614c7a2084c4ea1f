import type { QueryClient, QueryKey } from '@tanstack/query-core';
import { pageOfQueryKey } from '../scheduler/pageQuery.ts';
import { type WriteChannel, type WriteEvent, writeChannelFor } from './writeChannel.ts';

/** What a {@link WriteWatcher} hears on behalf of its list. */
export interface WriteWatcherHost {
  readonly client: QueryClient;
  readonly key: QueryKey;
  /** Page data written into the QueryClient (`setQueryData`, a write of any list on the key). */
  written(page: number, data: unknown): void;
  /** A write moved items on the dataset. */
  moved(event: WriteEvent): void;
  /** Writes happened while the list was not listening: what it holds may have moved. */
  missed(): void;
}

/**
 * One list's ears for writes while it has subscribers: `setQueryData` on its page queries (by the
 * app, or by a write of any list on the key) and the dataset's {@link WriteChannel}. Remembers
 * the channel's version when it stops, so writes made meanwhile are not lost on the list.
 *
 * @example
 * const watcher = new WriteWatcher({ client, key, written, moved, missed });
 * watcher.watch(); // on the first subscriber
 * watcher.stop(); // after the last
 */
export class WriteWatcher<T> {
  readonly #host: WriteWatcherHost;
  #stop: (() => void) | undefined;
  /** > 0 while the list puts pages it stored itself into the QueryClient. */
  #own = 0;
  #heard: number | undefined;

  constructor(host: WriteWatcherHost) {
    this.#host = host;
  }

  /** The local writes of the dataset, shared by every list on its QueryClient and key. */
  get channel(): WriteChannel<T> {
    return writeChannelFor(this.#host.client, this.#host.key);
  }

  /** Whether the list hears writes now; a list that does not applies its own writes itself. */
  get watching(): boolean {
    return this.#stop !== undefined;
  }

  watch(): void {
    if (this.#stop !== undefined) return;
    const host = this.#host;
    const unwatch = host.client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual !== true) return;
      const page = pageOfQueryKey(host.key, event.query.queryKey);
      if (page !== undefined && this.#own === 0) host.written(page, event.query.state.data);
    });
    const channel = this.channel;
    if (this.#heard !== undefined && channel.version > this.#heard) host.missed();
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
