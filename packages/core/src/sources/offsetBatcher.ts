import type { FetchPriority } from './fetchPriority.ts';
import type { OffsetPage } from './source.ts';

/** What one request of a batcher returns: the items of `[offset, offset + limit)` and maybe the total. */
export type FetchRange<T> = (range: {
  readonly offset: number;
  readonly limit: number;
  readonly signal: AbortSignal;
  /** The priority of the page that started the request (the others join it). */
  readonly priority: FetchPriority;
}) => Promise<OffsetPage<T>>;

interface Member {
  readonly page: number;
  readonly resolve: (page: OffsetPage<unknown>) => void;
  readonly reject: (error: unknown) => void;
  /** The request it waits for: another one when the first answered short of its page. */
  batch: Batch<unknown>;
}

interface Batch<T> {
  /** First storage page covered, and how many (fewer once a capped answer fell short). */
  readonly first: number;
  count: number;
  readonly controller: AbortController;
  /** Callers waiting for a page of this batch. */
  readonly waiting: Set<Member>;
  /** Pages of the batch not handed out yet. */
  readonly pending: Set<number>;
  response?: OffsetPage<T>;
}

/**
 * Settled requests kept for pages the list has not asked for yet: bounded, because they are
 * outside the list's memory budget (16 × the 64 kB default target ≈ 1 MB).
 */
const KEEP_SETTLED = 16;

/**
 * Serves fixed-size storage pages of `unit` items from requests that each cover several of
 * them (`pagesPerRequest()` of them, so the request size can follow the bytes per item).
 * Page p always holds items `[p × unit, (p + 1) × unit)`, whatever the request size was when
 * it was fetched: a changed request size moves no boundary, and random access stays exact.
 *
 * A request starts at the asked page and extends forward, then backward, over pages that are
 * neither loaded (`isLoaded`) nor covered by another running or kept request, so nothing
 * loaded is fetched again. Pages asked while their request runs join it; pages of a settled
 * request not asked yet are kept for the next ask (the last {@link KEEP_SETTLED} requests). A request is aborted only
 * when every caller waiting for it aborted. A server that caps `limit` (fewer items than asked
 * while `total` says more) has the pages it did not reach asked again, and no later request asks
 * for more than it answered.
 *
 * @example
 * const batcher = new OffsetBatcher(10, () => 8, ({ offset, limit, signal }) => api.items(offset, limit, signal));
 * await batcher.load(3, signal); // one request for items [30, 110), returns items [30, 40)
 * await batcher.load(4, signal); // no request: items [40, 50) of the same response
 */
export class OffsetBatcher<T> {
  readonly #unit: number;
  readonly #pagesPerRequest: () => number;
  readonly #fetchRange: FetchRange<T>;
  #batches: Batch<T>[] = [];
  /** Pages the server answers at most per request, once it answered short (it caps `limit`). */
  #cap = Number.POSITIVE_INFINITY;

  constructor(unit: number, pagesPerRequest: () => number, fetchRange: FetchRange<T>) {
    this.#unit = unit;
    this.#pagesPerRequest = pagesPerRequest;
    this.#fetchRange = fetchRange;
  }

