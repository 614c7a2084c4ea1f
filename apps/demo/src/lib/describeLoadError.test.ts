import { describe, expect, it } from 'vitest';
import { describeLoadError, describeRetry, pageRows } from './describeLoadError.ts';

const PANEL = 'Set the error rate to 0 in the fault panel (or turn faults off), then press Retry.';
const LATER = 'Try again with Retry; lazyflow already retried it with backoff.';

describe('describeLoadError', () => {
  it.each<[string, unknown, string, string, number | null]>([
    [
      'an injected 500',
      new Error(
        '/api/items?offset=0&limit=100&total=1000000 answered HTTP 500: injected server error (errorRate=1)',
      ),
      'The server failed with HTTP 500, injected by the fault panel.',
      PANEL,
      500,
    ],
    [
      'a real 503',
      new Error('/api/items answered HTTP 503'),
      'The server failed with HTTP 503 (a problem on its side).',
      LATER,
      503,
    ],
    [
      'a 404',
      new Error('/api/nope answered HTTP 404: not found'),
      'The server refused the request with HTTP 404.',
      'Retrying the same request is unlikely to help; reload the page.',
      404,
    ],
    [
      'an injected probe failure',
      new Error('/api/templates answered HTTP 500: injected probe failure for dataset=small (fail=probe)'),
      'The server failed with HTTP 500, injected on purpose by this page.',
      'Turn that fault off, then press Retry.',
      500,
    ],
    [
      'a network failure',
      new TypeError('Failed to fetch'),
      'The request did not reach the server (offline, or the connection dropped).',
      'Check the connection, then press Retry.',
      null,
    ],
    [
      'a malformed page',
      new TypeError(
        'lazyflow: offsetSource fetchPage for page 3 must resolve to { items: unknown[] }, got null',
      ),
      'The server answered with data of an unexpected shape.',
      'Retrying will not fix the data; the details say which page and field.',
      null,
    ],
    ['a string', 'boom', 'Loading failed.', LATER, null],
    ['nothing', undefined, 'Loading failed.', LATER, null],
  ])('%s', (_, error, summary, advice, status) => {
    const text = describeLoadError(error);
    expect(text).toMatchObject({ summary, advice, status });
    expect(text.detail.length).toBeGreaterThan(0);
  });

  it('keeps the raw message as the detail', () => {
    const message = '/api/items answered HTTP 500: injected server error (errorRate=1)';
    expect(describeLoadError(new Error(message)).detail).toBe(message);
  });
});

describe('pageRows', () => {
  it.each<[number, number, number, string]>([
    [0, 100, 1_000_000, '1–100'],
    [75, 100, 1_000_000, '7,501–7,600'],
    [9_999, 100, 999_950, '999,901–999,950'],
    [999_999, 100, 100_000_000, '99,999,901–100,000,000'],
    [3, 100, 0, '301–301'], // count not known yet: the first row only
  ])('page %i of %i rows (count %i) → %s', (page, size, count, rows) => {
    expect(pageRows(page, size, count)).toBe(rows);
  });
});

describe('describeRetry', () => {
  it.each<[string, number, number, string]>([
    ['7,501–7,600', 2, 4, 'Retrying rows 7,501–7,600 — attempt 2 of 4'],
    ['1–100', 3, 3, 'Retrying rows 1–100 — attempt 3 of 3'],
  ])('rows %s, attempt %i of %i → %s', (rows, attempt, attempts, text) => {
    expect(describeRetry(rows, attempt, attempts)).toBe(text);
  });

  it("names the items in the page's own terms", () => {
    expect(describeRetry('1,201–1,300', 2, 4, 'videos')).toBe('Retrying videos 1,201–1,300 — attempt 2 of 4');
  });
});
