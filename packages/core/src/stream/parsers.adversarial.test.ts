// Adversarial checks of the text parsers against small reference implementations written from the
// specs (WHATWG "event stream interpretation", NDJSON, RFC 7464), on random texts built from the
// characters that matter (CR, LF, colon, space, BOM, NUL, RS, 4-byte characters) cut into random
// chunks, plus the corner cases the existing tests do not name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './lineSplitter.ts';
import { parseJsonSeq } from './parseJsonSeq.ts';
import { parseNdjson } from './parseNdjson.ts';
import { parseSse, type SseEvent } from './parseSse.ts';
import type { StreamParserFactory } from './streamParser.ts';

const BOM = '\uFEFF';

/** Lines per the specs: CRLF, LF or CR ends a line; one leading BOM dropped; a final unterminated line kept. */
function referenceLines(text: string): string[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\r') {
      lines.push(line);
      line = '';
      if (body[i + 1] === '\n') i++;
    } else if (c === '\n') {
      lines.push(line);
      line = '';
    } else line += c;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * The WHATWG event stream interpretation: a final line without terminator is pending data, discarded
 * at the end of the stream, and so is the unfinished event.
 */
function referenceSse(text: string) {
  const lines = referenceLines(text);
  if (!/[\r\n]$/.test(text)) lines.pop();
  const events: { event: SseEvent; id: string }[] = [];
  const retries: number[] = [];
  let data = '';
  let type = '';
  let idBuffer = '';
  for (const line of lines) {
    if (line === '') {
      if (data === '') {
        type = '';
        continue;
      }
      const value = data.endsWith('\n') ? data.slice(0, -1) : data;
      events.push({ event: { data: value, event: type || 'message', id: idBuffer }, id: idBuffer });
      data = '';
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    let name = line;
    let value = '';
    if (colon !== -1) {
      name = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
    }
    if (name === 'data') data += `${value}\n`;
    else if (name === 'event') type = value;
    else if (name === 'id' && !value.includes('\0')) idBuffer = value;
    else if (name === 'retry' && /^[0-9]+$/.test(value)) retries.push(Number(value));
  }
  return { events, retries };
}

function runSse(chunks: readonly string[]) {
  const events: { event: SseEvent; id: string | undefined }[] = [];
  const retries: number[] = [];
  let malformed = 0;
  const parser = parseSse<SseEvent>(
    {
      item: (event, id) => events.push({ event, id }),
      malformed: () => malformed++,
      retry: (ms) => retries.push(ms),
    },
    { parseEvent: (event) => event },
  );
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, retries, malformed };
}

