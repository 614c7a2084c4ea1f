import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineIndex, type LineIndex, type LineIndexOptions } from './lineIndex.ts';

const encoder = new TextEncoder();
const BOM = '\uFEFF';

/** The expected lines of `body`: split on LF, one trailing CR stripped, blank ones dropped. */
function reference(body: string): { texts: string[]; lineNumbers: number[] } {
  const texts: string[] = [];
  const lineNumbers: number[] = [];
  const lines = (body.startsWith(BOM) ? body.slice(1) : body).split('\n');
  lines.forEach((raw, i) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^[ \t\r]*$/.test(text)) return;
    texts.push(text);
    lineNumbers.push(i + 1);
  });
  return { texts, lineNumbers };
}

function indexOf(chunks: readonly Uint8Array[], options: LineIndexOptions = { maxBytes: 1e9 }): LineIndex {
  const index = createLineIndex(options);
  for (const chunk of chunks) index.push(chunk);
  index.end();
  return index;
}

function textsOf(index: LineIndex): (string | null)[] {
  const texts: (string | null)[] = [];
  for (let line = index.first; line < index.count; line++) texts.push(index.text(line));
  return texts;
}

function bytesOneByOne(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (b) => Uint8Array.of(b));
}

const MIXED =
  '{"m":"🚀 launch"}\r\n\n{"m":"ветер"}\n   \n\t\r\n{"m":"東京","cr":"a\rb"}\r\n\r\n  {"m":"indented"}\n{"m":"last 🚀"}';
const MIXED_TEXTS = [
  '{"m":"🚀 launch"}',
  '{"m":"ветер"}',
  '{"m":"東京","cr":"a\rb"}',
  '  {"m":"indented"}',
  '{"m":"last 🚀"}',
];

