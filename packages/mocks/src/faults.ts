// Fault injection shared by every endpoint. Query parameters win; otherwise the defaults
// set from the demo's fault panel apply (the demo's handlers run in the page, so a module-level
// setting is seen by the very next request; behind `mockApiMiddleware` the defaults would be the
// whole server's, which is why the bench names its latency on each request).

/** Faults a request can ask for (`?latency=…&errorRate=…`) or inherit from the panel. */
export interface Faults {
  /** Added response delay in ms; each request gets ±25% jitter. */
  latency: number;
  /** Probability (0..1) that a request answers HTTP 500. */
  errorRate: number;
  /**
   * Probability (0..1) that a request stalls: it never answers, until the client gives up
   * (aborts it, e.g. a list's `timeoutMs`).
   */
  stallRate: number;
  /** Streams only: the connection is cut after this many items (`null`: never). */
  dropAfter: number | null;
  /** Streams only: every Nth line is broken JSON (`null`: never). */
  malformedEvery: number | null;
  /** Body trickled in chunks of at most this many bytes with a pause between them (`null`: off). */
  slow: number | null;
  /**
   * `/api/items` only: rows inserted and deleted at random positions per second while the data
   * is read (`?churn=`, decision 0012; 0: off). The same mutations for the same `churnSeed`.
   */
  churn: number;
  /** The seed of `churn`'s mutations (`?seed=`). */
  churnSeed: number;
}

/** No fault at all: what a request gets when neither it nor the panel asks for one. */
export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  latency: 0,
  errorRate: 0,
  stallRate: 0,
  dropAfter: null,
  malformedEvery: null,
  slow: null,
  churn: 0,
  churnSeed: 1,
});

let defaults: Faults = { ...NO_FAULTS };

/**
 * Sets the faults every later request inherits unless its URL overrides them.
 *
 * @example
 * setFaultDefaults({ latency: 300, errorRate: 0.1 });
 */
export function setFaultDefaults(next: Partial<Faults>): Faults {
  defaults = { ...defaults, ...next };
  return defaults;
}

/** The faults requests currently inherit. */
export function getFaultDefaults(): Faults {
  return { ...defaults };
}

/** Back to no faults. */
export function resetFaultDefaults(): void {
  defaults = { ...NO_FAULTS };
}

/**
 * Never resolves; rejects with the abort reason when `signal` aborts (a stalled server). Where the
 * mock runs in a page (MSW in the browser), each stall also fires a `lazyflow-mock:stall` event on
 * `window`, so a harness can count the stalls injected (a client may cancel one long before its
 * timeout, when it no longer needs the page).
 */
export function stall(signal: AbortSignal): Promise<never> {
  const target = globalThis as { dispatchEvent?: (event: Event) => boolean };
  target.dispatchEvent?.(new Event('lazyflow-mock:stall'));
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Waits `ms` (with ±25% jitter), or rejects early when `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal, jitter = 0.25): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  const actual = ms * (1 - jitter + Math.random() * 2 * jitter);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, actual);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