  /** Storage page `page`, from a running or settled request covering it, or from a new one. */
  load(
    page: number,
    signal: AbortSignal,
    isLoaded: (page: number) => boolean = () => false,
    priority: FetchPriority = 'high',
  ) {
    signal.throwIfAborted();
    const batch = this.#covering(page) ?? this.#start(page, isLoaded, priority);
    if (batch.response !== undefined) return Promise.resolve(this.#take(batch, page));
    return new Promise<OffsetPage<T>>((resolve, reject) => {
      const member: Member = {
        page,
        resolve: resolve as (page: OffsetPage<unknown>) => void,
        reject,
        batch,
      };
      batch.waiting.add(member);
      signal.addEventListener(
        'abort',
        () => {
          const current = member.batch as Batch<T>;
          if (!current.waiting.delete(member)) return;
          reject(signal.reason);
          if (current.waiting.size === 0 && current.response === undefined) {
            current.controller.abort(signal.reason);
            this.#drop(current);
          }
        },
        { once: true },
      );
    });
  }

  /** Forgets kept responses and aborts running requests (after `refresh()`/`invalidate()`). */
  reset(): void {
    for (const batch of this.#batches) batch.controller.abort();
    this.#batches = [];
  }

  #covering(page: number): Batch<T> | undefined {
    return this.#batches.find((batch) => batch.pending.has(page));
  }

  #start(page: number, isLoaded: (page: number) => boolean, priority: FetchPriority): Batch<T> {
    // A page handed out a moment ago may not have reached the list yet (isLoaded still false):
    // any page of a kept request counts as taken.
    const free = (p: number) =>
      p >= 0 && !isLoaded(p) && !this.#batches.some((b) => p >= b.first && p < b.first + b.count);
    const wanted = Math.max(1, Math.min(this.#pagesPerRequest(), this.#cap));
    let first = page;
    let end = page + 1;
    while (end - first < wanted && free(end)) end++;
    while (end - first < wanted && free(first - 1)) first--;
    const batch: Batch<T> = {
      first,
      count: end - first,
      controller: new AbortController(),
      waiting: new Set(),
      pending: new Set(Array.from({ length: end - first }, (_, i) => first + i)),
    };
    this.#batches.push(batch);
    const unit = this.#unit;
    const offset = first * unit;
    const limit = batch.count * unit;
    this.#fetchRange({ offset, limit, signal: batch.controller.signal, priority }).then(
      (response) => {
        if (!this.#batches.includes(batch)) return; // reset or abandoned meanwhile
        const { items } = response;
        // A short response ends the dataset: every page of this request learns where.
        const total = response.total ?? (items.length < limit ? offset + items.length : undefined);
        // Unless `total` says more: the server caps `limit`. The pages it did not reach are asked
        // again (no request asks for more than it answers from now on), never handed out empty.
        // An answer short of one page (a server that stops at a deep offset) is handed out as it is.
        if (
          total !== undefined &&
          unit <= items.length &&
          items.length < limit &&
          offset + items.length < total
        ) {
          this.#cap = Math.floor(items.length / unit);
          batch.count = Math.min(batch.count, this.#cap);
          for (const p of batch.pending) if (p >= first + batch.count) batch.pending.delete(p);
        }
        batch.response = { items, total, version: response.version };
        const waiting = [...batch.waiting];
        batch.waiting.clear();
        for (const member of waiting) {
          if (member.page < first + batch.count) {
            member.resolve(this.#take(batch, member.page));
            continue;
          }
          const next = this.#covering(member.page) ?? this.#start(member.page, isLoaded, priority);
          if (next.response !== undefined) member.resolve(this.#take(next, member.page));
          else {
            member.batch = next;
            next.waiting.add(member);
          }
        }
        const settled = this.#batches.filter((b) => b.response !== undefined);
        for (const old of settled.slice(0, Math.max(0, settled.length - KEEP_SETTLED))) this.#drop(old);
      },
      (error: unknown) => {
        if (!this.#batches.includes(batch)) return;
        this.#drop(batch); // errors are not kept: the next ask tries again
        for (const member of batch.waiting) member.reject(error);
      },
    );
    return batch;
  }

  /** Hands out `page` from a settled batch. */
  #take(batch: Batch<T>, page: number): OffsetPage<T> {
    const response = batch.response as OffsetPage<T>;
    batch.pending.delete(page);
    const from = (page - batch.first) * this.#unit;
    const { total, version } = response;
    const slice = { items: response.items.slice(from, from + this.#unit), total, version };
    // Every page went out: let go of the items, keep the range (see `free` in #start).
    if (batch.pending.size === 0) batch.response = { items: [], total, version };
    return slice;
  }

  #drop(batch: Batch<T>): void {
    this.#batches = this.#batches.filter((b) => b !== batch);
  }
}