describe('createLineIndex', () => {
  it('indexes CRLF, multi-byte UTF-8 and blank lines, whole and byte by byte', () => {
    const bytes = encoder.encode(MIXED);
    for (const chunks of [[bytes], bytesOneByOne(bytes)]) {
      const index = indexOf(chunks);
      expect(index.count).toBe(5);
      expect(textsOf(index)).toEqual(MIXED_TEXTS);
      expect([0, 1, 2, 3, 4].map((line) => index.lineNumber(line))).toEqual([1, 3, 6, 8, 9]);
      expect(index.heldBytes).toBe(bytes.length);
    }
    expect(reference(MIXED).texts).toEqual(MIXED_TEXTS);
  });

  it('gives the same lines split in two at every position', () => {
    const bytes = encoder.encode(MIXED);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const index = indexOf([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(textsOf(index), `cut at ${cut}`).toEqual(MIXED_TEXTS);
    }
  });

  it('counts a final line without LF only after end()', () => {
    const index = createLineIndex({ maxBytes: 1000 });
    index.push(encoder.encode('{"a":1}\n{"a":2}'));
    expect(index.count).toBe(1);
    expect(() => index.text(1)).toThrow(RangeError);
    index.end();
    expect(index.count).toBe(2);
    expect(index.text(1)).toBe('{"a":2}');
    expect(index.lineNumber(1)).toBe(2);
    expect(() => index.push(encoder.encode('x'))).toThrow(/after end/);
  });

  it('cut() forgets the unfinished line, also one too long or split in its BOM, and takes a new body', () => {
    const index = createLineIndex({ maxBytes: 1000, maxLineBytes: 10 });
    index.push(encoder.encode('{"a":1}\n{"a":'));
    index.cut(); // the connection dropped mid-line: the next one sends line 2 again, whole
    index.push(encoder.encode(`${BOM}{"a":2}\n{"a":3}\n`));
    expect(textsOf(index)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    index.push(encoder.encode('{"long":"way too long'));
    index.cut();
    index.push(Uint8Array.of(0xef)); // a new body's BOM, split
    index.push(Uint8Array.of(0xbb, 0xbf, ...encoder.encode('{"a":4}\n')));
    index.end();
    expect(textsOf(index)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}', '{"a":4}']);
  });

  it('does not count a blank unfinished last line', () => {
    const index = indexOf([encoder.encode('{"a":1}\n \t\r')]);
    expect(index.count).toBe(1);
    expect(index.text(0)).toBe('{"a":1}');
  });

  it('skips one BOM, also split byte by byte, and keeps a second one in the first line', () => {
    const one = encoder.encode(`${BOM}{"a":1}\n`);
    expect(one.slice(0, 3)).toEqual(Uint8Array.of(0xef, 0xbb, 0xbf));
    for (const chunks of [[one], bytesOneByOne(one)]) expect(textsOf(indexOf(chunks))).toEqual(['{"a":1}']);
    const two = encoder.encode(`${BOM}${BOM}{"a":1}\n{"a":2}\n`);
    for (const chunks of [[two], bytesOneByOne(two)])
      expect(textsOf(indexOf(chunks))).toEqual([`${BOM}{"a":1}`, '{"a":2}']);
    // A partial BOM is content; so is a BOM that is not at the very start.
    expect(textsOf(indexOf([Uint8Array.of(0xef, 0xbb)]))).toEqual(['\uFFFD']);
    expect(textsOf(indexOf([encoder.encode(`\n${BOM}x\n`)]))).toEqual([`${BOM}x`]);
  });

  it('drops the oldest chunks past maxBytes and says which lines are held', () => {
    const index = createLineIndex({ maxBytes: 40 });
    const lineOf = (i: number) => `{"i":${String(i).padStart(4, '0')}}`; // 12 bytes + LF
    for (let i = 0; i < 2000; i++) index.push(encoder.encode(`${lineOf(i)}\n`));
    index.end();
    expect(index.count).toBe(2000);
    expect(index.heldBytes).toBeLessThanOrEqual(40);
    expect(index.first).toBe(1997);
    expect(textsOf(index)).toEqual([lineOf(1997), lineOf(1998), lineOf(1999)]);
    expect(index.lineNumber(1999)).toBe(2000);
    expect(() => index.text(12)).toThrow(
      new RangeError('lazyflow: line 12 was dropped: lines 1,997–1,999 are held (maxBytes 40)'),
    );
    expect(() => index.lineNumber(0)).toThrow(/line 0 was dropped/);
    expect(() => index.text(2000)).toThrow(/line 2000 is not indexed: lines 1,997–1,999 are held/);
    expect(() => index.text(1.5)).toThrow(RangeError);
  });

  it('never drops the newest chunk, even when it alone is over maxBytes', () => {
    const index = createLineIndex({ maxBytes: 4 });
    index.push(encoder.encode('{"a":1}\n{"a":2}\n'));
    expect(index.first).toBe(0);
    expect(textsOf(index)).toEqual(['{"a":1}', '{"a":2}']);
    index.push(encoder.encode('{"a":3}\n'));
    expect(index.first).toBe(2);
    expect(textsOf(index)).toEqual(['{"a":3}']);
    // A newest chunk of blank lines only: every line is dropped.
    index.push(encoder.encode('\n \n\n\n'));
    expect(index.first).toBe(3);
    expect(index.count).toBe(3);
    expect(() => index.text(2)).toThrow('lazyflow: line 2 was dropped: no lines are held (maxBytes 4)');
  });

  it('stays right over 100,000 lines with compaction of its arrays', () => {
    const index = createLineIndex({ maxBytes: 50_000 });
    const lineOf = (i: number) => `{"i":${i},"s":"ж${'x'.repeat(i % 7)}"}`;
    let batch = '';
    for (let i = 0; i < 100_000; i++) {
      batch += i % 3 === 0 ? `${lineOf(i)}\r\n\n` : `${lineOf(i)}\n`;
      if (i % 97 === 96) {
        index.push(encoder.encode(batch));
        batch = '';
        const held = index.first;
        expect(index.text(held)).toBe(lineOf(held));
      }
    }
    index.push(encoder.encode(batch));
    index.end();
    expect(index.count).toBe(100_000);
    expect(index.first).toBeGreaterThan(98_000);
    expect(index.heldBytes).toBeLessThanOrEqual(50_000);
    const held = textsOf(index);
    expect(held).toEqual(Array.from(held, (_, k) => lineOf(index.first + k)));
    // Physical numbers count the blank line after every third line.
    const last = 99_999;
    expect(index.lineNumber(last)).toBe(last + 1 + Math.ceil(last / 3));
  });

  it('keeps reading right after most of many held lines are dropped at once', () => {
    const index = createLineIndex({ maxBytes: 25_000 });
    index.push(encoder.encode('1\n'.repeat(10_000)));
    expect(index.count).toBe(10_000);
    const big = `{"s":"${'y'.repeat(24_000)}"}`;
    index.push(encoder.encode(`${big}\n${'2\n'.repeat(1500)}`));
    expect(index.first).toBe(10_000);
    expect(index.count).toBe(11_501);
    expect(textsOf(index)).toEqual([big, ...Array<string>(1500).fill('2')]);
    index.push(encoder.encode('3\n'.repeat(3000)));
    expect(index.first).toBe(11_501);
    expect(textsOf(index)).toEqual(Array<string>(3000).fill('3'));
    expect(index.lineNumber(14_500)).toBe(14_501);
  });

  it('counts a line over maxLineBytes without keeping it, whole or over many pushes', () => {
    const long = `{"blob":"${'x'.repeat(100)}"}`;
    const body = `{"a":1}\n${long}\r\n{"a":3}\n${long}`;
    const bytes = encoder.encode(body);
    for (const chunks of [[bytes], bytesOneByOne(bytes)]) {
      const index = indexOf(chunks, { maxBytes: 1e6, maxLineBytes: 50 });
      expect(index.count).toBe(4);
      expect(textsOf(index)).toEqual(['{"a":1}', null, '{"a":3}', null]);
      expect([0, 1, 2, 3].map((line) => index.lineNumber(line))).toEqual([1, 2, 3, 4]);
    }
    // Pushed in pieces, the long lines' bytes are not kept: only the short lines and LFs are held.
    expect(indexOf(bytesOneByOne(bytes), { maxBytes: 1e6, maxLineBytes: 50 }).heldBytes).toBe(17);
  });

  it('keeps a line of exactly maxLineBytes, also with its CR and split before the LF', () => {
    const bytes = encoder.encode('ééé\r\nabcdefg\r\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const index = indexOf([bytes.slice(0, cut), bytes.slice(cut)], { maxBytes: 100, maxLineBytes: 6 });
      expect(textsOf(index), `cut at ${cut}`).toEqual(['ééé', null]);
    }
  });

  it('matches a simple reference for random lines split into random chunks', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom('', ' ', '\t', '\r', ' \r', '"', '{', '}', 'ж', '東京', '🚀', BOM),
    );
    const line = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('').replaceAll('\n', ''));
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (bom, lines, separator, finalSeparator, cutSeeds) => {
          const body = (bom ? BOM : '') + lines.join(separator) + (finalSeparator ? separator : '');
          const bytes = encoder.encode(body);
          const cuts = [...new Set(cutSeeds.map((seed) => seed % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...cuts].map((from, k) => bytes.slice(from, [...cuts, bytes.length][k]));
          const index = indexOf(chunks);
          const expected = reference(body);
          expect(index.count).toBe(expected.texts.length);
          expect(textsOf(index)).toEqual(expected.texts);
          expect(expected.texts.map((_, i) => index.lineNumber(i))).toEqual(expected.lineNumbers);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each<[string, LineIndexOptions, RegExp]>([
    ['maxBytes 0', { maxBytes: 0 }, /maxBytes must be a positive finite number/],
    ['maxBytes Infinity', { maxBytes: Number.POSITIVE_INFINITY }, /maxBytes/],
    ['maxBytes NaN', { maxBytes: Number.NaN }, /maxBytes/],
    ['maxLineBytes 0', { maxBytes: 10, maxLineBytes: 0 }, /maxLineBytes must be a positive integer/],
    ['maxLineBytes 1.5', { maxBytes: 10, maxLineBytes: 1.5 }, /maxLineBytes/],
  ])('rejects %s', (_name, options, message) => {
    expect(() => createLineIndex(options)).toThrow(TypeError);
    expect(() => createLineIndex(options)).toThrow(message);
  });
});
