// Stream ingest, measured the same way for lazyflow and the hand-written baseline: the harness
// starts the page's stream, watches long tasks, and polls once per frame until the list has every
// event and the last one is on screen with its data. Received/rendered counts come from
// `streamProbe.ts`, where both pages report at the same points.
import { isLoadedAndVisible, visibleRows } from '../shared/dom.ts';
import { apiUrl } from '../shared/fetchItems.ts';
import { ScenarioFailure, sleep, waitFor, watchLongTasks } from '../shared/frames.ts';
import { getStreamHandle, streamProgress } from './streamProbe.ts';
import { warmFonts } from './warmFonts.ts';

export interface StreamRequest {
  kind: 'stream';
  /** Events in the stream (`/api/stream?count=`). */
  count: number;
  /** Events per second the mock server writes; 0 = as fast as the reader pulls. */
  rate: number;
  capMs: number;
}

export interface StreamResult {
  kind: 'stream';
  count: number;
  rate: number;
  /** ms from opening the stream until the app's code had the last event; null if it never did. */
  receivedMs: number | null;
  /** ms from opening the stream until the list had every event and showed the last one; null when capped. */
  renderedMs: number | null;
  capped: boolean;
  received: number;
  /** Rows the list has at the end. */
  rendered: number;
  /** Events sent but not in the list at the end: `count − rendered` when positive. */
  lost: number;
  /** Events that reached the app out of order, and rows on screen not showing their own event. */
  outOfOrder: number;
  wrongRows: number;
  refused: number;
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  /** Events the page keeps in JS at the end. */
  heldItems: number;
  domElements: number;
}

/** Opens the page's stream and measures it until the last event is on screen (or the cap). */
export async function streamIngest(request: StreamRequest): Promise<StreamResult> {
  const ready = await waitFor(() => getStreamHandle() !== null, 15_000);
  const handle = getStreamHandle();
  if (ready === null || handle === null) throw new ScenarioFailure('the stream page registered no handle');
  const { count, rate, capMs } = request;
  warmFonts(); // outside the window, the same for both pages
  await sleep(50);
  const stopLongTasks = watchLongTasks();
  const start = performance.now();
  performance.mark('bench:window-start'); // the traced window of profile.mjs
  handle.start(apiUrl('stream', { count, rate, format: 'ndjson' }), count);
  const ms = await waitFor(() => streamProgress.rendered >= count && isLoadedAndVisible(count - 1), capMs);
  const tasks = stopLongTasks();
  performance.mark('bench:window-end');
  // Each row on screen must show its own event: row i is event i.
  const wrongRows = visibleRows().filter(
    (row) => row.loaded && Number(row.el.dataset.seq) !== row.index,
  ).length;
  const { received, rendered, outOfOrder, refused, lastReceivedAt } = streamProgress;
  // Let the last renders settle, then collect garbage (Chromium runs with --js-flags=--expose-gc).
  await sleep(500);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return {
    kind: 'stream',
    count,
    rate,
    receivedMs: lastReceivedAt === null ? null : lastReceivedAt - start,
    renderedMs: ms,
    capped: ms === null,
    received,
    rendered,
    lost: Math.max(0, count - rendered),
    outOfOrder,
    wrongRows,
    refused,
    longTasks: tasks.count,
    longTaskMs: tasks.totalMs,
    longestTaskMs: tasks.longestMs,
    heldItems: handle.heldItems(),
    domElements: document.getElementsByTagName('*').length,
  };
}
