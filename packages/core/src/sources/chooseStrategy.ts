// The pure half of `autoSource`: from what the probe response said, pick how to load.

/** How a list loads its data. `autoSource` picks one of the first four; `range` is `rangeSource`'s. */
export type LoadStrategy = 'eager' | 'offset' | 'cursor' | 'stream' | 'range';

/** What one probe response told about the dataset. */
export interface ProbeFacts {
  /** `array`: a bare JSON array (the whole dataset); `offset`: `{ items, total }`; `cursor`: `{ items, nextCursor }`; `unknown`: `{ items }` only. */
  readonly shape: 'array' | 'offset' | 'cursor' | 'unknown';
  /** Items in the probe response. */
  readonly items: number;
  /** Bytes of the probe response body. */
  readonly bytes: number;
  /** Items in the whole dataset, when the server said. */
  readonly total: number | undefined;
  /** Bytes of the whole dataset, when the server said (`X-Total-Bytes`). */
  readonly totalBytes: number | undefined;
}

/** The thresholds `autoSource` decides with, in bytes. */
export interface StrategyThresholds {
  readonly eagerBelowBytes: number;
  readonly streamAboveBytes: number;
}

/** A decision and why, as shown in `snapshot.stats.strategy` / `strategyReason`. */
export interface StrategyChoice {
  readonly strategy: 'eager' | 'offset' | 'cursor' | 'stream';
  readonly reason: string;
  /** Estimated bytes of the whole dataset, when known. */
  readonly bytes: number | undefined;
}

/**
 * Bytes in decimal units, as a network panel shows them.
 *
 * @example
 * formatBytes(412_300); // '412 kB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1;
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Picks eager, offset, cursor or stream. The dataset's bytes come from `X-Total-Bytes`, else
 * from `total` × the probe's bytes per item. Below `eagerBelowBytes` everything is loaded in
 * one request (when the server gave a total to ask for); above `streamAboveBytes`, or when the
 * size is unknown and the server offers no cursor (an open-ended feed), items are streamed; in
 * between, or small without a total, the server's paging is used.
 *
 * @example
 * chooseStrategy({ shape: 'offset', items: 100, bytes: 20_000, total: 2_000, totalBytes: undefined },
 *   { eagerBelowBytes: 1_000_000, streamAboveBytes: 100_000_000 }).strategy; // 'eager'
 */
export function chooseStrategy(facts: ProbeFacts, thresholds: StrategyThresholds): StrategyChoice {
  const { shape, items, bytes: probeBytes, total, totalBytes } = facts;
  const eager = formatBytes(thresholds.eagerBelowBytes);
  const stream = formatBytes(thresholds.streamAboveBytes);
  if (shape === 'array') {
    return {
      strategy: 'eager',
      reason: `the server sent the whole dataset in one response (${count(items)} items, ${formatBytes(probeBytes)})`,
      bytes: probeBytes,
    };
  }
  const perItem = items > 0 ? probeBytes / items : undefined;
  const bytes =
    totalBytes ??
    (total !== undefined && perItem !== undefined ? total * perItem : total === 0 ? 0 : undefined);
  if (bytes === undefined) {
    return shape === 'cursor'
      ? { strategy: 'cursor', reason: 'size unknown; the server pages by cursor', bytes }
      : {
          strategy: 'stream',
          reason: 'size unknown and no cursor (open-ended): streamed as it comes',
          bytes,
        };
  }
  const size =
    totalBytes !== undefined
      ? `${formatBytes(bytes)} (X-Total-Bytes)`
      : `≈ ${formatBytes(bytes)} (${count(total ?? 0)} items × ${Math.round(perItem ?? 0)} B)`;
  const small = bytes < thresholds.eagerBelowBytes;
  // The eager request asks for `limit=total`: without a total (a cursor or `{ items }` answer
  // sized by X-Total-Bytes) it would bring the probe's page only, so a small dataset is paged.
  if (small && total !== undefined) {
    return { strategy: 'eager', reason: `${size} is below the ${eager} eager threshold`, bytes };
  }
  if (bytes > thresholds.streamAboveBytes) {
    return { strategy: 'stream', reason: `${size} is above the ${stream} stream threshold`, bytes };
  }
  const paging = shape === 'cursor' ? 'cursor' : 'offset';
  return {
    strategy: paging,
    reason: `${size} is ${small ? `below the ${eager} eager threshold, with no total to ask for at once` : `between the ${eager} eager and ${stream} stream thresholds`}; the server pages by ${paging}`,
    bytes,
  };
}
