import { describe, expect, it } from 'vitest';
import { parseJsonSeq } from './parseJsonSeq.ts';
import type { StreamParseError } from './streamErrors.ts';

const RS = '\u001e';

function parseChunks(chunks: readonly string[], maxLineBytes?: number) {
  const items: unknown[] = [];
  const errors: StreamParseError[] = [];
  const parser = parseJsonSeq(
    { item: (v) => items.push(v), malformed: (e) => errors.push(e) },
    maxLineBytes === undefined ? {} : { maxLineBytes },
  );
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { items, errors: errors.map((e) => [e.line, e.reason]) };
}

describe('parseJsonSeq (RFC 7464)', () => {
  it.each<[string, string[], unknown[]]>([
    ['records', [`${RS}{"a":1}\n${RS}[2]\n`], [{ a: 1 }, [2]]],
    ['pretty-printed records with inner newlines', [`${RS}{\n "a": 1\n}\n${RS}2\n`], [{ a: 1 }, 2]],
    ['a record over many chunks', [RS, '{"a"', ':1}', '\n'], [{ a: 1 }]],
    ['a BOM before the first separator', [`\uFEFF${RS}{"a":1}\n`], [{ a: 1 }]],
    ['a final record without LF (objects are self-delimiting)', [`${RS}{"a":1}`], [{ a: 1 }]],
    ['empty records', [`${RS}${RS}\n${RS}[1]\n`], [[1]]],
  ])('parses %s', (_name, chunks, expected) => {
    expect(parseChunks(chunks)).toEqual({ items: expected, errors: [] });
  });

  it('reports a record that is not JSON with its number and resumes at the next separator', () => {
    expect(parseChunks([`${RS}{"a":1}\n${RS}{"a":\n${RS}{"a":3}\n`])).toEqual({
      items: [{ a: 1 }, { a: 3 }],
      errors: [[2, 'invalid-json']],
    });
  });

  it('reports a top-level number without its final LF as possibly truncated', () => {
    expect(parseChunks([`${RS}12\n${RS}123`])).toEqual({ items: [12], errors: [[2, 'truncated']] });
  });

  it('reports a record over maxLineBytes and continues', () => {
    expect(parseChunks([`${RS}[1]\n${RS}"${'x'.repeat(40)}"\n${RS}[3]\n`], 20)).toEqual({
      items: [[1], [3]],
      errors: [[2, 'too-long']],
    });
  });
});
