import type { StreamParser } from './streamParser.ts';
import { yieldToMain } from './yieldToMain.ts';

// A parse slice lasts as long as the browser's turn took after the previous one (frames, other
// tasks), within these bounds: parsing gets about half the main thread while there is a backlog,
// so costly frames do not starve reading, and no slice becomes a long task (issue 16).
const MIN_SLICE_MS = 8;
const MAX_SLICE_MS = 40;
// Decoded text is parsed in pieces of at most this many characters, so one large read is sliced too.
const PIECE_CHARS = 32_768;

/** End of the next piece of `text` from `at`, never between the two halves of a surrogate pair. */
function pieceEnd(text: string, at: number): number {
  let end = Math.min(text.length, at + PIECE_CHARS);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return end;
}

/** Where {@link parseInSlices} keeps time and asks whether to go on. */
export interface ParseSlice {
  /** `now()` when the current task's parsing began; moved forward after each yield. */
  start: number;
  /** How long the browser's turn took during the last yield, in ms (0 before one). */
  otherMs: number;
  readonly now: () => number;
  /** Called before yielding (e.g. to schedule a frame for what was parsed). */
  readonly beforeYield: () => void;
  /** After a yield: false stops parsing (the connection was stopped meanwhile). */
  readonly live: () => boolean;
}

/**
 * Feeds `text` to `parser` in pieces and yields to the browser whenever this task has parsed for
 * as long as the browser's last turn took (8–40 ms), so a backlog of chunks (a body read faster than it is parsed queues its chunks,
 * and `for await` drains queued chunks in one task: issue 16) never becomes one long task.
 * Resolves false when `slice.live()` turned false during a yield (the rest of `text` is dropped).
 *
 * @example
 * const slice = { start: now(), otherMs: 0, now, beforeYield: schedule, live: () => generation === current };
 * if (!(await parseInSlices(parser, decoder.decode(chunk, { stream: true }), slice))) return;
 */
export async function parseInSlices(parser: StreamParser, text: string, slice: ParseSlice): Promise<boolean> {
  for (let at = 0; at < text.length; ) {
    const end = pieceEnd(text, at);
    parser.push(at === 0 && end === text.length ? text : text.slice(at, end));
    at = end;
    const yieldedAt = slice.now();
    if (yieldedAt - slice.start < Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, slice.otherMs))) continue;
    slice.beforeYield();
    await yieldToMain();
    if (!slice.live()) return false;
    slice.start = slice.now();
    slice.otherMs = slice.start - yieldedAt;
  }
  return true;
}
