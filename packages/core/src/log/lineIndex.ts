import { DEFAULT_MAX_LINE_BYTES } from '../stream/streamParser.ts';

/**
 * Options of {@link createLineIndex}.
 *
 * @example
 * const options: LineIndexOptions = { maxBytes: 64 * 1_048_576, maxLineBytes: 65_536 };
 */
export interface LineIndexOptions {
  /** Bytes of the body kept at most; the oldest chunks are dropped past it (their lines can no longer be read). */
  readonly maxBytes: number;
  /** A line longer than this (in bytes) is not kept: it still counts as a line, `text` returns null for it. Default 1_048_576. */
  readonly maxLineBytes?: number;
}

/**
 * An index of an NDJSON body's lines over its raw bytes: lines are found (LF) but not decoded
 * nor parsed until {@link LineIndex.text} asks for one. No DOM or Worker API: it runs in a Worker
 * and in node.
 *
 * @example
 * const index = createLineIndex({ maxBytes: 1_000_000 });
 * index.push(new TextEncoder().encode('{"a":1}\r\n\n{"a"'));
 * index.push(new TextEncoder().encode(':2}'));
 * index.end();
 * index.count; // 2
 * JSON.parse(index.text(1) ?? 'null'); // { a: 2 }
 * index.lineNumber(1); // 3
 */
