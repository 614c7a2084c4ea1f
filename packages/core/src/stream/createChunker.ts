import { defaultNow, defaultTimers, type Timers } from '../env/timers.ts';
import { isAbortError } from '../errors.ts';
import { optionError } from '../options.ts';
import { Subscribable } from '../subscribable.ts';
import {
  type Chunk,
  type ChunkReason,
  type ChunkRule,
  closesAfter,
  closesBefore,
  itemBytes,
  makeChunk,
  type ResolvedChunkRule,
  resolveChunkRule,
} from './chunkRules.ts';
import { RingBuffer } from './ringBuffer.ts';

/**
 * Environment of the `ms` rule (browser defaults); shared by `chunk` and {@link createChunker}.
 *
 * @example
 * vi.useFakeTimers();
 * const chunker = createChunker({ ms: 1000, now: () => Date.now() }); // default timers follow the fakes
 */
export interface ChunkEnvironment {
  /** Closes an `ms` chunk when no further item arrives. Default: global `setTimeout`. */
  readonly timers?: Timers;
  /** Arrival clock of the `ms` rule. Default `performance.now()`. */
  readonly now?: () => number;
}

/**
 * Options of {@link createChunker}: one rule, plus where the closed chunks go.
 *
 * @example
 * const options: ChunkerOptions<LogEvent> = { count: 500, keep: 20, onChunk: (c) => upload(c.items) };
 */
export type ChunkerOptions<T> = ChunkRule<T> &
  ChunkEnvironment & {
    /** Closed chunks kept in `snapshot.chunks` (newest last); `Infinity` keeps all. Default 100. */
    readonly keep?: number;
    /** Every closed chunk, in order, before the snapshot changes (also those `keep` drops). */
    readonly onChunk?: (chunk: Chunk<T>) => void;
  };

/**
 * `done` after `end()`, `error` after `fail()`; a later `push()` makes it `open` again.
 *
 * @example
 * if (chunker.getSnapshot().status === 'error') showBanner(chunker.getSnapshot().error);
 */
export type ChunkerStatus = 'open' | 'done' | 'error';

/**
 * An immutable view of a {@link Chunker}; the same object until something changed.
 *
 * @example
 * const { chunks, closedItems, openItems } = chunker.getSnapshot();
 * const received = closedItems + openItems;
 */
export interface ChunkerSnapshot<T> {
  /** The newest `keep` closed chunks, oldest first. */
  readonly chunks: readonly Chunk<T>[];
  /** Chunks closed so far (also those no longer in `chunks`). */
  readonly closedChunks: number;
  /** Items in all closed chunks. `closedItems + openItems` is every item pushed. */
  readonly closedItems: number;
  /** Items waiting in the open chunk. */
  readonly openItems: number;
  readonly status: ChunkerStatus;
  /** What `fail()` was given; null otherwise. */
  readonly error: unknown;
}

const OWNER = 'createChunker';

/**
 * The object behind {@link createChunker}: push items in (e.g. from `createStream`'s
 * `onItems`), read closed chunks from `getSnapshot()` or `onChunk`. Methods are bound, so
 * `onItems: chunker.push` works.
 *
 * @example
 * const chunker = new Chunker<number>({ count: 2 });
 * chunker.push([1, 2, 3]);
 * chunker.end(); // chunks: [1, 2] ('count'), [3] ('end')
 */
export class Chunker<T> extends Subscribable {
  readonly #rule: ResolvedChunkRule<T>;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #onChunk: ((chunk: Chunk<T>) => void) | undefined;
  readonly #recent: RingBuffer<Chunk<T>>;
  #open: T[] = [];
  #openBytes = 0;
  #openedAt = 0;
  // Boundaries compare with the item before, also across chunk ends and `fail()`/retry.
  #previous: { value: T } | null = null;
  #timer: unknown = null;
  #closedChunks = 0;
  #closedItems = 0;
  #status: ChunkerStatus = 'open';
  #error: unknown = null;
  #snapshot: ChunkerSnapshot<T> | null = null;

  constructor(options: ChunkerOptions<T>) {
    super();
    this.#rule = resolveChunkRule(OWNER, options);
    const keep = options.keep ?? 100;
    if (keep !== Number.POSITIVE_INFINITY && !(Number.isInteger(keep) && keep >= 1))
      throw optionError(OWNER, 'keep', 'a positive integer or Infinity', keep);
    if (options.onChunk !== undefined && typeof options.onChunk !== 'function')
      throw optionError(OWNER, 'onChunk', 'a function', options.onChunk);
    this.#recent = new RingBuffer(keep);
    this.#onChunk = options.onChunk;
    this.#timers = options.timers ?? defaultTimers;
    this.#now = options.now ?? defaultNow;
  }

