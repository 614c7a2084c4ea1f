import type { StreamParserFactory } from './streamParser.ts';

/** The wire formats `createStream` parses itself. */
type BuiltinFormat = 'ndjson' | 'json-seq' | 'sse';

const loading = new Map<BuiltinFormat, Promise<StreamParserFactory<unknown>>>();

function importParser(format: BuiltinFormat): Promise<StreamParserFactory<unknown>> {
  if (format === 'sse')
    return import('./parseSse.ts').then((m) => m.parseSse as StreamParserFactory<unknown>);
  if (format === 'json-seq') return import('./parseJsonSeq.ts').then((m) => m.parseJsonSeq);
  return import('./parseNdjson.ts').then((m) => m.parseNdjson);
}

/**
 * The parser factory of `format`: a built-in format's is imported the first time a stream of
 * that format connects:
 * an app bundles `createStream` without the parsers and loads only the one it uses (issue #15
 * item 7: `createStream` ≤ 4 kB). A failed import is not kept, so the next connection tries again.
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
