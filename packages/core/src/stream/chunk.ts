import { optionError } from '../options.ts';
import { type Chunk, type ChunkRule, resolveChunkRule } from './chunkRules.ts';
import { type ChunkEnvironment, type Chunker, createChunker } from './createChunker.ts';

/**
 * Options of {@link chunk}: exactly one rule, plus the clock and timers of the `ms` rule.
 *
 * @example
 * const perSecond: ChunkOptions<LogEvent> = { ms: 1000 };
 */
export type ChunkOptions<T> = ChunkRule<T> & ChunkEnvironment;

/**
 * What {@link chunk} reads from: an async iterable of items or a `ReadableStream` of items.
 *
 * @example
 * const source: ChunkSource<Row> = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(rowsOf);
 */
export type ChunkSource<T> = AsyncIterable<T> | ReadableStream<T>;

interface ItemReader<T> {
  next(): Promise<IteratorResult<T, unknown>>;
  /** Stops the source; `reading` says whether a `next()` is still unsettled. */
  cancel(reading: boolean): Promise<void>;
}

type Read<T> =
  | { readonly kind: 'item'; readonly result: IteratorResult<T, unknown> }
  | { readonly kind: 'error'; readonly error: unknown };

function isReadableStream<T>(source: unknown): source is ReadableStream<T> {
  return (
    typeof source === 'object' && source !== null && typeof Reflect.get(source, 'getReader') === 'function'
  );
}

function isAsyncIterable<T>(source: unknown): source is AsyncIterable<T> {
  return (
    typeof source === 'object' &&
    source !== null &&
    typeof Reflect.get(source, Symbol.asyncIterator) === 'function'
  );
}

function readerOf<T>(source: ChunkSource<T>): ItemReader<T> {
  // A ReadableStream is read through getReader() even where it is async-iterable: Safari has no
  // stream iteration, and reader.cancel() settles a pending read at once, whereas an iterator's
  // return() waits for it (a stalled live stream would never let the loop finish).
  if (isReadableStream<T>(source)) {
    let reader: ReadableStreamDefaultReader<T> | null = null;
    return {
      next: () => {
        reader ??= source.getReader();
        return reader.read() as Promise<IteratorResult<T, unknown>>;
      },
      cancel: async () => {
        if (reader === null) return void (await source.cancel().catch(() => {}));
        await reader.cancel().catch(() => {});
        reader.releaseLock();
      },
    };
  }
  let iterator: AsyncIterator<T> | null = null;
  return {
    next: () => {
      iterator ??= source[Symbol.asyncIterator]();
      return iterator.next();
    },
    cancel: async (reading) => {
      // An async generator queues return() behind a running next(): do not wait for it then.
      const done = Promise.resolve(iterator?.return?.()).catch(() => {});
      if (!reading) await done;
    },
  };
}

/** Called by the chunker when a chunk closes, so a waiting `next()` can hand it out. */
interface Wake {
  current: (() => void) | null;
}

async function* run<T>(
  reader: ItemReader<T>,
  chunker: Chunker<T>,
  ready: Chunk<T>[],
  wake: Wake,
): AsyncGenerator<Chunk<T>, void, undefined> {
  let pending: Promise<Read<T>> | null = null;
  let finished = false;
  let failure: { error: unknown } | null = null;
  try {
    for (;;) {
      for (let next = ready.shift(); next !== undefined; next = ready.shift()) yield next;
      if (finished) break;
      // At most one read in flight: the source is pulled only as fast as chunks are consumed.
      pending ??= reader.next().then(
        (result): Read<T> => ({ kind: 'item', result }),
        (error: unknown): Read<T> => ({ kind: 'error', error }),
      );
      // An `ms` chunk closes on its timer while the source is silent.
      const woken = new Promise<null>((resolve) => {
        wake.current = () => resolve(null);
      });
      const read = await Promise.race([pending, woken]);
      wake.current = null;
      if (read === null) continue;
      pending = null;
      if (read.kind === 'error') {
        finished = true;
        failure = { error: read.error };
        chunker.fail(read.error);
      } else if (read.result.done) {
        finished = true;
        chunker.end();
      } else chunker.push([read.result.value]);
    }
    // The partial chunk (reason 'error' or 'abort') was handed out above; now the cause itself.
    if (failure) throw failure.error;
  } finally {
    if (!finished) {
      // The consumer left the loop early: stop the source and the `ms` timer, drop the open chunk.
      chunker.reset();
      await reader.cancel(pending !== null);
    }
  }
}

/**
 * Groups the items of an async iterable or a `ReadableStream` into chunks: by `count`, by
 * `bytes` (estimated in-memory size, or your `sizeOf`), at a content `boundary` (a new chunk
 * starts at each item for which `boundary(item, previous)` is true) or by time (`ms`: the
 * items that arrived within `ms` of a chunk's first item). The last partial chunk comes out
 * when the source ends; when the source throws or is aborted, the items received so far come
 * out as a partial chunk (reason `error` or `abort`) and then the loop throws the same error.
 * Leaving the loop early cancels the source. Options are validated at the call.
 *
 * For `createStream`, which hands out items through `onItems`, use {@link createChunker}.
 *
 * @example
 * for await (const { items, reason } of chunk(events, { boundary: (e, prev) => e.day !== prev.day })) {
 *   renderDay(items); // reason: 'boundary', and 'end' for the last day
 * }
 */
export function chunk<T>(
  source: ChunkSource<T>,
  options: ChunkOptions<T>,
): AsyncGenerator<Chunk<T>, void, undefined> {
  if (!isReadableStream(source) && !isAsyncIterable(source)) {
    throw optionError(
      'chunk',
      'stream',
      'an AsyncIterable or a ReadableStream (for createStream, feed createChunker from onItems)',
      source,
    );
  }
  // Validated here too, so the message names `chunk`, not the chunker inside it.
  resolveChunkRule('chunk', options);
  const ready: Chunk<T>[] = [];
  const wake: Wake = { current: null };
  const chunker = createChunker<T>({
    ...options,
    keep: 1,
    onChunk: (closed) => {
      ready.push(closed);
      wake.current?.();
    },
  });
  return run(readerOf(source), chunker, ready, wake);
}
