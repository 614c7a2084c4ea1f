import { describe, expect, it } from 'vitest';
import { urlRequest } from './streamRequest.ts';

function capture() {
  const calls: { url: string; lastEventId: string | null }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), lastEventId: new Headers(init?.headers).get('Last-Event-ID') });
    return new Response('');
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('urlRequest', () => {
  it.each<[string, string | number | undefined, string]>([
    ['/api/stream?count=10', undefined, '/api/stream?count=10'],
    ['/api/stream?count=10', 41, '/api/stream?count=10&from=41'],
    ['/api/stream?from=0&count=10', 41, '/api/stream?from=41&count=10'],
    ['https://example.com/s', 'a b', 'https://example.com/s?from=a+b'],
  ])('%s resumed at %j requests %s', async (url, lastId, expected) => {
    const { calls, fetch } = capture();
    await urlRequest(url, { resumeParam: 'from', fetch })({
      lastId,
      attempt: 1,
      signal: new AbortController().signal,
    });
    expect(calls[0]?.url).toBe(expected);
  });

  it('sends Last-Event-ID only when resuming', async () => {
    const { calls, fetch } = capture();
    const request = urlRequest('/sse', { lastEventIdHeader: true, fetch });
    const signal = new AbortController().signal;
    await request({ lastId: undefined, attempt: 0, signal });
    await request({ lastId: '17', attempt: 1, signal });
    expect(calls.map((c) => c.lastEventId)).toEqual([null, '17']);
  });
});
