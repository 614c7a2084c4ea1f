import { vi } from 'vitest';

/**
 * Every test file's setup (vite.config.ts `setupFiles`): `vi.waitFor` without a `timeout` waits
 * up to {@link WAIT_BOUND_MS} instead of Vitest's 1 s. A wait is a bound to fail by, not a
 * figure: under CI's load (the node and browser projects sharing 2 cores, a lazy chunk loading
 * for the first time) a condition that holds in 50 ms on a quiet machine has been seen to take
 * over a second. A wait that passes returns as soon as its callback passes, so the bound only
 * lengthens a failing run. Under the node project's 5 s test timeout, so a failing wait still
 * reports its own last error rather than the test's timeout.
 *
 * @example
 * await vi.waitFor(() => expect(rows()).toHaveLength(20)); // up to 4 s
 * await vi.waitFor(() => expect(done).toBe(true), { timeout: 15_000 }); // a longer bound, named
 */
const WAIT_BOUND_MS = 4_000;

const waitFor = vi.waitFor;
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: WAIT_BOUND_MS, ...options },
  )) as typeof vi.waitFor;
