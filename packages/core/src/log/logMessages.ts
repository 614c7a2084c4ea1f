// The messages between a stream log's page side (createStreamLog.ts) and the code that fetches
// and indexes its body (logReader.ts), in a Worker (logWorker.ts) or, where none starts, on the
// page. Apart from both so that neither imports the other.

/** Page → reader. */
export type ToLog =
  | {
      readonly kind: 'open';
      readonly url: string;
      readonly headers: [string, string][];
      readonly maxBytes: number;
      readonly maxLineBytes: number | undefined;
      /** The query parameter that carries the lines received when reconnecting; null: no reconnect. */
      readonly resumeParam: string | null;
      /** Tries per connection (the first included) and the backoff between them. */
      readonly retry: {
        readonly attempts: number;
        readonly baseDelayMs: number;
        readonly maxDelayMs: number;
      };
    }
  /** Lines `[start, end)` parsed, answered by a `lines` reply with the same `id`. */
  | { readonly kind: 'read'; readonly id: number; readonly start: number; readonly end: number }
  /** Stops reading the body (the log was closed). */
  | { readonly kind: 'close' };

/** A line of a read that is not JSON (or too long): where, and what the parser said. */
export interface LogMalformed {
  /** Index of the line in the read's answer. */
  readonly at: number;
  /** 1-based physical line number in the body. */
  readonly line: number;
  readonly reason: 'invalid-json' | 'too-long';
  readonly message: string;
  readonly excerpt: string;
}

/** Reader → page. */
export type FromLog =
  /** The response arrived (2xx): lines follow. */
  | { readonly kind: 'open' }
  /** More lines were indexed: `count` lines, held from `first`, in `heldBytes` bytes. */
  | { readonly kind: 'count'; readonly count: number; readonly first: number; readonly heldBytes: number }
  /** The answer to `read` `id`: the lines it could read (from `start`), and the count then. */
  | {
      readonly kind: 'lines';
      readonly id: number;
      readonly items: unknown[];
      readonly malformed: LogMalformed[];
      readonly total: number;
      /** The read began at a line dropped for `maxBytes`: the first line held (the read's lines start there). */
      readonly dropped: { readonly first: number } | null;
    }
  /** The connection failed (`message`): reconnecting in `delayMs`, try `attempt + 1`. */
  | {
      readonly kind: 'retrying';
      readonly attempt: number;
      readonly delayMs: number;
      readonly status: number | null;
      readonly url: string;
      readonly message: string;
    }
  /** The body ended: every line is indexed. */
  | { readonly kind: 'ended' }
  /** The request failed: HTTP status (`status`), or the network (`status` null). Lines indexed before stay readable. */
  | {
      readonly kind: 'failed';
      readonly status: number | null;
      readonly url: string;
      readonly message: string;
    };
