import { describe, expect, it } from 'vitest';
import { parseNdjson } from './parseNdjson.ts';
import type { StreamParseError } from './streamErrors.ts';

function parseChunks(chunks: readonly (string | Uint8Array)[], maxLineBytes?: number) {
  const items: unknown[] = [];
  const errors: StreamParseError[] = [];
  const parser = parseNdjson(
    { item: (v) => items.push(v), malformed: (e) => errors.push(e) },
    maxLineBytes === undefined ? {} : { maxLineBytes },
  );
  const decoder = new TextDecoder();
  for (const chunk of chunks)
    parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  parser.push(decoder.decode());
  parser.end();
  return { items, errors };
}

describe('parseNdjson', () => {
  it.each<[string, string[], unknown[]]>([
    ['one value per line', ['{"a":1}\n[2]\n"s"\n3\n'], [{ a: 1 }, [2], 's', 3]],
    ['CRLF lines', ['{"a":1}\r\n{"a":2}\r\n'], [{ a: 1 }, { a: 2 }]],
    ['empty and blank lines', ['\n{"a":1}\n\n  \n{"a":2}\n'], [{ a: 1 }, { a: 2 }]],
    ['a final line without newline', ['{"a":1}\n{"a":2}'], [{ a: 1 }, { a: 2 }]],
    ['a BOM', ['\uFEFF{"a":1}\n'], [{ a: 1 }]],
    ['a value over many chunks', ['{"tex', 't":"he', 'llo"', '}\n'], [{ text: 'hello' }]],
  ])('parses %s', (_name, chunks, expected) => {
    const { items, errors } = parseChunks(chunks);
    expect(items).toEqual(expected);
    expect(errors).toEqual([]);
  });

  it('decodes UTF-8 characters split across byte chunks at every position', () => {
    const values = [{ m: 'héllo wörld €' }, { m: '日本語 😀' }];
    const bytes = new TextEncoder().encode(values.map((v) => JSON.stringify(v)).join('\n'));
    for (let cut = 1; cut < bytes.length; cut++) {
      const { items } = parseChunks([bytes.slice(0, cut), bytes.slice(cut)]);
      expect(items).toEqual(values);
    }
    const oneByteChunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(parseChunks(oneByteChunks).items).toEqual(values);
  });

  it('reports broken JSON with its line number and keeps parsing', () => {
    const { items, errors } = parseChunks(['{"a":1}\n{"a":\n{"a":3}\n']);
    expect(items).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(2);
    expect(errors[0]?.reason).toBe('invalid-json');
    expect(errors[0]?.message).toMatch(/^lazyflow: stream line 2 is not JSON .*: "\{\\"a\\":"$/);
  });

  it('reports a line over maxLineBytes clearly and continues with the next line', () => {
    const big = JSON.stringify({ blob: 'x'.repeat(100) });
    const { items, errors } = parseChunks([`{"a":1}\n${big}\n{"a":3}\n`], 50);
    expect(items).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors.map((e) => [e.line, e.reason, e.message])).toEqual([
      [2, 'too-long', 'lazyflow: stream line 2 is longer than maxLineBytes (50)'],
    ]);
  });
});
