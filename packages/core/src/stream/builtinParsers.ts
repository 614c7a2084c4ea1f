import { parseNdjson } from './parseNdjson.ts';
import type { StreamParserFactory } from './streamParser.ts';

/** The wire formats `createStream` parses itself. */
type BuiltinFormat = 'ndjson' | 'json-seq' | 'sse';

const loading = new Map<BuiltinFormat, Promise<StreamParserFactory<unknown>>>();

function importParser(format: BuiltinFormat): Promise<StreamParserFactory<unknown>> {
  if (format === 'sse')
    return import('./parseSse.ts').then((m) => m.parseSse as StreamParserFactory<unknown>);
  if (format === 'json-seq') return import('./parseJsonSeq.ts').then((m) => m.parseJsonSeq);
  // The default format comes with the reading loop's chunk (decision 0031): the page parses the
  // first chunks while the Worker starts, and a parser fetched after the request waited behind
  // the body on a busy server (1.4 s in the bench's trace).
  return Promise.resolve(parseNdjson);
}

/**
 * The parser factory of `format`: NDJSON's (the default) is in the reading loop's chunk, SSE's
 * and JSON-seq's are imported the first time a stream of that format connects: an app bundles
 * `createStream` without the parsers (issue #15 item 7: `createStream` ≤ 4 kB). A failed import
 * is not kept, so the next connection tries again.
 *
 * @example
 * const parse = await loadParser<LogEvent>('ndjson');
 */
export function loadParser<T>(
  format: BuiltinFormat | StreamParserFactory<T>,
): Promise<StreamParserFactory<T>> {
  if (typeof format === 'function') return Promise.resolve(format);
  let load = loading.get(format);
  if (load === undefined) {
    load = importParser(format);
    loading.set(format, load);
    load.catch(() => loading.delete(format));
  }
  return load as Promise<StreamParserFactory<T>>;
}
