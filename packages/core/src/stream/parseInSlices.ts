import type { StreamParser } from './streamParser.ts';
import { yieldToMain } from './yieldToMain.ts';

// A parse slice lasts as long as the browser's turn took after the previous one (frames, other
// tasks), within these bounds: parsing gets about half the main thread while there is a backlog,
// so costly frames do not starve reading, and no slice becomes a long task (issue 16).
const MIN_SLICE_MS = 8;
const MAX_SLICE_MS = 40;
// Decoded text is parsed in pieces of at most this many characters, so one large read is sliced too.
const PIECE_CHARS = 32_768;
// Bytes are decoded in pieces of at most this many: a network chunk of 0.5–1 MB took 37–65 ms at
// CPU ×4 to decode in one call (issue #16 item 3). A piece decodes to at most as many characters.
const PIECE_BYTES = PIECE_CHARS;

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
async function parseInSlices(parser: StreamParser, text: string, slice: ParseSlice): Promise<boolean> {
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

/**
 * Decodes `bytes` with `decoder` (stream mode: a UTF-8 sequence split between pieces or chunks is
 * kept whole) and parses the text with {@link parseInSlices}, a piece of at most 32 KiB at a time,
 * so neither a large chunk's decoding nor its parsing becomes one long task. Resolves false when
 * `slice.live()` turned false during a yield (the rest of `bytes` is dropped).
 *
 * @example
 * if (!(await decodeInSlices(parser, decoder, chunk, slice))) return;
 */
export async function decodeInSlices(
  parser: StreamParser,
  decoder: TextDecoder,
  bytes: Uint8Array,
  slice: ParseSlice,
): Promise<boolean> {
  for (let at = 0; at < bytes.byteLength; at += PIECE_BYTES) {
    const piece = at === 0 && bytes.byteLength <= PIECE_BYTES ? bytes : bytes.subarray(at, at + PIECE_BYTES);
    if (!(await parseInSlices(parser, decoder.decode(piece, { stream: true }), slice))) return false;
  }
  return true;
}