export interface LineIndex {
  /** Adds the next bytes of the body. The index keeps the array (the caller must not reuse it). */
  push(bytes: Uint8Array): void;
  /** The body ended: an unfinished last line (no LF) counts from now on. */
  end(): void;
  /**
   * The connection dropped: the unfinished last line is forgotten (a reconnect sends it again,
   * whole) and what is pushed next is a new body (one byte-order mark at its start is skipped).
   */
  cut(): void;
  /** Lines indexed: complete non-blank lines (and after end() the unfinished last one if non-blank). */
  readonly count: number;
  /** The first line whose bytes are still held (0 until maxBytes dropped some). */
  readonly first: number;
  /** Bytes held now. */
  readonly heldBytes: number;
  /** Decoded text of line `line` (first ≤ line < count): its trailing CR removed; null for a line longer than maxLineBytes. Throws a RangeError naming the line and the held range otherwise. */
  text(line: number): string | null;
  /** 1-based physical line number of line `line` in the body (blank lines counted), for error messages. Same range as `text`. */
  lineNumber(line: number): number;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BOM = [0xef, 0xbb, 0xbf] as const;
const MIN_CAPACITY = 1024;

const fmt = (n: number) => n.toLocaleString('en-US');
const isBlankByte = (b: number | undefined) => b === SPACE || b === TAB || b === CR;

function concat(pieces: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function checkOptions(options: LineIndexOptions): number {
  const { maxBytes, maxLineBytes = DEFAULT_MAX_LINE_BYTES } = options;
  const problem = !(Number.isFinite(maxBytes) && maxBytes > 0)
    ? `maxBytes must be a positive finite number, got ${maxBytes}`
    : !(Number.isInteger(maxLineBytes) && maxLineBytes > 0)
      ? `maxLineBytes must be a positive integer, got ${maxLineBytes}`
      : '';
  if (problem) throw new TypeError(`lazyflow: createLineIndex ${problem}`);
  return maxLineBytes;
}

/**
 * Creates a {@link LineIndex}. Lines end at LF; a CR before the LF is not part of the line, a
 * lone CR is; blank lines (only spaces, tabs, CR) are not counted; one UTF-8 BOM at the start of
 * the body is skipped. Per line it stores a chunk id, two offsets and its physical line number in
 * typed arrays, compacted as the oldest chunks are dropped past `maxBytes`.
 *
 * @example
 * const index = createLineIndex({ maxBytes: 32 * 1_048_576 });
 * for await (const bytes of response.body) index.push(bytes);
 * index.end();
 * const newest = index.count > 0 ? index.text(index.count - 1) : null;
 */
export function createLineIndex(options: LineIndexOptions): LineIndex {
  const maxLineBytes = checkOptions(options);
  const { maxBytes } = options;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // Held chunks, each ending at an LF (or at the body's end); chunks[i] has id chunkBase + i.
  const chunks: Uint8Array[] = [];
  let chunkBase = 0;
  let storedBytes = 0;
  // Per line (slot = line - lineBase): chunk id, byte range, physical line number. A range with
  // start > end marks a line over maxLineBytes, whose bytes were not kept.
  let capacity = MIN_CAPACITY;
  let lineChunk = new Uint32Array(capacity);
  let lineStart = new Uint32Array(capacity);
  let lineEnd = new Uint32Array(capacity);
  let lineNo = new Float64Array(capacity);
  let lineBase = 0;
  let count = 0;
  let first = 0;
  let physical = 0;
  // The unfinished last line's bytes; `skipping` once it is known to be too long.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let skipping = false;
  // The body's first bytes until 3 are seen, to skip a BOM split across pushes.
  let head: Uint8Array | null = new Uint8Array(0);
  let ended = false;

  function resize(size: number): void {
    const used = count - lineBase;
    const grow = <A extends Uint32Array | Float64Array>(old: A, made: A): A => {
      made.set(old.subarray(0, used));
      return made;
    };
    lineChunk = grow(lineChunk, new Uint32Array(size));
    lineStart = grow(lineStart, new Uint32Array(size));
    lineEnd = grow(lineEnd, new Uint32Array(size));
    lineNo = grow(lineNo, new Float64Array(size));
    capacity = size;
  }

  function record(chunkId: number, start: number, end: number): void {
    const slot = count - lineBase;
    if (slot === capacity) resize(capacity * 2);
    lineChunk[slot] = chunkId;
    lineStart[slot] = start;
    lineEnd[slot] = end;
    lineNo[slot] = physical;
    count++;
  }

  /** The line chunk[start, end) (end at its LF or the body's end) of chunk `chunkId`. */
  function addLine(chunk: Uint8Array, chunkId: number, start: number, end: number): void {
    physical++;
    let last = end;
    if (last > start && chunk[last - 1] === CR) last--;
    if (last === start) return;
    if (isBlankByte(chunk[start])) {
      let i = start + 1;
      while (i < last && isBlankByte(chunk[i])) i++;
      if (i === last) return;
    }
    if (last - start > maxLineBytes) record(chunkId, 1, 0);
    else record(chunkId, start, last);
  }

  function store(chunk: Uint8Array): number {
    chunks.push(chunk);
    storedBytes += chunk.length;
    return chunkBase + chunks.length - 1;
  }

  function keepPending(tail: Uint8Array): void {
    if (skipping || tail.length === 0) return;
    pending.push(tail);
    pendingBytes += tail.length;
    // Over the limit even if a CR before its LF is stripped: stop keeping it.
    if (pendingBytes > maxLineBytes + 1) {
      pending = [];
      pendingBytes = 0;
      skipping = true;
    }
  }

  /** Ends the unfinished line with `rest`, its bytes up to its LF (or the body's end). */
  function finishPending(rest: Uint8Array): void {
    const total = pendingBytes + rest.length;
    if (skipping || total > maxLineBytes + 1) {
      physical++;
      // Its id is the next chunk's, so that it is dropped with its neighbours.
      record(chunkBase + chunks.length, 1, 0);
    } else {
      pending.push(rest);
      const joined = concat(pending, total);
      addLine(joined, store(joined), 0, total);
    }
    pending = [];
    pendingBytes = 0;
    skipping = false;
  }

  function index(bytes: Uint8Array): void {
    let lf = bytes.indexOf(LF);
    if (lf === -1) {
      keepPending(bytes);
      return;
    }
    let start = 0;
    if (skipping || pendingBytes > 0) {
      finishPending(bytes.subarray(0, lf));
      start = lf + 1;
      lf = bytes.indexOf(LF, start);
    }
    const id = chunkBase + chunks.length;
    while (lf !== -1) {
      addLine(bytes, id, start, lf);
      start = lf + 1;
      lf = bytes.indexOf(LF, start);
    }
    store(bytes.subarray(0, start));
    keepPending(bytes.subarray(start));
  }

  function dropOldest(): void {
    while (storedBytes + pendingBytes > maxBytes && chunks.length > 1) {
      storedBytes -= chunks.shift()?.length ?? 0;
      chunkBase++;
    }
    while (first < count && lineChunk[first - lineBase]! < chunkBase) first++;
    // Compact once the dropped slots are at least as many as the held ones (amortized O(1) a line).
    const dropped = first - lineBase;
    const held = count - first;
    if (dropped === 0 || dropped < held) return;
    for (const array of [lineChunk, lineStart, lineEnd, lineNo])
      array.copyWithin(0, dropped, count - lineBase);
    lineBase = first;
    if (capacity > 4 * Math.max(MIN_CAPACITY, held)) resize(2 * Math.max(MIN_CAPACITY, held));
  }

  function slotOf(line: number): number {
    if (Number.isInteger(line) && line >= first && line < count) return line - lineBase;
    const held = first < count ? `lines ${fmt(first)}–${fmt(count - 1)} are held` : 'no lines are held';
    if (Number.isInteger(line) && line >= 0 && line < first)
      throw new RangeError(`lazyflow: line ${fmt(line)} was dropped: ${held} (maxBytes ${fmt(maxBytes)})`);
    throw new RangeError(`lazyflow: line ${line} is not indexed: ${held} (count ${fmt(count)})`);
  }

  return {
    push(bytes) {
      if (ended) throw new Error('lazyflow: LineIndex.push after end()');
      if (head !== null) {
        head = head.length === 0 ? bytes : concat([head, bytes], head.length + bytes.length);
        if (head.length < BOM.length) return;
        const bom = head[0] === BOM[0] && head[1] === BOM[1] && head[2] === BOM[2];
        bytes = bom ? head.subarray(BOM.length) : head;
        head = null;
      }
      index(bytes);
      dropOldest();
    },
    end() {
      if (ended) return;
      ended = true;
      if (head !== null) index(head);
      head = null;
      if (skipping || pendingBytes > 0) finishPending(new Uint8Array(0));
      dropOldest();
    },
    cut() {
      pending = [];
      pendingBytes = 0;
      skipping = false;
      head = new Uint8Array(0);
    },
    get count() {
      return count;
    },
    get first() {
      return first;
    },
    get heldBytes() {
      return storedBytes + pendingBytes + (head?.length ?? 0);
    },
    text(line) {
      const slot = slotOf(line);
      const start = lineStart[slot]!;
      const end = lineEnd[slot]!;
      if (start > end) return null;
      return decoder.decode(chunks[lineChunk[slot]! - chunkBase]!.subarray(start, end));
    },
    lineNumber(line) {
      return lineNo[slotOf(line)]!;
    },
  };
}
