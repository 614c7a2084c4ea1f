// The parse Worker of createStream (issue #16 item 3, decision 0013): decodes and parses the
// body's bytes it is sent and posts the items back. Started by workerParser.ts with
// `new Worker(new URL('./parseWorker.js', import.meta.url), { type: 'module' })`, the pattern
// bundlers (Vite, webpack 5, Parcel) build as a Worker entry of its own, and which finds the
// compiled file beside workerParser.js in `dist/` unbundled. Only ever loaded as a Worker.
import { loadParser } from './builtinParsers.ts';
import type { StreamParseError } from './streamErrors.ts';
import type { StreamParser } from './streamParser.ts';
import { fetchInWorker } from './workerFetch.ts';

/** A built-in format, the only kind a Worker can parse (a parser factory is a page function). */
export type WorkerFormat = 'ndjson' | 'json-seq' | 'sse';

/** Page → Worker. */
export type ToWorker =
  | { readonly kind: 'init'; readonly format: WorkerFormat; readonly maxLineBytes: number | undefined }
  /** `silent`: the page parsed these bytes itself (the Worker was starting): parse, reply nothing. */
  | { readonly kind: 'chunk'; readonly bytes: Uint8Array; readonly silent: boolean }
  | { readonly kind: 'end' }
  /**
   * A `url`-only stream's request, made here (issue #16 item 3, lead D: the body's bytes never
   * reach the page's main thread). May come before `init`; the body is parsed once the parser is loaded.
   */
  | { readonly kind: 'fetch'; readonly url: string; readonly headers: [string, string][] }
  /** The page took a fetched piece's items: the Worker may parse one more. */
  | { readonly kind: 'pull' }
  /** Aborts the fetch (the stream stopped). */
  | { readonly kind: 'abort' };

/** Something a parser reported between items: `at` = how many items of the reply came before it. */
export type WorkerNote =
  | {
      readonly at: number;
      readonly kind: 'malformed';
      readonly line: number;
      readonly reason: StreamParseError['reason'];
      readonly message: string;
      readonly excerpt: string;
    }
  | { readonly at: number; readonly kind: 'retry'; readonly ms: number };

/** Worker → page: one reply per `init` (ready or failed), per `chunk` not silent and per `end` (parsed). */
export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'parsed';
      readonly items: unknown[];
      /** SSE ids by item, when any item had one. */
      readonly ids: (string | undefined)[] | null;
      readonly notes: WorkerNote[];
      /** False while more replies for the same message follow (a large chunk is answered in pieces). */
      readonly last: boolean;
    }
  /** The fetched response's status (a status not 2xx: its body is cancelled, nothing follows). */
  | { readonly kind: 'response'; readonly status: number; readonly url: string }
  /** A fetched piece (at most 64 KiB) was parsed and its items sent: its byte count. */
  | { readonly kind: 'piece'; readonly bytes: number }
  /** The fetched body ended and all of it was parsed and sent. */
  | { readonly kind: 'ended' }
  /** The fetch failed or the connection dropped (after the items of the bytes before it). */
  | { readonly kind: 'dropped'; readonly name: string; readonly message: string };

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

/** Items per reply at most. */
const REPLY_ITEMS = 200;

/** The Worker's side: one parser per Worker (a Worker serves one connection). */
function serve(scope: WorkerScope): void {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // the parser skips one BOM
  let parser: StreamParser | null = null;
  let items: unknown[] = [];
  let ids: (string | undefined)[] | null = null;
  let notes: WorkerNote[] = [];
  const flush = () => {
    // The page reads each reply in one task (the structured clone is rebuilt there), so a large
    // chunk is answered in pieces: one reply of ~600 events was a 65–100 ms task at CPU ×4 in the
    // bench's trace (issue #16 item 3).
    for (let from = 0; ; from += REPLY_ITEMS) {
      const to = from + REPLY_ITEMS;
      const last = to >= items.length;
      scope.postMessage({
        kind: 'parsed',
        items: last && from === 0 ? items : items.slice(from, to),
        ids: ids === null ? null : ids.slice(from, to),
        notes: notes
          .filter((note) => note.at >= from && (last ? true : note.at < to))
          .map((note) => (from === 0 ? note : { ...note, at: note.at - from })),
        last,
      });
      if (last) break;
    }
    items = [];
    ids = null;
    notes = [];
  };
  // Chunks sent while the parser is still loading wait here, in order.
  let waiting: ToWorker[] | null = [];
  const handle = (data: ToWorker) => {
    if (!parser) return;
    if (data.kind === 'chunk') parser.push(decoder.decode(data.bytes, { stream: true }));
    else if (data.kind === 'end') {
      parser.push(decoder.decode());
      parser.end();
    }
    if (data.kind === 'chunk' && data.silent) {
      // The page delivered these itself: only the parser's state (lines, a half line) mattered.
      items = [];
      ids = null;
      notes = [];
    } else flush();
  };
  let parserReady: () => void = () => {};
  const loaded = new Promise<void>((resolve) => {
    parserReady = resolve;
  });
  const fetching = fetchInWorker(scope, loaded, (bytes, end) => {
    const p = parser as StreamParser;
    p.push(decoder.decode(bytes, { stream: !end }));
    if (end) p.end();
    flush();
  });
  scope.onmessage = ({ data }) => {
    if (data.kind === 'fetch' || data.kind === 'pull' || data.kind === 'abort') {
      fetching(data);
      return;
    }
    if (data.kind === 'init') {
      loadParser<unknown>(data.format).then(
        (factory) => {
          const sink = {
            item(value: unknown, id?: string) {
              if (id !== undefined) {
                ids ??= new Array<string | undefined>(items.length);
                ids[items.length] = id;
              } else if (ids) ids[items.length] = undefined;
              items.push(value);
            },
            malformed(error: StreamParseError) {
              const { line, reason, message, excerpt } = error;
              notes.push({ at: items.length, kind: 'malformed', line, reason, message, excerpt });
            },
            retry(ms: number) {
              notes.push({ at: items.length, kind: 'retry', ms });
            },
          };
          parser = factory(sink, data.maxLineBytes === undefined ? {} : { maxLineBytes: data.maxLineBytes });
          scope.postMessage({ kind: 'ready' });
          parserReady();
          const queued = waiting ?? [];
          waiting = null;
          for (const message of queued) handle(message);
        },
        (error: unknown) => scope.postMessage({ kind: 'failed', message: String(error) }),
      );
      return;
    }
    if (waiting) waiting.push(data);
    else handle(data);
  };
}

serve(globalThis as unknown as WorkerScope);
