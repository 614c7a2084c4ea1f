// `POST /api/chat/messages` through MSW's Node interceptor: the chat's optimistic sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server } from '../node.ts';
import type { ChatMessage } from './chat.ts';

const ENDPOINT = 'http://lazyflow.test/api/chat/messages';
const post = (body: unknown, query = 'latency=0') =>
  fetch(`${ENDPOINT}?${query}`, { method: 'POST', body: JSON.stringify(body) });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('POST /api/chat/messages', () => {
  it('stores the message and echoes the client id with a server id', async () => {
    const res = await post({ clientId: 'c-1', body: 'hello', author: 'You' });
    expect(res.status).toBe(200);
    const message = (await res.json()) as ChatMessage;
    expect(message).toMatchObject({ clientId: 'c-1', body: 'hello', author: 'You' });
    expect(message.id).toBeGreaterThanOrEqual(1_000_000_000);
    const second = (await (await post({ clientId: 'c-2', body: 'again' })).json()) as ChatMessage;
    expect(second.id).toBeGreaterThan(message.id);
  });

  it('fails with HTTP 500 at errorRate=1 (the fault panel) and 400 naming a missing field', async () => {
    expect((await post({ clientId: 'c-3', body: 'x' }, 'latency=0&errorRate=1')).status).toBe(500);
    const bad = await post({ body: 'no id' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('"clientId"');
  });
});
