import { describe, expect, it } from 'vitest';
import {
  createSearchIndex,
  parseSearchQuery,
  SEARCH_TOTAL,
  type SearchIndex,
  searchDoc,
  searchIndex,
} from './searchIndex.ts';

// A small index (3·4·5·2 = 120 documents) that can be checked against brute force.
const small = createSearchIndex([
  ['red', 'blue', 'green'],
  ['cat', 'cow', 'dog', 'owl'],
  ['oak', 'elm', 'ash', 'fir', 'yew'],
  ['cold', 'cozy'],
]);

/** Ids matching `text` by reading every document: the definition the index must agree with. */
function bruteForce(index: SearchIndex, text: string): number[] {
  const { terms, prefix } = parseSearchQuery(text);
  const out: number[] = [];
  for (let id = 0; id < index.total; id++) {
    const words = index.wordsOf(id);
    if (!terms.every((term) => words.includes(term))) continue;
    if (prefix !== null && !words.some((word) => word.startsWith(prefix))) continue;
    out.push(id);
  }
  return out;
}

/** Every id of a query, walked page by page forward from the start. */
function walk(index: SearchIndex, text: string, limit: number): number[][] {
  const matcher = index.match(parseSearchQuery(text));
  const pages: number[][] = [];
  let from = 0;
  for (;;) {
    const page = index.page(matcher, from, limit, 'forward');
    if (page.length === 0) return pages;
    pages.push(page);
    from = (page.at(-1) ?? 0) + 1;
  }
}

const QUERIES = [
  '',
  'cat ',
  'c',
  'co',
  'cozy ',
  'red oak ',
  'red oak c',
  'blue c',
  'cat dog ',
  'owl o',
  'zebra ',
  'x',
  'green owl yew cold ',
];

describe('parseSearchQuery', () => {
  it.each([
    ['Harbor lan', ['harbor'], 'lan', 'harbor lan*'],
    ['harbor ', ['harbor'], null, 'harbor'],
    ['  Café, RÉSUMÉ', ['cafe'], 'resume', 'cafe resume*'],
    ['', [], null, ''],
    ['a-b.', ['a', 'b'], null, 'a b'],
  ])('splits %j into terms and the word being typed', (text, terms, prefix, key) => {
    expect(parseSearchQuery(text)).toEqual({ terms, prefix, key });
  });
});

describe('createSearchIndex on a brute-forceable collection', () => {
  it('has one document per combination of slot words', () => {
    expect(small.total).toBe(120);
    const seen = new Set(Array.from({ length: small.total }, (_, id) => small.wordsOf(id).join(' ')));
    expect(seen.size).toBe(120);
  });

  it.each(QUERIES)('counts %j exactly as many documents as enumeration finds', (text) => {
    const expected = bruteForce(small, text);
    expect(small.match(parseSearchQuery(text)).count).toBe(expected.length);
    expect(walk(small, text, 7).flat()).toEqual(expected);
  });

  it.each(QUERIES)('pages of %j are ascending, disjoint and leave no match out', (text) => {
    const pages = walk(small, text, 4);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(ids.length);
    for (let k = 1; k < ids.length; k++) expect(ids[k]).toBeGreaterThan(ids[k - 1] ?? -1);
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(4);
  });

  it.each(QUERIES)('walks %j backward from any boundary to the same ids', (text) => {
    const matcher = small.match(parseSearchQuery(text));
    const expected = bruteForce(small, text);
    for (const boundary of [0, 1, 37, 64, 119, 120]) {
      const before = expected.filter((id) => id < boundary);
      expect(small.page(matcher, boundary, 5, 'backward')).toEqual(before.slice(-5));
      expect(small.page(matcher, boundary, 5, 'forward')).toEqual(
        expected.filter((id) => id >= boundary).slice(0, 5),
      );
    }
  });

  it('rejects a vocabulary that repeats a word across slots', () => {
    expect(() => createSearchIndex([['a', 'b'], ['b']])).toThrow('"b" is in two slots');
  });
});

describe('the 10,000,000-document collection', () => {
  it('has ten million documents, counted without a scan', () => {
    expect(SEARCH_TOTAL).toBe(10_000_000);
    expect(searchIndex.match(parseSearchQuery('')).count).toBe(10_000_000);
    expect(searchIndex.match(parseSearchQuery('harbor ')).count).toBe(400_000);
    expect(searchIndex.match(parseSearchQuery('amber harbor lantern ')).count).toBe(1_000);
    expect(searchIndex.match(parseSearchQuery('harbor meadow ')).count).toBe(0); // same slot
    expect(searchIndex.match(parseSearchQuery('nosuchword ')).count).toBe(0);
  });

  it('enumerates a narrow query completely, matching its count', () => {
    const text = 'amber harbor lantern history ';
    const ids = walk(searchIndex, text, 10).flat();
    expect(ids).toHaveLength(searchIndex.match(parseSearchQuery(text)).count);
    expect(ids).toHaveLength(25);
    for (const id of ids)
      expect(searchDoc(id).words.slice(0, 4)).toEqual(['amber', 'harbor', 'lantern', 'history']);
  });

  it('finds every match between two results of a broad prefix query (no gaps), deep in the collection', () => {
    const matcher = searchIndex.match(parseSearchQuery('grace m'));
    // "grace" is a word of the most significant slot: its documents are one block of 400,000 ids.
    const block = searchIndex.page(searchIndex.match(parseSearchQuery('grace ')), 0, 1, 'forward')[0] ?? 0;
    const from = block + 234_567;
    const ids = searchIndex.page(matcher, from, 20, 'forward');
    expect(ids).toHaveLength(20);
    const matches = (id: number) => {
      const words = searchIndex.wordsOf(id);
      return words.includes('grace') && words.some((word) => word.startsWith('m'));
    };
    let expected = from;
    for (const id of ids) {
      while (!matches(expected)) expected += 1;
      expect(id).toBe(expected);
      expected += 1;
    }
  });

  it('builds documents whose searchable words are exactly their five slot words', () => {
    const vocabulary = new Set(searchIndex.slots.flat());
    // Forty neighbours cover every title and snippet template.
    for (const id of [...Array.from({ length: 40 }, (_, k) => 1_000 + k), 0, 9_999_999]) {
      const doc = searchDoc(id);
      expect(doc).toEqual(searchDoc(id));
      const shown = `${doc.title} ${doc.snippet}`.toLowerCase().match(/[a-z]+/g) ?? [];
      const indexed = shown.filter((word) => vocabulary.has(word));
      expect(new Set(indexed)).toEqual(new Set(doc.words));
    }
  });

  it('gives neighbouring documents different titles', () => {
    const titles = new Set(Array.from({ length: 100 }, (_, id) => searchDoc(5_000_000 + id).title));
    expect(titles.size).toBe(100);
  });
});
