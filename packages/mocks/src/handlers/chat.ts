import { http } from 'msw';
import type { Item } from '../dataset.ts';
import { BadRequest, handle, json } from '../http.ts';

/** Body of `POST /api/chat/messages`. */
export interface ChatSendBody {
  /** The sender's own id for the message, echoed back so the optimistic copy can be matched. */
  clientId: string;
  body: string;
  author: string;
}

/** What `POST /api/chat/messages` answers: the stored message (an `Item`) with the `clientId`. */
export type ChatMessage = Item & { clientId: string };

let next = 0;

/**
 * `POST /api/chat/messages` with `{ clientId, body, author }` → the stored message (HTTP 200): a
 * server id (`1_000_000_000 + n`, above every dataset id), the time, and the `clientId`. The
 * panel's latency and error rate apply (an injected failure is HTTP 500, nothing stored). A body
 * without a string `clientId` and `body` is a 400 naming the field.
 */
export const chatSendHandler = http.post('*/api/chat/messages', async ({ request }) => {
  let sent: Partial<ChatSendBody> = {};
  try {
    sent = (await request.clone().json()) as Partial<ChatSendBody>;
  } catch {
    sent = {};
  }
  return handle(
    request,
    () => {
      for (const field of ['clientId', 'body'] as const) {
        if (typeof sent[field] !== 'string' || sent[field] === '')
          throw new BadRequest(`"${field}" must be a non-empty string, got ${JSON.stringify(sent[field])}`);
      }
      return sent as ChatSendBody;
    },
    ({ clientId, body, author }, faults) => {
      const message: ChatMessage = {
        id: 1_000_000_000 + next++,
        clientId,
        title: '',
        body,
        author: typeof author === 'string' ? author : 'You',
        createdAt: new Date().toISOString(),
        score: 0,
        views: 0,
        price: 0,
        tags: [],
      };
      return json(message, faults);
    },
  );
});
