import { type ResolvedAutoSourceOptions, withParams } from '../sources/autoSource.ts';
import { createStream, type ItemStream } from '../stream/createStream.ts';
import { parseNdjson } from '../stream/parseNdjson.ts';
import type { StreamParserFactory } from '../stream/streamParser.ts';

/**
 * The reading half of `autoSource`'s `stream` strategy: an NDJSON stream of the dataset
 * (`Accept: application/x-ndjson`, `offset` = where to continue) whose items are appended to
 * the list. A reconnect continues at the next unread line, so nothing is lost or repeated;
 * reading pauses while the list holds `streamAhead` items past the window (the server is then
 * no longer pulled), so a huge dataset is read only as far as the user scrolls.
 *
 * @example
 * const feed = new AutoStream(source.options, 100, (items) => list.append(items), onChange);
 * feed.attach();
 * feed.follow(window.end, list.getSnapshot().count);
 */
export class AutoStream<T> {
  readonly #stream: ItemStream<T>;
  readonly #onChange: () => void;
  readonly #ahead: number;
  /** Lines read (items and malformed lines): the server offset a reconnect continues at. */
  #lines = 0;
  #unsubscribe: (() => void) | undefined;

  constructor(
    o: ResolvedAutoSourceOptions<T>,
    from: number,
    append: (items: readonly T[]) => void,
    onChange: () => void,
  ) {
    this.#lines = from;
    this.#onChange = onChange;
    this.#ahead = o.streamAhead;
    const counting: StreamParserFactory<T> = (sink, options) =>
      parseNdjson<T>(
        {
          item: (value) => {
            this.#lines++;
            sink.item(value);
          },
          malformed: (error) => {
            this.#lines++;
            sink.malformed(error);
          },
        },
        options,
      );
    this.#stream = createStream<T>({
      request: ({ signal }) =>
        o.fetch(withParams(o.url, { offset: this.#lines }), {
          signal,
          headers: { Accept: 'application/x-ndjson' },
        }),
      format: counting,
      ...(o.streamResume && { resume: o.streamResume }),
      ...(o.streamRetry && { retry: o.streamRetry }),
      maxItems: 1, // the list keeps the items; the stream's own ring buffer is not read
      // Parsed items waiting for a frame count against streamAhead too, or a fast server overshoots it.
      highWaterMark: Math.max(100, Math.min(20_000, o.streamAhead)),
      onItems: append,
    });
  }

  /** `'reading' | 'paused' | 'done' | 'error'` and the error, for stats. */
  get status(): { readonly state: string; readonly error: unknown } {
    const { status, error } = this.#stream.getSnapshot();
    return { state: status, error };
  }

  /** Starts (or continues) reading. */
  attach(): void {
    // The stream publishes every frame while it reads; the list shows only its status.
    let shown = this.#stream.getSnapshot().status;
    this.#unsubscribe ??= this.#stream.subscribe(() => {
      const { status } = this.#stream.getSnapshot();
      if (status === shown) return;
      shown = status;
      this.#onChange();
    });
  }

  /** Stops reading; `attach()` continues where it stopped. */
  detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Pauses while more than `streamAhead` items are loaded past `windowEnd`, reads on otherwise. */
  follow(windowEnd: number, count: number): void {
    if (count - windowEnd > this.#ahead) this.#stream.pause();
    else this.#stream.resume();
  }

  /** After `status` 'error': reconnects where it stopped. */
  retry(): void {
    this.#stream.retry();
  }

  /** Ends reading for good. */
  close(): void {
    this.detach();
    this.#stream.close();
  }
}
