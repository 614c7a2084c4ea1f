// A log of the requests a page makes and what became of them, so the demo can show (and the
// e2e specs can check) that a request was aborted rather than merely ignored. No React.

/** What became of a request: still running, answered, aborted by its signal, or failed. */
export type RequestState = 'pending' | 'done' | 'aborted' | 'failed';

/** One logged request. */
export interface LoggedRequest {
  readonly id: number;
  /** What was asked, for people: e.g. `harbor lan* · more`. */
  readonly label: string;
  /** What it belongs to (a query, a zoom level), for filtering. */
  readonly group: string;
  readonly state: RequestState;
  /** Time from start to the outcome, ms; null while pending. */
  readonly ms: number | null;
}

/** An immutable view of the log; a new object on every change. */
export interface RequestLogSnapshot {
  /** The latest requests, oldest first (at most `keep`). */
  readonly entries: readonly LoggedRequest[];
  /** Requests started since the log was created. */
  readonly started: number;
  readonly pending: number;
  readonly aborted: number;
  readonly failed: number;
}

/** What {@link createRequestLog} returns. */
export interface RequestLog {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => RequestLogSnapshot;
  /** Runs `run()` and logs it; the entry turns `aborted` the moment `signal` fires, even before `run` settles. */
  track<T>(label: string, group: string, signal: AbortSignal, run: () => Promise<T>): Promise<T>;
}

/**
 * Creates an empty request log.
 *
 * @example
 * const log = createRequestLog();
 * fetchPage: ({ signal }) => log.track('page 3', 'harbor', signal, () => fetch(url, { signal }));
 */
export function createRequestLog(options: { keep?: number; now?: () => number } = {}): RequestLog {
  const { keep = 50, now = () => performance.now() } = options;
  const listeners = new Set<() => void>();
  let nextId = 1;
  let snapshot: RequestLogSnapshot = { entries: [], started: 0, pending: 0, aborted: 0, failed: 0 };

  const running = new Set<number>();
  const publish = (next: RequestLogSnapshot) => {
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };
  const settle = (id: number, state: Exclude<RequestState, 'pending'>, ms: number) => {
    // The first outcome wins: an abort that raced the answer is not counted twice.
    if (!running.delete(id)) return;
    publish({
      entries: snapshot.entries.map((entry) => (entry.id === id ? { ...entry, state, ms } : entry)),
      started: snapshot.started,
      pending: running.size,
      aborted: snapshot.aborted + (state === 'aborted' ? 1 : 0),
      failed: snapshot.failed + (state === 'failed' ? 1 : 0),
    });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    async track(label, group, signal, run) {
      const id = nextId++;
      const t0 = now();
      const entry: LoggedRequest = { id, label, group, state: 'pending', ms: null };
      running.add(id);
      publish({
        ...snapshot,
        entries: [...snapshot.entries.slice(Math.max(0, snapshot.entries.length - keep + 1)), entry],
        started: snapshot.started + 1,
        pending: running.size,
      });
      const onAbort = () => settle(id, 'aborted', Math.round(now() - t0));
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await run();
        settle(id, signal.aborted ? 'aborted' : 'done', Math.round(now() - t0));
        return result;
      } catch (error) {
        settle(id, signal.aborted ? 'aborted' : 'failed', Math.round(now() - t0));
        throw error;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
