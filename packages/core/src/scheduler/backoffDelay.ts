/** Options for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 500. */
  readonly baseDelay?: number;
  /** Upper bound for any delay, in ms. Default 30_000. */
  readonly maxDelay?: number;
  /** Source of randomness in [0, 1); injectable for tests. Default Math.random. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with "full jitter" (AWS architecture blog): the delay for retry
 * `attempt` (1-based) is uniform in [cap/2, cap) with cap = min(maxDelay, baseDelay × 2^(attempt-1)).
 * Keeping half the cap avoids hammering the server with near-zero delays while still
 * de-synchronising clients.
 *
 * @example
 * backoffDelay(1, { baseDelay: 100, random: () => 0 }); // 50
 * backoffDelay(3, { baseDelay: 100, random: () => 0.5 }); // 300
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseDelay = 500, maxDelay = 30_000, random = Math.random } = options;
  const cap = Math.min(maxDelay, baseDelay * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}
