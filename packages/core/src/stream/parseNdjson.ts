import { createLineSplitter } from './lineSplitter.ts';
import { invalidJsonError, tooLongError } from './streamErrors.ts';
import type { StreamParser, StreamParserOptions, StreamSink } from './streamParser.ts';

/**
 * Newline-delimited JSON: one JSON value per line (LF, CRLF or a lone CR, as for every built-in
 * format; createStreamLog's line index ends lines at LF only). Empty and blank lines are
 * ignored; a line that is not JSON is reported to `sink.malformed` with its line number and
 * parsing continues with the next line.
 *
 * @example
 * const items: unknown[] = [];
 * const parser = parseNdjson({ item: (v) => items.push(v), malformed: console.warn });
 * parser.push('{"a":1}\n{"a"');
 * parser.push(':2}\n');
 * parser.end(); // items = [{ a: 1 }, { a: 2 }]
 */
export function parseNdjson<T>(sink: StreamSink<T>, options: StreamParserOptions = {}): StreamParser {
  return createLineSplitter(
    {
      line(text, lineNumber) {
        if (text.length === 0) return;
        let value: T;
        try {
          value = JSON.parse(text) as T;
        } catch (error) {
          if (text.trim().length === 0) return;
          sink.malformed(invalidJsonError(lineNumber, error, text));
          return;
        }
        sink.item(value);
      },
      tooLong(lineNumber, maxLineBytes) {
        sink.malformed(tooLongError(lineNumber, maxLineBytes));
      },
    },
    options,
  );
}
