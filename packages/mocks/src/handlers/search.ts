import { http } from 'msw';
import { hash32 } from '../dataset.ts';
import { parseSearchQuery, type SearchDoc, searchDoc, searchIndex } from '../datasets/searchIndex.ts';
import { delay } from '../faults.ts';
import { BadRequest, choiceParam, handle, intParam, json } from '../http.ts';

/** Body of `GET /api/search`: one page of results, ascending by document id. */
export interface SearchResultsPage {
  items: SearchDoc[];
  /** Cursor for the results after this page, `null` after the last one. */
  nextCursor: string | null;
  /** Cursor for the results before this page, `null` before the first one. */
  prevCursor: string | null;
  /** Number of documents matching the query (every page carries it; clients read the first). */
  total: number;
  /** The query as the server understood it (`terms prefix*`), see `parseSearchQuery`. */
  query: string;
}

/** The most results one request may ask for. */
export const MAX_SEARCH_LIMIT = 200;
/** The longest `q` accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

// A cursor is the boundary before a document id, bound to the query it was issued for: sent
// with another query it is a 400, as a real engine's scroll id would be.
const CURSOR_VERSION = 's1';
function querySalt(key: string): number {
  let hash = 7;
  for (const char of key) hash = hash32(hash, char.codePointAt(0) ?? 0);
  return hash;
}

function encodeSearchCursor(position: number, key: string): string {
  const check = (hash32(position, querySalt(key)) & 0xffff).toString(16);
  return btoa(`${CURSOR_VERSION}:${position}:${check}`)
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

function decodeSearchCursor(cursor: string, key: string): number {
  let text = '';
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    // reported below with the query
  }
  const [version, pos, check] = text.split(':');
  const position = Number(pos);
  if (
    version !== CURSOR_VERSION ||
    !Number.isInteger(position) ||
    check !== (hash32(position, querySalt(key)) & 0xffff).toString(16)
  ) {
    throw new BadRequest(`"cursor" is not a cursor this server issued for q="${key}": "${cursor}"`);
  }
  return position;
}

/**
 * The engine's own time for a query, on top of the latency fault: broader queries take longer
 * (≈ 480 ms for all ten million documents, ≈ 260 ms for a handful), so typing at a normal pace
 * overlaps requests as it does against a real search backend.
 */
export function searchLatency(total: number): number {
  return Math.round(200 + 40 * Math.log10(1 + total));
}

/**
 * `GET /api/search?q&cursor&limit&direction=forward|backward` →
 * `{ items, nextCursor, prevCursor, total, query }` over 10,000,000 generated documents.
 * Every complete word of `q` must be a word of the document (AND); the last word, while it is
 * being typed (no space after it), must begin one of its words. An empty `q` matches
 * everything. Without a cursor, `forward` starts at the first result and `backward` at the
 * last. Counting and each page cost O(limit), whatever the number of matches.
 */
export const searchHandler = http.get('*/api/search', ({ request }) =>
  handle(
    request,
    (url) => {
      const q = url.searchParams.get('q') ?? '';
      if (q.length > MAX_QUERY_LENGTH) {
        throw new BadRequest(`"q" must be at most ${MAX_QUERY_LENGTH} characters, got ${q.length}`);
      }
      const query = parseSearchQuery(q);
      const direction = choiceParam(url, 'direction', ['forward', 'backward'] as const);
      const raw = url.searchParams.get('cursor');
      const position = raw
        ? decodeSearchCursor(raw, query.key)
        : direction === 'forward'
          ? 0
          : searchIndex.total;
      const limit = intParam(url, 'limit', 20, { min: 1, max: MAX_SEARCH_LIMIT });
      return { query, direction, position, limit };
    },
    async ({ query, direction, position, limit }, faults, request) => {
      const matcher = searchIndex.match(query);
      await delay(searchLatency(matcher.count), request.signal);
      const ids = searchIndex.page(matcher, position, limit, direction);
      const first = ids[0];
      const last = ids.at(-1);
      // A boundary gets a cursor only when results lie beyond it, so the ends answer null.
      const hasBefore = first !== undefined && searchIndex.page(matcher, first, 1, 'backward').length > 0;
      const hasAfter = last !== undefined && searchIndex.page(matcher, last + 1, 1, 'forward').length > 0;
      const body: SearchResultsPage = {
        items: ids.map(searchDoc),
        nextCursor: hasAfter ? encodeSearchCursor(last + 1, query.key) : null,
        prevCursor: hasBefore ? encodeSearchCursor(first, query.key) : null,
        total: matcher.count,
        query: query.key,
      };
      return json(body, faults);
    },
  ),
);
