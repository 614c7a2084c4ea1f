import type { CursorFetchParams } from '../sources/cursorSource.ts';
import type { OffsetFetchParams } from '../sources/offsetSource.ts';
import { type Deferred, deferred } from './modelHarness.ts';

/** One request the model has not answered yet. */
export interface PendingFetch {
  readonly id: number;
  /** Offset lists: the page; cursor lists: the cursor and direction. */
  readonly key: string;
  readonly page: number | undefined;
  readonly signal: AbortSignal;
  readonly respond: () => void;
  readonly fail: (error: unknown) => void;
}

/**
 * A server for model tests whose items are their own positions (`0 … size − 1`): every request
 * is a deferred promise the model resolves, rejects or aborts, and every request honours its
 * AbortSignal (rejects with its reason, as fetch() does).
 *
 * @example
 * const server = new FakeServer(1_000);
 * const source = offsetSource({ pageSize: 10, fetchPage: server.offset('always') });
 * server.pending[0]?.respond();
 */
export class FakeServer {
  /** Items in the dataset; `append` grows it. */
  size: number;
  readonly pending: PendingFetch[] = [];
  readonly all: PendingFetch[] = [];
  #next = 0;

  constructor(size: number) {
    this.size = size;
  }

  #track<V>(key: string, page: number | undefined, signal: AbortSignal, body: () => V): Promise<V> {
    const call: Deferred<V> = deferred<V>();
    const entry: PendingFetch = {
      id: ++this.#next,
      key,
      page,
      signal,
      // The body is read when the response is sent: it sees items appended meanwhile, like a server.
      respond: () => this.#settle(entry, () => call.resolve(body())),
      fail: (error) => this.#settle(entry, () => call.reject(error)),
    };
    this.pending.push(entry);
    this.all.push(entry);
    // A fetch honours its signal: it rejects with the signal's reason, as fetch() does.
    signal.addEventListener('abort', () => entry.fail(signal.reason), { once: true });
    return call.promise;
  }

  #settle(entry: PendingFetch, settle: () => void): void {
    const at = this.pending.indexOf(entry);
    if (at === -1) return;
    this.pending.splice(at, 1);
    settle();
  }

  offset = (total: 'always' | 'never') => (params: OffsetFetchParams) =>
    this.#track(`page ${params.page}`, params.page, params.signal, () => {
      const end = Math.min(this.size, params.offset + params.limit);
      const items = range(params.offset, end);
      return total === 'always' ? { items, total: this.size } : { items };
    });

  cursor = (params: CursorFetchParams) => {
    const cursor = Number(params.cursor ?? 0);
    return this.#track(`${params.direction} ${cursor}`, undefined, params.signal, () => {
      if (params.direction === 'forward') {
        const end = Math.min(this.size, cursor + params.limit);
        return {
          items: range(cursor, end),
          nextCursor: end < this.size ? end : null,
          prevCursor: cursor > 0 ? cursor : null,
        };
      }
      const start = Math.max(0, cursor - params.limit);
      return {
        items: range(start, cursor),
        prevCursor: start > 0 ? start : null,
        nextCursor: cursor < this.size ? cursor : null,
      };
    });
  };
}

/** `[from, to)` as an array. */
export function range(from: number, to: number): number[] {
  const items: number[] = [];
  for (let i = from; i < to; i++) items.push(i);
  return items;
}
