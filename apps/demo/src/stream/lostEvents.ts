// What a stream lost, as the Stream page and the Home tile count it: events are numbered from 0
// without gaps, so every number below the newest one received that never arrived is missing.
// A line the server sent broken (the fault panel's "malformed every N") is one of those numbers
// too, but it did arrive: the stream reported it and skipped it, and it is counted under
// "Malformed", not here. "Lost" is what a cut connection would lose without resuming: 0.

/**
 * The counters `lostEvents` reads: events received whole, lines reported malformed, and of those
 * the ones the page slipped in itself ("Inject malformed line": extra lines, no event in them).
 */
export interface ReceivedCounts {
  readonly items: number;
  readonly malformed: number;
  readonly injected?: number;
}

/**
 * Events below the newest received that never arrived, the lines the server sent broken left
 * out (they arrived, malformed); 0 before any event.
 *
 * @example
 * lostEvents(99, { items: 98, malformed: 2 }); // 0: 100 numbers, 98 whole, 2 broken
 * lostEvents(99, { items: 90, malformed: 0 }); // 10
 * lostEvents(99, { items: 99, malformed: 1, injected: 1 }); // 1: the injected line held no event
 */
export function lostEvents(newest: number | undefined, received: ReceivedCounts): number {
  if (newest === undefined) return 0;
  const brokenByServer = Math.max(0, received.malformed - (received.injected ?? 0));
  return Math.max(0, newest + 1 - received.items - brokenByServer);
}
