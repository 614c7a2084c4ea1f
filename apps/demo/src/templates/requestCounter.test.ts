import { describe, expect, it } from 'vitest';
import { createRequestCounter, describeRequest } from './requestCounter.ts';

describe('describeRequest', () => {
  it.each([
    ['/api/templates?dataset=huge&offset=0&limit=100', false, 'probe rows 1–100'],
    ['/api/templates?dataset=medium&offset=100&limit=2000', false, 'rows 101–2,100'],
    ['/api/templates?dataset=feed&cursor=abc&limit=500', false, 'after cursor, 500 items'],
    ['/api/templates?dataset=huge&offset=100', true, 'stream from row 101'],
    ['/api/templates?dataset=live', true, 'stream'],
  ])('%s (stream: %s) → %s', (url, stream, words) => {
    expect(describeRequest(url, stream)).toBe(words);
  });
});

describe('createRequestCounter', () => {
  it('counts each request by kind and lists what it asked for, in order', async () => {
    const counter = createRequestCounter();
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () => new Response('{}', { status: 200 });
    try {
      await counter.fetch(new URL('/api/templates?dataset=small&offset=0&limit=100', 'http://demo.invalid'), {
        headers: {},
        signal: new AbortController().signal,
      });
      await counter.fetch(new URL('/api/templates?dataset=small&offset=100', 'http://demo.invalid'), {
        headers: { Accept: 'application/x-ndjson' },
        signal: new AbortController().signal,
      });
    } finally {
      globalThis.fetch = realFetch;
    }
    const counts = counter.getSnapshot();
    expect(counts.json).toBe(1);
    expect(counts.streams).toBe(1);
    expect(counts.log).toEqual(['probe rows 1–100', 'stream from row 101']);
  });
});