/** `text` cut at the (sorted, deduplicated) positions. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const sseToken = fc.constantFrom(
  'data',
  'data:',
  'data: ',
  'id',
  'id:',
  'id: ',
  'event:',
  'retry:',
  'retry: ',
  ':',
  ' ',
  '\r',
  '\n',
  '\r\n',
  BOM,
  '\0',
  '1',
  '42',
  'x',
  '😀',
  'é',
  'Data:',
);
const sseText = fc.array(sseToken, { maxLength: 40 }).map((t) => t.join(''));
const positions = fc.array(fc.nat(), { maxLength: 6 });

describe('parseSse against the WHATWG algorithm', () => {
  it('random texts cut into random chunks: the same events, ids and retries', () => {
    fc.assert(
      fc.property(sseText, positions, (text, at) => {
        const expected = referenceSse(text);
        const got = runSse(cut(text, at));
        expect(got.events).toEqual(expected.events);
        expect(got.retries).toEqual(expected.retries);
        expect(got.malformed).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });

  it.each<[string, string, string[]]>([
    ['retry: with Arabic-Indic digits is ignored', 'retry: \u0661\u0662\ndata: a\n\n', ['a']],
    ['a field name is case-sensitive (Data: is unknown)', 'Data: a\n\ndata: b\n\n', ['b']],
    ['a comment between data lines keeps the event', 'data: a\n: c\ndata: b\n\n', ['a\nb']],
    ['a colon-only line is a comment, not a blank line', 'data: a\n:\ndata: b\n\n', ['a\nb']],
    ['a line of spaces is a field, not a blank line', 'data: a\n  \ndata: b\n\n', ['a\nb']],
    [
      'CR CR ends the event (two lines), CR LF CR too',
      'data: a\r\rdata: b\r\n\rdata: c\n\n',
      ['a', 'b', 'c'],
    ],
  ])('%s', (_name, text, datas) => {
    for (const chunks of [[text], [...text], cut(text, [3, 9, 11])]) {
      expect(runSse(chunks).events.map((e) => e.event.data)).toEqual(datas);
    }
  });

  it('retry: with two spaces is not digits; a huge one is passed as a number', () => {
    expect(runSse(['retry:  10\nretry:99999999999\n\n']).retries).toEqual([99999999999]);
  });

  it('an id set in an event that never ends is not the id of the events before it', () => {
    const { events } = runSse(['id: 1\ndata: a\n\nid: 2\ndata: b\n']);
    expect(events.map((e) => e.id)).toEqual(['1']);
  });

  it('an event with a line over maxLineBytes is reported and dropped whole, not delivered in part', () => {
    const events: string[] = [];
    const errors: [number, string][] = [];
    const parser = parseSse<string>(
      { item: (data) => events.push(data), malformed: (e) => errors.push([e.line, e.reason]) },
      { parseEvent: (event) => event.data, maxLineBytes: 16 },
    );
    parser.push(
      `data: a\ndata: ${'x'.repeat(20)}\n\ndata: b\n\nid: ${'9'.repeat(20)}\ndata: c\n\ndata: d\n\n`,
    );
    parser.end();
    expect(events).toEqual(['b', 'd']);
    expect(errors).toEqual([
      [2, 'too-long'],
      [6, 'too-long'],
    ]);
  });

  it('a final line without terminator is not a line (WHATWG: discarded at the end): no retry, no malformed', () => {
    for (const chunks of [['data: a\n\nretry: 5'], ['data: a\n\nre', 'try: 5']]) {
      const { events, retries, malformed } = runSse(chunks);
      expect(events.map((e) => e.event.data)).toEqual(['a']);
      expect(retries).toEqual([]);
      expect(malformed).toBe(0);
    }
    const errors: number[] = [];
    const parser = parseSse<string>(
      { item: () => {}, malformed: (e) => errors.push(e.line) },
      { parseEvent: (event) => event.data, maxLineBytes: 16 },
    );
    parser.push(`data: a\n\ndata: ${'x'.repeat(20)}`);
    parser.end();
    expect(errors).toEqual([]); // the body ended inside that line: there is no line over the limit
  });

  it('an id with NUL split across chunks at the NUL is still ignored', () => {
    const { events } = runSse(['id: 1\ndata: a\n\nid: 2', '\0', '3\ndata: b\n\n']);
    expect(events.map((e) => e.id)).toEqual(['1', '1']);
  });
});

describe('createLineSplitter against the reference', () => {
  const lineToken = fc.constantFrom('\r', '\n', '\r\n', BOM, 'a', '😀', ' ', '{}');
  const lineText = fc.array(lineToken, { maxLength: 40 }).map((t) => t.join(''));
  it('random texts cut into random chunks: the same lines, numbered from 1', () => {
    fc.assert(
      fc.property(lineText, positions, (text, at) => {
        const lines: [number, string][] = [];
        const splitter = createLineSplitter({ line: (t, n) => lines.push([n, t]), tooLong: () => {} });
        for (const chunk of cut(text, at)) splitter.push(chunk);
        splitter.end();
        expect(lines).toEqual(referenceLines(text).map((l, i) => [i + 1, l]));
      }),
      { numRuns: 3000 },
    );
  });
});

function runParser(parser: StreamParserFactory<unknown>, chunks: readonly string[], maxLineBytes?: number) {
  const items: unknown[] = [];
  const errors: { line: number; reason: string }[] = [];
  const p = parser(
    { item: (v) => items.push(v), malformed: (e) => errors.push({ line: e.line, reason: e.reason }) },
    maxLineBytes === undefined ? {} : { maxLineBytes },
  );
  for (const chunk of chunks) p.push(chunk);
  p.end();
  return { items, errors };
}

describe('parseNdjson and parseJsonSeq: one result however the text is cut', () => {
  const ndToken = fc.constantFrom('{"a":1}', '[2]', '"s😀"', '3', '{', '\r', '\n', '\r\n', ' ', BOM, 'x');
  const seqToken = fc.constantFrom('\u001e', '{"a":1}', '[2]', '"s😀"', '3', '{', '\n', '\r\n', ' ', BOM);
  it.each([
    ['ndjson', parseNdjson, ndToken],
    ['json-seq', parseJsonSeq, seqToken],
  ] as const)('%s', (_name, parser, token) => {
    const text = fc.array(token, { maxLength: 30 }).map((t) => t.join(''));
    fc.assert(
      fc.property(text, positions, (t, at) => {
        expect(runParser(parser, cut(t, at))).toEqual(runParser(parser, [t]));
      }),
      { numRuns: 2000 },
    );
  });

  it('JSON-seq (RFC 7464 §2.4): a top-level number followed by any whitespace is whole; without any, truncated', () => {
    const RS = '\u001e';
    const { items, errors } = runParser(parseJsonSeq, [
      `${RS}1 ${RS}2\t${RS}true\r\n${RS}3\n ${RS}null${RS}4`,
    ]);
    expect(items).toEqual([1, 2, true, 3]);
    expect(errors).toEqual([
      { line: 5, reason: 'truncated' },
      { line: 6, reason: 'truncated' },
    ]);
  });

  it('NDJSON: malformed lines are numbered by CR, LF and CRLF line ends alike', () => {
    const { items, errors } = runParser(parseNdjson, ['1\rnope\r\n2\nbad\r3']);
    expect(items).toEqual([1, 2, 3]);
    expect(errors).toEqual([
      { line: 2, reason: 'invalid-json' },
      { line: 4, reason: 'invalid-json' },
    ]);
  });

  it('NDJSON: a line of exactly maxLineBytes (4-byte characters) is kept, one byte more is not', () => {
    const line = '"😀😀"'; // 10 bytes
    expect(runParser(parseNdjson, [`${line}\n`], 10).items).toEqual(['😀😀']);
    expect(runParser(parseNdjson, [`${line} \n`], 10).errors).toEqual([{ line: 1, reason: 'too-long' }]);
  });
});
