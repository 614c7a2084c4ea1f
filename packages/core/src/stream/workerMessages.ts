// The messages between the page and the parse Worker (parseWorker.ts), apart from both sides so
// that the Worker's modules and the page's read one definition without importing each other.
import type { StreamParseError } from './streamErrors.ts';

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
      /** The SSE last event id reported (`sink.id`) by the message's end, if any: on the `last` reply. */
      readonly lastId?: string;
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