  /** The current snapshot; the same object until something changed. */
  readonly getSnapshot = (): ChunkerSnapshot<T> => {
    this.#snapshot ??= Object.freeze({
      chunks: Object.freeze(this.#recent.toArray()),
      closedChunks: this.#closedChunks,
      closedItems: this.#closedItems,
      openItems: this.#open.length,
      status: this.#status,
      error: this.#error,
    });
    return this.#snapshot;
  };

  /** Adds items in stream order; closes every chunk their rule completes. */
  readonly push = (items: readonly T[]): void => {
    if (items.length === 0) return;
    this.#status = 'open';
    this.#error = null;
    const rule = this.#rule;
    const now = rule.kind === 'ms' ? this.#now() : 0;
    for (const item of items) {
      const bytes = itemBytes(rule, item);
      const open = { items: this.#open, bytes: this.#openBytes, openedAt: this.#openedAt };
      const before = closesBefore(rule, open, item, this.#previous, bytes, now);
      if (before) this.#close(before, null);
      if (this.#open.length === 0) this.#opened(now);
      this.#open.push(item);
      this.#openBytes += bytes;
      this.#previous = { value: item };
      const after = closesAfter(rule, {
        items: this.#open,
        bytes: this.#openBytes,
        openedAt: this.#openedAt,
      });
      if (after) this.#close(after, null);
    }
    this.#changed();
  };

  /** Closes the open chunk now (reason `flush`), whatever its rule says. */
  readonly flush = (): void => {
    this.#close('flush', null);
    this.#changed();
  };

  /** The stream ended: the open chunk comes out as the last one (reason `end`). */
  readonly end = (): void => {
    // Idempotent, so it can be called from every stream notification after 'done'.
    if (this.#status === 'done' && this.#open.length === 0) return;
    this.#close('end', null);
    this.#status = 'done';
    this.#changed();
  };

  /**
   * The stream failed or was aborted: the items received so far come out as a partial chunk
   * (reason `error`, or `abort` for an AbortError) carrying `error`, and the snapshot shows it.
   */
  readonly fail = (error: unknown): void => {
    if (this.#status === 'error' && this.#error === error && this.#open.length === 0) return;
    this.#close(isAbortError(error) ? 'abort' : 'error', error);
    this.#status = 'error';
    this.#error = error;
    this.#changed();
  };

  /** Drops every chunk, the open items and the counters (e.g. after the stream's `restart()`). */
  readonly reset = (): void => {
    this.#cancelTimer();
    this.#open = [];
    this.#openBytes = 0;
    this.#previous = null;
    this.#recent.clear();
    this.#closedChunks = 0;
    this.#closedItems = 0;
    this.#status = 'open';
    this.#error = null;
    this.#changed();
  };

  #opened(now: number): void {
    this.#openedAt = now;
    if (this.#rule.kind !== 'ms') return;
    const ms = this.#rule.ms;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#close('ms', null);
      this.#changed();
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer === null) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #close(reason: ChunkReason, error: unknown): void {
    this.#cancelTimer();
    if (this.#open.length === 0) return;
    const chunk = makeChunk(this.#open, this.#closedChunks, this.#closedItems, reason, error);
    this.#open = [];
    this.#openBytes = 0;
    this.#closedChunks++;
    this.#closedItems += chunk.items.length;
    this.#recent.pushAll([chunk]);
    this.#snapshot = null;
    this.#onChunk?.(chunk);
  }

  #changed(): void {
    this.#snapshot = null;
    this.notify();
  }
}

/**
 * Groups items pushed in by a callback-based stream into chunks, by `count`, `bytes`, a
 * content `boundary` or time (`ms`). Feed it from `createStream({ onItems: chunker.push })`,
 * call `end()` or `fail(error)` when the stream stops so the last partial chunk comes out, and
 * render `getSnapshot().chunks` (or collect every chunk with `onChunk`).
 *
 * @example
 * const chunker = createChunker<LogEvent>({ ms: 1000, keep: 10 });
 * const stream = createStream<LogEvent>({ url: '/api/stream', onItems: chunker.push });
 * chunker.subscribe(() => drawChunks(chunker.getSnapshot().chunks));
 * stream.subscribe(() => {
 *   const { status, error } = stream.getSnapshot();
 *   if (status === 'done') chunker.end();
 *   if (status === 'error') chunker.fail(error);
 * });
 */
export function createChunker<T>(options: ChunkerOptions<T>): Chunker<T> {
  return new Chunker(options);
}
