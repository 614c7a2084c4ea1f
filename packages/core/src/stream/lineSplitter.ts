import { DEFAULT_MAX_LINE_BYTES, type StreamParser, type StreamParserOptions } from './streamParser.ts';

/**
 * What a {@link createLineSplitter} calls for each line it finds.
 *
 * @example
 * const handler: LineHandler = {
 *   line: (text, lineNumber) => rows.push({ lineNumber, cells: text.split('\t') }),
 *   tooLong: (lineNumber, max) => console.warn(`line ${lineNumber} is over ${max} bytes`),
 * };
 */
export interface LineHandler {
  /** A complete line without its terminator; `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void;
  /** A line longer than `maxLineBytes`; its text was discarded, the following lines are not. */
  tooLong(lineNumber: number, maxLineBytes: number): void;
}

const LF = 10;
const BOM = 0xfeff;

/** Characters of a byte-order mark at the start of a stream's first text (0 or 1), to skip. */
export function leadingBomLength(text: string): number {
  return text.charCodeAt(0) === BOM ? 1 : 0;
}

/**
 * Exact UTF-8 length of `text` in bytes (lone surrogates count 3, as `TextEncoder` writes U+FFFD).
 *
 * @example
 * utf8Length('é€'); // 5
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Whether `text` takes more than `maxBytes` in UTF-8. UTF-8 needs at least one byte per UTF-16
 * unit and at most three, so the exact count is only computed for lines whose length leaves the
 * answer open.
 */
export function exceeds(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8Length(text) > maxBytes;
}

/**
 * Streaming line splitter over decoded text: lines end at LF, CRLF or a lone CR (also when
 * the CR and LF arrive in different chunks), a leading BOM is dropped, empty lines are
 * reported, a final line without terminator is emitted by `end()`. A line longer than
 * `maxLineBytes` is reported through `tooLong` and skipped without buffering more than
 * `maxLineBytes` of it, and splitting continues with the next line.
 *
 * @example
 * const splitter = createLineSplitter({ line: (text, n) => console.log(n, text), tooLong: () => {} });
 * splitter.push('a\r\nb');
 * splitter.push('c\n');
 * splitter.end(); // logs 1 'a', 2 'bc'
 */
export function createLineSplitter(handler: LineHandler, options: StreamParserOptions = {}): StreamParser {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending = '';
  // Inside a line already known to be too long: its text is dropped until its terminator.
  let skipping = false;
  let lineNumber = 0;
  // The previous chunk ended with CR, so an LF at the start of the next one is part of CRLF.
  let afterCr = false;
  let started = false;

  function emit(text: string): void {
    lineNumber++;
    if (skipping || exceeds(text, maxLineBytes)) {
      skipping = false;
      handler.tooLong(lineNumber, maxLineBytes);
    } else {
      handler.line(text, lineNumber);
    }
  }

  function emitPiece(text: string, from: number, to: number): void {
    if (pending.length === 0) emit(text.slice(from, to));
    else {
      const line = pending + text.slice(from, to);
      pending = '';
      emit(line);
    }
  }

  return {
    push(text) {
      if (text.length === 0) return;
      let start = 0;
      if (!started) {
        started = true;
        start = leadingBomLength(text);
      }
      if (afterCr) {
        afterCr = false;
        if (text.charCodeAt(start) === LF) start++;
      }
      let lf = text.indexOf('\n', start);
      let cr = text.indexOf('\r', start);
      if (cr === -1) {
        // Fast path for LF-only text (almost all NDJSON).
        while (lf !== -1) {
          emitPiece(text, start, lf);
          start = lf + 1;
          lf = text.indexOf('\n', start);
        }
      } else {
        while (lf !== -1 || cr !== -1) {
          if (cr === -1 || (lf !== -1 && lf < cr)) {
            emitPiece(text, start, lf);
            start = lf + 1;
            lf = text.indexOf('\n', start);
            continue;
          }
          emitPiece(text, start, cr);
          start = cr + 1;
          if (start === text.length) afterCr = true;
          else if (text.charCodeAt(start) === LF) start++;
          cr = text.indexOf('\r', start);
          if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
        }
      }
      if (start >= text.length) return;
      if (skipping) return;
      pending = start === 0 ? pending + text : pending + text.slice(start);
      if (pending.length > maxLineBytes) {
        // Certainly too long (≥ 1 byte per unit): stop buffering it.
        pending = '';
        skipping = true;
      }
    },
    end() {
      if (pending.length > 0 || skipping) {
        const line = pending;
        pending = '';
        emit(line);
      }
    },
  };
}
