import type { StreamParseError } from './streamErrors.ts';

/**
 * Where a parser delivers what it found in the text.
 *
 * @example
 * const sink: StreamSink<unknown> = {
 *   item: (value) => items.push(value),
 *   malformed: (error) => console.warn(`line ${error.line}: ${error.message}`),
 * };
 */
export interface StreamSink<T> {
  /** One parsed item; `id` is the SSE event id (`lastEventId`) when the format has ids. */
  item(value: T, id?: string): void;
  /** A line that could not be used; the stream continues unless the caller decides otherwise. */
  malformed(error: StreamParseError): void;
  /** SSE `retry:` field: the server's reconnection delay in ms. */
  retry?(ms: number): void;
  /**
   * SSE: the last event id, set by an `id` field and reported at the blank line that ends its
   * event (whether or not that event had data: WHATWG, Chromium's EventSource; after `malformed`
   * when that event's data could not be parsed); `''` resets it
   * (no `Last-Event-ID` on reconnect). Not called where no `id` field was read, so the resume
   * point of an earlier connection holds until the server sends one.
   */
  id?(id: string): void;
}

/**
 * A push parser over decoded text: feed it chunks as they arrive, then `end()` once.
 *
 * @example
 * const parser: StreamParser = parseNdjson(sink);
 * parser.push('{"a":1}\n{"a"');
 * parser.push(':2}');
 * parser.end(); // sink.item({ a: 1 }), then sink.item({ a: 2 })
 */
export interface StreamParser {
  /** Feeds the next piece of decoded text (may split lines and characters anywhere). */
  push(text: string): void;
  /** End of input: handles a final line without a newline (SSE discards it, and an unfinished event). */
  end(): void;
}

/**
 * Options every built-in parser accepts.
 *
 * @example
 * const parser = parseNdjson(sink, { maxLineBytes: 64 * 1024 } satisfies StreamParserOptions);
 */
export interface StreamParserOptions {
  /** Longest accepted line (record), in UTF-8 bytes; longer ones are reported and skipped. Default 1 MiB. */
  readonly maxLineBytes?: number;
}

/**
 * Builds a parser writing into `sink`. `parseNdjson`, `parseJsonSeq` and `parseSse` are
 * factories of this shape; pass your own as `createStream({ format })` for other formats.
 *
 * @example
 * const csvLines: StreamParserFactory<string[]> = (sink, options) =>
 *   createLineSplitter({ line: (text) => sink.item(text.split(',')), tooLong: () => {} }, options);
 */
export type StreamParserFactory<T> = (sink: StreamSink<T>, options: StreamParserOptions) => StreamParser;

/**
 * Default `maxLineBytes`: 1 MiB.
 *
 * @example
 * const stream = createStream({ url: '/api/log', maxLineBytes: 4 * DEFAULT_MAX_LINE_BYTES });
 */
export const DEFAULT_MAX_LINE_BYTES = 1_048_576;
