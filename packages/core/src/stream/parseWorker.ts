// The parse Worker of createStream (issue #16 item 3, decision 0013): decodes and parses the
// body's bytes it is sent and posts the items back. Started by workerParser.ts with
// `new Worker(new URL('./parseWorker.js', import.meta.url), { type: 'module' })`, the pattern
// bundlers (Vite, webpack 5, Parcel) build as a Worker entry of its own, and which finds the
// compiled file beside workerParser.js in `dist/` unbundled. Only ever loaded as a Worker.
import { loadParser } from './builtinParsers.ts';
import type { StreamParseError } from './streamErrors.ts';
import type { StreamParser } from './streamParser.ts';
import { fetchInWorker } from './workerFetch.ts';
import type { FromWorker, ToWorker, WorkerNote } from './workerMessages.ts';

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
  let lastId: string | undefined;
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
        // After the items: the page reports it once it has them all (events without data included).
        lastId: last ? lastId : undefined,
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
    lastId = undefined;
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
      lastId = undefined;
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
            id(id: string) {
              lastId = id;
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
