/**
 * Counters of one stream, published in every snapshot.
 *
 * @example
 * const { itemsPerSecond, bytes } = stream.getSnapshot().stats;
 */
export interface StreamStats {
  /** Bytes received, over every connection. */
  readonly bytes: number;
  /** Items accepted (after dedupe), over every connection. */
  readonly items: number;
  /** Items per second over the last second. */
  readonly itemsPerSecond: number;
  /** Bytes per second over the last second. */
  readonly bytesPerSecond: number;
  /** Lines reported as malformed (broken JSON, too long). */
  readonly malformed: number;
  /**
   * Connections tried after the first one: each retry counts, whether it opened or failed (a
   * server answering 500 five times in a row makes 5).
   */
  readonly reconnects: number;
  /** Items pushed out of the `maxItems` ring buffer. */
  readonly dropped: number;
  /** Items ignored because `resume.key` had been seen already (replayed after a reconnect). */
  readonly duplicates: number;
  /** How long the oldest item of the last published batch waited between parsing and publishing, in ms. */
  readonly lagMs: number;
}

/**
 * Stats of a stream that has not received anything.
 *
 * @example
 * const stats = stream?.getSnapshot().stats ?? EMPTY_STREAM_STATS;
 */
export const EMPTY_STREAM_STATS: StreamStats = Object.freeze({
  bytes: 0,
  items: 0,
  itemsPerSecond: 0,
  bytesPerSecond: 0,
  malformed: 0,
  reconnects: 0,
  dropped: 0,
  duplicates: 0,
  lagMs: 0,
});

interface Sample {
  readonly at: number;
  readonly bytes: number;
  readonly items: number;
}

/**
 * Per-second rates from cumulative counters sampled over a sliding window.
 *
 * @example
 * const meter = new RateMeter(1000);
 * meter.sample(0, 0, 0);
 * meter.sample(500, 1000, 10); // { bytesPerSecond: 2000, itemsPerSecond: 20 }
 */
export class RateMeter {
  readonly #windowMs: number;
  #samples: Sample[] = [];

  constructor(windowMs = 1000) {
    this.#windowMs = windowMs;
  }

  /** Records cumulative `bytes` and `items` at time `at` (ms) and returns the rates over the window. */
  sample(at: number, bytes: number, items: number): { bytesPerSecond: number; itemsPerSecond: number } {
    const samples = this.#samples;
    samples.push({ at, bytes, items });
    // Keep one sample at or before the window start as the baseline.
    while (samples.length > 2 && (samples[1] as Sample).at <= at - this.#windowMs) samples.shift();
    const first = samples[0] as Sample;
    const elapsed = at - first.at;
    if (elapsed <= 0) return { bytesPerSecond: 0, itemsPerSecond: 0 };
    return {
      bytesPerSecond: Math.round(((bytes - first.bytes) * 1000) / elapsed),
      itemsPerSecond: Math.round(((items - first.items) * 1000) / elapsed),
    };
  }

  /** Forgets every sample. */
  reset(): void {
    this.#samples = [];
  }
}
