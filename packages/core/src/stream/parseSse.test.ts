import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from './parseSse.ts';
import type { StreamParseError } from './streamErrors.ts';

function parseChunks(chunks: readonly string[]) {
  const events: [SseEvent, string | undefined][] = [];
  const errors: StreamParseError[] = [];
  const retries: number[] = [];
  const parser = parseSse<SseEvent>(
    {
      item: (v, id) => events.push([v, id]),
      malformed: (e) => errors.push(e),
      retry: (ms) => retries.push(ms),
    },
    { parseEvent: (event) => event },
  );
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events: events.map(([e]) => e), ids: events.map(([, id]) => id), errors, retries };
}

const ev = (data: string, event = 'message', id = ''): SseEvent => ({ data, event, id });

describe('parseSse (WHATWG event stream)', () => {
  it.each<[string, string, SseEvent[]]>([
    ['one event', 'data: hello\n\n', [ev('hello')]],
    ['multi-line data joined with LF', 'data: a\ndata: b\ndata:c\n\n', [ev('a\nb\nc')]],
    ['only one leading space removed', 'data:  two\n\n', [ev(' two')]],
    ['the event field', 'event: log\ndata: x\n\n', [ev('x', 'log')]],
    [
      'an id that persists to later events',
      'id: 7\ndata: a\n\ndata: b\n\n',
      [ev('a', 'message', '7'), ev('b', 'message', '7')],
    ],
    [
      'an id containing NUL is ignored',
      'id: 1\ndata: a\n\nid: 2\u0000\ndata: b\n\n',
      [ev('a', 'message', '1'), ev('b', 'message', '1')],
    ],
    ['comments', ': hello\ndata: x\n: again\n\n', [ev('x')]],
    ['a field without colon (empty value)', 'data\n\ndata\ndata\n\n', [ev(''), ev('\n')]],
    ['no data: nothing dispatched, event type reset', 'event: a\n\ndata: x\n\n', [ev('x')]],
    ['unknown fields ignored', 'foo: bar\ndata: x\n\n', [ev('x')]],
    ['CRLF and lone CR', 'data: a\r\n\r\ndata: b\r\rdata: c\n\n', [ev('a'), ev('b'), ev('c')]],
    ['a BOM', '\uFEFFdata: x\n\n', [ev('x')]],
    ['an unfinished event at the end is discarded', 'data: a\n\ndata: b\n', [ev('a')]],
  ])('handles %s', (_name, text, expected) => {
    expect(parseChunks([text]).events).toEqual(expected);
    // The same text one character per chunk.
    expect(parseChunks([...text]).events).toEqual(expected);
  });

  it('passes the id of each event to the sink for Last-Event-ID', () => {
    expect(parseChunks(['id: 1\ndata: a\n\nid: 2\ndata: b\n\n']).ids).toEqual(['1', '2']);
  });

  it('reports retry: with digits only', () => {
    expect(parseChunks(['retry: 500\nretry: 1x\nretry: -1\n\n']).retries).toEqual([500]);
  });

  it('parses data as JSON by default and reports broken JSON with the line the event started on', () => {
    const items: unknown[] = [];
    const errors: StreamParseError[] = [];
    const parser = parseSse({ item: (v) => items.push(v), malformed: (e) => errors.push(e) });
    parser.push(': comment\n\nid: 1\ndata: {"a":1}\n\nid: 2\ndata: {"a":\n\n');
    parser.end();
    expect(items).toEqual([{ a: 1 }]);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([[6, 'invalid-json']]);
  });
});
