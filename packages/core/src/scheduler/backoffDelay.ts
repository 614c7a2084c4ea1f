/**
 * How failed requests are retried, the same for pages, prefetches and stream reconnects.
 *
 * @example
 * createLazyList({ key: ['users'], source, retry: { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000 } });
 */
export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Delay before the first retry; each next one doubles, with jitter. */
  baseDelayMs?: number;
  /** Upper bound for any delay. */
  maxDelayMs?: number;
  /** @deprecated Use `baseDelayMs` (kept one release). */
  baseDelay?: number;
  /** @deprecated Use `maxDelayMs` (kept one release). */
  maxDelay?: number;
}

/** Options for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 500. */
  readonly baseDelayMs?: number;
  /** Upper bound for any delay, in ms. Default 30_000. */
  readonly maxDelayMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. Default Math.random. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with "equal jitter" (AWS architecture blog; "full jitter" would wait from 0):
 * the delay for retry `attempt` (1-based) is uniform in [cap/2, cap) with
 * cap = min(maxDelayMs, baseDelayMs × 2^(attempt-1)).
 * Keeping half the cap avoids hammering the server with near-zero delays while still
 * de-synchronising clients. Pages, prefetches and stream reconnects all wait with this one.
 *
 * @example
 * backoffDelay(1, { baseDelayMs: 100, random: () => 0 }); // 50
 * backoffDelay(3, { baseDelayMs: 100, random: () => 0.5 }); // 300
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseDelayMs = 500, maxDelayMs = 30_000, random = Math.random } = options;
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}
