import { describe, expect, it } from 'vitest';
import { type FirstView, restoreNote } from './restoreNote.ts';

describe('restoreNote', () => {
  it.each<[FirstView, string | null]>([
    [{ row: 1, pagesFromCache: 0, requests: 1 }, null], // a first visit: from the network
    [{ row: 500, pagesFromCache: 0, requests: 0 }, null], // a route change: from memory, fresh
    [
      { row: 123_456, pagesFromCache: 3, requests: 0 },
      'Restored from IndexedDB: row 123,456 on screen with 0 requests · 3 pages read from IndexedDB, then the rows in view are revalidated in the background',
    ],
    [
      { row: 7, pagesFromCache: 1, requests: 1 },
      'Restored from IndexedDB: row 7 on screen with 1 request · 1 page read from IndexedDB, then the rows in view are revalidated in the background',
    ],
  ])('%o', (first, note) => {
    expect(restoreNote(first)).toBe(note);
  });
});
