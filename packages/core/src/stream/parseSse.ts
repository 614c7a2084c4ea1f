import { createLineSplitter } from './lineSplitter.ts';
import { invalidJsonError, tooLongError } from './streamErrors.ts';
import type { StreamParser, StreamParserOptions, StreamSink } from './streamParser.ts';

/**
 * One dispatched server-sent event.
 *
 * @example
 * const parseEvent = (event: SseEvent) => ({ type: event.event, id: event.id, body: JSON.parse(event.data) });
 */
export interface SseEvent {
  /** The `data:` lines joined with LF. */
  readonly data: string;
  /** The `event:` field, `'message'` when absent. */
  readonly event: string;
  /** The last event id in effect when this event was dispatched ('' when none). */
  readonly id: string;
}

/**
 * Options for {@link parseSse}.
 *
 * @example
 * const options: ParseSseOptions<string> = { parseEvent: (event) => event.data, maxLineBytes: 65_536 };
 */
export interface ParseSseOptions<T> extends StreamParserOptions {
  /**
   * Turns an event into an item; a throw is reported as malformed (at the event's first line).
   * Default: `JSON.parse(event.data)`.
   */
  readonly parseEvent?: (event: SseEvent) => T;
}

const jsonData = <T>(event: SseEvent): T => JSON.parse(event.data) as T;

/**
 * `text/event-stream` per the WHATWG HTML "event stream interpretation" rules: lines end at
 * CRLF, LF or CR; a leading BOM is dropped; `:` starts a comment; a line without a colon is a
 * field with an empty value; one space after the colon is removed; `data` lines are joined
 * with LF; `id` (unless it contains NUL) sets the last event id, which persists across
 * events; `retry` (digits only) is passed to `sink.retry`; a blank line dispatches the event
 * (nothing when there is no data); an unfinished event or line at the end of input is discarded.
 * Each event's id is passed as `sink.item`'s second argument. The resume point (`Last-Event-ID`)
 * goes to `sink.id` at each blank line that follows an `id` field: also for an event with no data
 * (no item), and `''` where an empty `id` reset it; an unfinished event's `id` is not reported.
 * An event with a line over `maxLineBytes` is reported (that line) and not dispatched.
 *
 * @example
 * const ids: string[] = [];
 * const parser = parseSse({ item: (_v, id) => ids.push(id ?? ''), malformed: console.warn });
 * parser.push('id: 7\ndata: {"n":1}\n\n');
 * parser.end(); // ids = ['7']
 */
export function parseSse<T>(sink: StreamSink<T>, options: ParseSseOptions<T> = {}): StreamParser {
  const parseEvent = options.parseEvent ?? jsonData<T>;
  let data = '';
  let hasData = false;
  let eventType = '';
  let lastEventId = '';
  // An `id` field was read since the last dispatch: the next blank line reports it (`sink.id`).
  let idRead = false;
  // The line where the event being collected started, for error messages.
  let eventLine = 0;
  // A line of the event being collected was over maxLineBytes: the event is dropped whole (its
  // other data lines alone, or its data under the previous id, would be an item the server never sent).
  let broken = false;

  function dispatch(): void {
    const type = eventType;
    eventType = '';
    const drop = broken;
    broken = false;
    const event: SseEvent | null =
      hasData && !drop ? { data, event: type || 'message', id: lastEventId } : null;
    data = '';
    hasData = false;
    let value: T | undefined;
    let parsed = false;
    if (event) {
      try {
        value = parseEvent(event);
        parsed = true;
      } catch (error) {
        sink.malformed(invalidJsonError(eventLine, error, event.data, '(event data) could not be parsed'));
      }
    }
    // The last event id is set here, for an event without data too (WHATWG, Chromium's EventSource);
    // after a malformed event's error, so a stream that stops there (onMalformed: 'error') resumes before it.
    if (idRead) sink.id?.(lastEventId);
    idRead = false;
    if (parsed) sink.item(value as T, lastEventId);
  }

  function field(name: string, value: string): void {
    switch (name) {
      case 'data':
        data = hasData ? `${data}\n${value}` : value;
        hasData = true;
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          lastEventId = value;
          idRead = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) sink.retry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored (WHATWG).
    }
  }

  const splitter = createLineSplitter(
    {
      line(text, lineNumber) {
        if (text.length === 0) {
          dispatch();
          eventLine = 0;
          return;
        }
        if (eventLine === 0) eventLine = lineNumber;
        if (text.charCodeAt(0) === 58 /* ':' */) return;
        const colon = text.indexOf(':');
        if (colon === -1) {
          field(text, '');
          return;
        }
        const from = text.charCodeAt(colon + 1) === 32 /* ' ' */ ? colon + 2 : colon + 1;
        field(text.slice(0, colon), text.slice(from));
      },
      tooLong(lineNumber, maxLineBytes) {
        broken = true;
        sink.malformed(tooLongError(lineNumber, maxLineBytes));
      },
    },
    options,
  );

  return {
    push: splitter.push,
    end() {
      // WHATWG: at the end of the stream a final line without terminator is pending data, discarded
      // (not a line: its `retry:` or its length does not count), and so is an undispatched event.
      data = '';
      hasData = false;
      eventType = '';
      broken = false;
      idRead = false;
    },
  };
}
