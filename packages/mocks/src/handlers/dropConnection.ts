import { delay } from '../faults.ts';

/**
 * Erroring a stream discards what is still queued at every hop (page → service worker → fetch):
 * the data already sent gets this long to reach the reader before the cut.
 */
const DROP_GRACE_MS = 150;

/** When a mock connection was last cut (`performance.now()`), to recognise its echo below. */
let lastDropAt = Number.NEGATIVE_INFINITY;

/**
 * Cuts a mocked body the way a dropped network does: `sendHalf` puts half of the next line on the
 * wire, then the stream errors with `message` (the reader sees a network error mid-line).
 *
 * @example
 * await dropConnection(controller, () => enqueue(controller, half), 'mock stream dropped the connection');
 */
export async function dropConnection(
  controller: ReadableStreamDefaultController<Uint8Array>,
  sendHalf: () => Promise<void>,
  message: string,
): Promise<void> {
  await sendHalf();
  await delay(DROP_GRACE_MS, undefined, 0);
  lastDropAt = performance.now();
  controller.error(new TypeError(message));
}

/**
 * MSW in the browser (2.x, Chromium) answers each mocked body that errors with one more native
 * `TypeError: Failed to fetch` rejection that no code can catch (it comes from the body's
 * transfer to the service worker, not from the `fetch` the page awaits, whose reader did handle
 * the error). A real network drop makes no such echo (issue 16). True for that echo, within
 * 2 s of a cut made by `dropConnection`.
 *
 * @example
 * addEventListener('unhandledrejection', (e) => isDropEcho(e.reason) && e.preventDefault());
 */
export function isDropEcho(reason: unknown, now = performance.now()): boolean {
  return reason instanceof TypeError && reason.message === 'Failed to fetch' && now - lastDropAt < 2_000;
}
