import { exceeds, leadingBomLength } from './lineSplitter.ts';
import { invalidJsonError, StreamParseError, tooLongError } from './streamErrors.ts';
import {
  DEFAULT_MAX_LINE_BYTES,
  type StreamParser,
  type StreamParserOptions,
  type StreamSink,
} from './streamParser.ts';

const RS = '\u001e';

/**
 * JSON text sequences (RFC 7464, `application/json-seq`): every record starts with the record
 * separator U+001E and ends with LF. Records are numbered from 1 (reported as `line`). A record
 * that is not JSON, or a top-level number/true/false/null not followed by whitespace (possibly
 * cut short, RFC 7464 §2.4), goes to `sink.malformed`; parsing resumes at the next separator.
 *
 * @example
 * const items: unknown[] = [];
 * const parser = parseJsonSeq({ item: (v) => items.push(v), malformed: console.warn });
 * parser.push('\u001e{"a":1}\n\u001e[2]\n');
 * parser.end(); // items = [{ a: 1 }, [2]]
 */
export function parseJsonSeq<T>(sink: StreamSink<T>, options: StreamParserOptions = {}): StreamParser {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending = '';
  let skipping = false;
  // Record 0 is whatever precedes the first separator (normally nothing).
  let record = 0;
  let started = false;

  function finish(text: string): void {
    const number = record;
    if (skipping || exceeds(text, maxLineBytes)) {
      skipping = false;
      sink.malformed(tooLongError(number, maxLineBytes));
      return;
    }
    if (text.trim().length === 0) return;
    let value: T;
    try {
      value = JSON.parse(text) as T;
    } catch (error) {
      sink.malformed(invalidJsonError(number, error, text));
      return;
    }
    // RFC 7464 §2.4: such a value must be followed by whitespace (any JSON whitespace, as jq checks).
    const last = text.charCodeAt(text.length - 1);
    const ended = last === 10 || last === 32 || last === 13 || last === 9;
    if ((value === null || typeof value !== 'object') && !ended && typeof value !== 'string') {
      sink.malformed(
        new StreamParseError(number, 'truncated', 'may be truncated (no whitespace after it)', text),
      );
      return;
    }
    sink.item(value);
  }

  return {
    push(text) {
      if (text.length === 0) return;
      let start = 0;
      if (!started) {
        started = true;
        start = leadingBomLength(text);
      }
      let rs = text.indexOf(RS, start);
      while (rs !== -1) {
        const piece = text.slice(start, rs);
        const whole = pending.length === 0 ? piece : pending + piece;
        pending = '';
        finish(whole);
        record++;
        start = rs + 1;
        rs = text.indexOf(RS, start);
      }
      if (start >= text.length || skipping) return;
      pending += start === 0 ? text : text.slice(start);
      if (pending.length > maxLineBytes) {
        pending = '';
        skipping = true;
      }
    },
    end() {
      const last = pending;
      pending = '';
      if (last.length > 0 || skipping) finish(last);
    },
  };
}
