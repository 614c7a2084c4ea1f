import { describe, expect, it } from 'vitest';
import { createLineSplitter, utf8Length } from './lineSplitter.ts';

type Event = [number, string] | ['too long', number];

function split(chunks: readonly string[], maxLineBytes?: number): Event[] {
  const events: Event[] = [];
  const splitter = createLineSplitter(
    {
      line: (text, n) => events.push([n, text]),
      tooLong: (n) => events.push(['too long', n]),
    },
    maxLineBytes === undefined ? {} : { maxLineBytes },
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return events;
}

/** Every way of cutting `text` into two chunks, plus one character per chunk. */
function allSplits(text: string): string[][] {
  const ways = [[text], [...text]];
  for (let i = 1; i < text.length; i++) ways.push([text.slice(0, i), text.slice(i)]);
  return ways;
}

describe('createLineSplitter', () => {
  it.each<[string, string[], Event[]]>([
    [
      'LF',
      ['a\nb\n'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'CRLF',
      ['a\r\nb\r\n'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'lone CR',
      ['a\rb\r'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    [
      'mixed terminators',
      ['a\rb\nc\r\nd'],
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
        [4, 'd'],
      ],
    ],
    [
      'empty lines',
      ['\n\na\n\n'],
      [
        [1, ''],
        [2, ''],
        [3, 'a'],
        [4, ''],
      ],
    ],
    [
      'final line without newline',
      ['a\nlast'],
      [
        [1, 'a'],
        [2, 'last'],
      ],
    ],
    ['a leading BOM', ['\uFEFFa\n'], [[1, 'a']]],
    ['a BOM arriving alone', ['\uFEFF', 'a\n'], [[1, 'a']]],
    [
      'a BOM later in the text is content',
      ['a\n\uFEFFb\n'],
      [
        [1, 'a'],
        [2, '\uFEFFb'],
      ],
    ],
    [
      'CR and LF in different chunks',
      ['a\r', '\nb\n'],
      [
        [1, 'a'],
        [2, 'b'],
      ],
    ],
    ['one line over many chunks', ['{"a', '":', '1', '}', '\n'], [[1, '{"a":1}']]],
    ['empty chunks', ['', 'a', '', '\n', ''], [[1, 'a']]],
    ['nothing', [], []],
  ])('splits %s', (_name, chunks, expected) => {
    expect(split(chunks)).toEqual(expected);
  });

  it('gives the same lines however the text is cut into chunks', () => {
    const text = 'a\r\nbb\r\rccc\n\néé\r\n€x';
    const expected = split([text]);
    for (const chunks of allSplits(text)) expect(split(chunks)).toEqual(expected);
  });

  it('reports a line over maxLineBytes with its number and continues with the next line', () => {
    expect(split(['ok\n', 'x'.repeat(11), '\nnext\n'], 10)).toEqual([
      [1, 'ok'],
      ['too long', 2],
      [3, 'next'],
    ]);
  });

  it('measures maxLineBytes in UTF-8 bytes, not characters', () => {
    // 4 × 'é' = 4 characters but 8 bytes.
    expect(split(['éééé\néé\n'], 6)).toEqual([
      ['too long', 1],
      [2, 'éé'],
    ]);
  });

  it('stops buffering an oversized line that spans many chunks', () => {
    const events = split(['a'.repeat(8), 'a'.repeat(8), 'a'.repeat(8), 'tail\nb'], 10);
    expect(events).toEqual([
      ['too long', 1],
      [2, 'b'],
    ]);
  });

  it('reports an oversized final line without newline', () => {
    expect(split(['a\n', 'b'.repeat(20)], 10)).toEqual([
      [1, 'a'],
      ['too long', 2],
    ]);
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\uD800', 3],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
