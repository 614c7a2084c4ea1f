import type { StreamParseError } from './streamErrors.ts';
import type { StreamStats } from './streamStats.ts';

/**
 * Where a stream is. `paused` only while connected or connecting; `done` and `error` are final until `restart()`/`retry()`.
 *
 * @example
 * if (stream.getSnapshot().status === 'reconnecting') showSpinner();
 */
export type StreamStatus = 'connecting' | 'open' | 'paused' | 'reconnecting' | 'done' | 'error';

/**
 * An immutable view of a stream; the same object is returned until something changed.
 *
 * @example
 * const { items, status, stats } = stream.getSnapshot();
 */
export interface StreamSnapshot<T> {
  /** The newest `maxItems` items, oldest first (newest last). Same array until items arrive. */
  readonly items: readonly T[];
  readonly status: StreamStatus;
  /** Why `status` is 'error' (a {@link StreamHttpError}, a network error, a {@link StreamParseError}); else null. */
  readonly error: unknown;
  readonly stats: StreamStats;
  /** The id a reconnect resumes from (`StreamResume.lastId`). */
  readonly lastId: string | number | undefined;
  /** The most recent malformed line (with its line number), also when it was skipped. */
  readonly lastMalformed: StreamParseError | null;
}
