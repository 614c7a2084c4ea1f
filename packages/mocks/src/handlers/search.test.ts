// `/api/search` through MSW's Node interceptor: totals, cursor paging both ways, validation.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery, searchIndex } from '../datasets/searchIndex.ts';
import { type SearchResultsPage, searchHandler } from './search.ts';

const server = setupServer(searchHandler);
const get = (path: string) => fetch(`http://lazyflow.test${path}`);
const page = async (path: string) => (await (await get(path)).json()) as SearchResultsPage;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('GET /api/search', () => {
  it('answers the first page with the total and a next cursor only', async () => {
    const body = await page('/api/search?q=harbor%20lan&limit=5');
    expect(body.query).toBe('harbor lan*');
    expect(body.total).toBe(searchIndex.match(parseSearchQuery('harbor lan')).count);
    expect(body.total).toBe(16_000); // harbor (1/25) × lantern or ladder (2/25)
    expect(body.items).toHaveLength(5);
    for (const doc of body.items) {
      expect(doc.words).toContain('harbor');
      expect(doc.words.some((word) => word.startsWith('lan'))).toBe(true);
    }
    expect(body.prevCursor).toBeNull();
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it('walks forward then back by cursors over disjoint, ascending pages', async () => {
    const first = await page('/api/search?q=quiet%20fjord%20m&limit=4');
    const second = await page(`/api/search?q=quiet%20fjord%20m&limit=4&cursor=${first.nextCursor}`);
    const ids = [...first.items, ...second.items].map((doc) => doc.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(8);
    const back = await page(
      `/api/search?q=quiet%20fjord%20m&limit=4&direction=backward&cursor=${second.prevCursor}`,
    );
    expect(back.items).toEqual(first.items);
    expect(back.prevCursor).toBeNull();
  });

  it('ends with a null next cursor and answers no match with an empty page', async () => {
    const narrow = await page('/api/search?q=amber%20harbor%20lantern%20history%20&limit=200');
    expect(narrow.total).toBe(25);
    expect(narrow.items).toHaveLength(25);
    expect(narrow.nextCursor).toBeNull();
    const none = await page('/api/search?q=xylophone');
    expect(none).toMatchObject({ items: [], total: 0, nextCursor: null, prevCursor: null });
  });

  it.each([
    [`q=${'a'.repeat(201)}`, '"q" must be at most 200 characters'],
    ['q=harbor&limit=0', '"limit" must be an integer from 1 to 200'],
    ['q=harbor&cursor=bogus', '"cursor" is not a cursor this server issued for q="harbor*"'],
  ])('answers 400 with a message for %s', async (query, message) => {
    const res = await get(`/api/search?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('rejects a cursor issued for another query', async () => {
    const other = await page('/api/search?q=harbor&limit=2');
    const res = await get(`/api/search?q=meadow&cursor=${other.nextCursor}`);
    expect(res.status).toBe(400);
  });
});
