// What the two stream pages report to the harness. Both call `noteReceived` with every batch
// their reader hands to the app, and `noteRendered` with the row count they committed, so
// "received" and "rendered" are measured at the same points for both.
import type { StreamEvent } from '@lazyflow/mocks';

/** Counters of the running stream page, read by the harness (`streamScenario.ts`). */
export interface StreamProgress {
  /** Items handed to the app by its stream reader. */
  received: number;
  /** `performance.now()` when the item with the highest expected `seq` arrived; null before. */
  lastReceivedAt: number | null;
  /** Items whose `seq` was not the next one expected (a gap, a repeat, a reorder). */
  outOfOrder: number;
  /** Items the list refused (lazyflow's `append` returning false): lost unless the harness sees them. */
  refused: number;
  /** Rows the list has, as of its last commit to the DOM. */
  rendered: number;
}

export const streamProgress: StreamProgress = {
  received: 0,
  lastReceivedAt: null,
  outOfOrder: 0,
  refused: 0,
  rendered: 0,
};

let expectedSeq = 0;
let lastSeq = -1;

/** Starts counting for a stream whose last event is `seq = count - 1`. */
export function resetStreamProgress(count: number): void {
  Object.assign(streamProgress, {
    received: 0,
    lastReceivedAt: null,
    outOfOrder: 0,
    refused: 0,
    rendered: 0,
  });
  expectedSeq = 0;
  lastSeq = count - 1;
}

/** Counts a batch as received, checking that the events come in order without gaps. */
export function noteReceived(batch: readonly StreamEvent[]): void {
  for (const event of batch) {
    if (event.seq !== expectedSeq) streamProgress.outOfOrder += 1;
    expectedSeq = event.seq + 1;
    if (event.seq === lastSeq) streamProgress.lastReceivedAt = performance.now();
  }
  streamProgress.received += batch.length;
}

/** Records the row count a page committed to the DOM. */
export function noteRendered(rows: number): void {
  streamProgress.rendered = rows;
}

/** What a stream page hands the harness. */
export interface StreamHandle {
  /** Opens the stream at `url` (`/api/stream?…&format=ndjson`) and starts rendering it. */
  start(url: string, count: number): void;
  /** Events the page keeps in JS memory now. */
  heldItems(): number;
}

let current: StreamHandle | null = null;

export function setStreamHandle(handle: StreamHandle | null): void {
  current = handle;
}

export function getStreamHandle(): StreamHandle | null {
  return current;
}
