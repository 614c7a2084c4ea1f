import { http } from 'msw';
import { DEFAULT_TOTAL, hash32, type Item, items, MAX_TOTAL } from '../dataset.ts';
import { BadRequest, choiceParam, handle, intParam, json } from '../http.ts';
import { MAX_LIMIT } from './items.ts';

/** Body of `GET /api/feed`: a page of a two-way feed, oldest first within the page. */
export interface FeedPage {
  items: Item[];
  /** Cursor for the page after this one (newer items), `null` at the newest end. */
  nextCursor: string | null;
  /** Cursor for the page before this one (older items), `null` at the oldest end. */
  prevCursor: string | null;
}

// A cursor marks a boundary between two items. It is opaque to clients: a base64url of the
// position, the dataset size and a checksum, so a hand-made or truncated cursor is a 400.
const CURSOR_VERSION = 'v1';

/** The opaque cursor for the boundary before item `position`. */
export function encodeCursor(position: number, total: number): string {
  const check = (hash32(position, total) & 0xffff).toString(16);
  return btoa(`${CURSOR_VERSION}:${position}:${total}:${check}`)
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

/** The position a cursor stands for; throws {@link BadRequest} for anything this server did not issue. */
export function decodeCursor(cursor: string, total: number): number {
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    throw new BadRequest(`"cursor" is not a cursor this server issued: "${cursor}"`);
  }
  const [version, pos, size, check] = text.split(':');
  const position = Number(pos);
  if (
    version !== CURSOR_VERSION ||
    !Number.isInteger(position) ||
    Number(size) !== total ||
    check !== (hash32(position, total) & 0xffff).toString(16)
  ) {
    throw new BadRequest(`"cursor" is not a cursor this server issued for total=${total}: "${cursor}"`);
  }
  return position;
}

/**
 * `GET /api/feed?cursor&limit&direction=forward|backward[&total]` → `{ items, nextCursor, prevCursor }`.
 * Without a cursor, `forward` starts at the oldest item and `backward` at the newest
 * (a chat opens at the bottom). Items within a page are always oldest first.
 */
export const feedHandler = http.get('*/api/feed', ({ request }) =>
  handle(
    request,
    (url) => {
      const total = intParam(url, 'total', DEFAULT_TOTAL, { max: MAX_TOTAL });
      const direction = choiceParam(url, 'direction', ['forward', 'backward'] as const);
      const raw = url.searchParams.get('cursor');
      const position = raw ? decodeCursor(raw, total) : direction === 'forward' ? 0 : total;
      const limit = intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT });
      return { total, direction, position, limit };
    },
    ({ total, direction, position, limit }, faults) => {
      const start = direction === 'forward' ? position : Math.max(0, position - limit);
      const end = direction === 'forward' ? Math.min(total, position + limit) : position;
      const body: FeedPage = {
        items: items(start, end),
        nextCursor: end < total ? encodeCursor(end, total) : null,
        prevCursor: start > 0 ? encodeCursor(start, total) : null,
      };
      return json(body, faults);
    },
  ),
);
