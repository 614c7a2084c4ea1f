import type { LazyList } from './LazyList.ts';
import { sendQueueOf } from './sendQueue.ts';
import { sendMarks } from './sentPins.ts';
import { ListWriteError } from './writeResult.ts';

const PROBE = <T>(item: T): T => item;
sendMarks.set(PROBE, 'probe');

/**
 * What {@link send} writes through: a core list, or a hook's result (the same three methods).
 *
 * @example
 * const target: SendTarget<Message> = useLazyList<Message>({ …, writes: listWrites });
 */
export type SendTarget<T> = Pick<LazyList<T>, 'append' | 'update' | 'subscribe'>;

/**
 * Where an optimistically sent item is: `'pending'` until the server confirms it, `'failed'` when
 * the request failed (the item stays, with a retry). A confirmed item is the server's copy, which
 * carries no status.
 *
 * @example
 * const mine = row.state.item.status === 'pending' ? 'sending…' : row.state.item.status === 'failed' ? 'not sent' : '';
 */
export type SendStatus = 'pending' | 'failed';

/**
 * What {@link send} takes: the optimistic item (the list's `getItemKey` must return `clientId`
 * for it), its client id, and the request that saves it and resolves with the server's copy.
 *
 * @example
 * const options: SendOptions<Message> = {
 *   item: { id: clientId, clientId, body, author: 'You' },
 *   clientId,
 *   request: () => api.post('/messages', { clientId, body }),
 * };
 */
export interface SendOptions<T> {
  /** The item as the user wrote it; shown at once at the end of the list with `status: 'pending'`. */
  readonly item: T;
  /** The optimistic item's key (`getItemKey(item)`), e.g. a `crypto.randomUUID()`. */
  readonly clientId: string | number;
  /** Saves the item; resolves with the server's copy, which replaces the optimistic one in place. */
  readonly request: () => Promise<T>;
}

/**
 * What {@link send} returns: `ok: false` (with the refusal) when the item was not sent;
 * otherwise `settled` resolves with the first attempt's `'confirmed'` or `'failed'` (never
 * rejects), and `retry()` sends a failed item again (pending again at once, in the same place)
 * and resolves the same way. `retry()` on an item that is not failed returns the current attempt.
 * `queued`: the list could not place the item yet (its newest page is not loaded): it waits in
 * {@link queuedSends} and is appended when that page lands.
 *
 * @example
 * const sent = send(list, { item, clientId, request });
 * if ((await sent.settled) === 'failed') showRetry(() => sent.retry());
 */
export type SentItem = (
  | { readonly ok: true; readonly queued: boolean; readonly error?: undefined }
  | { readonly ok: false; readonly queued: false; readonly error: ListWriteError }
) & {
  readonly settled: Promise<'confirmed' | 'failed'>;
  readonly retry: () => Promise<'confirmed' | 'failed'>;
};

/**
 * Sends an item optimistically (issue #18 item 3): appends it at once with `status: 'pending'`,
 * runs `request`, and then either replaces it in place with the server's copy (same index, so
 * what the user reads does not move; its key becomes the server's) or marks it `'failed'`.
 * Before the list's newest page is loaded (a chat still opening, or opened in its history) the
 * item is queued instead: the request runs at once, the item waits in {@link queuedSends} (in its
 * latest state: pending, failed or the server's copy) and is appended when that page lands, after
 * the items queued before it. A source that takes no appends (range sources) keeps it queued.
 * A placed item survives a refetch (decision 0040): when the refetched newest page does not hold
 * it, it goes back at the end in its latest state; a confirmation or failure that arrives while
 * its row is stale is applied by client id when the page lands.
 * Needs a list created with `writes: listWrites` and a `getItemKey` that returns the client id
 * of the optimistic item (e.g. `(m) => m.clientId ?? m.id`, or the id when the server echoes the
 * client id as its id).
 *
 * @example
 * import { listWrites, send } from '@lazyflow/core/writes';
 * const list = createLazyList<Message>({ key: ['chat'], source, getItemKey: (m) => m.clientId ?? m.id, writes: listWrites });
 * const clientId = crypto.randomUUID();
 * const sent = send(list, { item: { id: clientId, clientId, body }, clientId, request: () => api.send(clientId, body) });
 */
export function send<T extends { readonly status?: SendStatus }>(
  list: SendTarget<T>,
  options: SendOptions<T>,
): SentItem {
  const { item, clientId, request } = options;
  if (typeof request !== 'function')
    throw new TypeError(`send: request must be a function () => Promise<item>; got ${typeof request}`);
  const refused = (error: ListWriteError): SentItem => {
    const failed = Promise.resolve('failed' as const);
    return { ok: false, queued: false, error, settled: failed, retry: () => failed };
  };
  // Without the write engine, on a destroyed list or with the key taken nothing is sent: said as an error value.
  const probe = list.update(clientId, PROBE);
  if (!probe.ok && (probe.error.reason === 'disabled' || probe.error.reason === 'destroyed'))
    return refused(probe.error);
  const queue = sendQueueOf(list);
  if (probe.ok || queue.has(clientId)) {
    const message = `send(${JSON.stringify(clientId)}): an item with this key is in the list already`;
    return refused(new ListWriteError('unsupported', message, { key: clientId }));
  }
  const pending: T = { ...item, status: 'pending' };
  // After items still queued, in the order sent.
  // Placed, the item is pinned: a refetch that does not hold it yet puts it back (decision 0040).
  const pin = () => {
    const place = (current: T) => current;
    sendMarks.set(place, { append: (items: readonly T[]) => list.append(items) });
    const placed = list.update(clientId, place);
    return placed.ok || placed.error.reason !== 'unknown-key';
  };
  const queued = queue.items.length > 0 || !list.append([pending]);
  if (queued) queue.add(clientId, pending, pin);
  // Appended but not found by its key: the list's getItemKey gives the item another key than
  // `clientId` (or it has none), so no confirm or failure could ever reach the row (pending for good).
  else if (!pin() && process.env.NODE_ENV !== 'production')
    throw new TypeError(
      `send(${JSON.stringify(clientId)}): the list finds no item keyed clientId after appending it: its getItemKey must return clientId for the optimistic item, e.g. (m) => m.clientId ?? m.id`,
    );
  // While the item waits in the queue its changes go there; once placed, to the list.
  const write = (change: (current: T) => T) => {
    if (!queue.set(clientId, change)) list.update(clientId, change);
  };
  let state: 'pending' | 'failed' | 'confirmed' = 'pending';
  const run = (): Promise<'confirmed' | 'failed'> => {
    state = 'pending';
    // A request that throws before returning its promise fails the send like a rejection: the
    // item is already shown, and send() and retry() never throw.
    return new Promise<T>((resolve) => resolve(request())).then(
      (saved) => {
        state = 'confirmed';
        const confirm = () => saved;
        sendMarks.set(confirm, 'confirm'); // the pin goes once the list holds the server's copy
        write(confirm);
        return 'confirmed' as const;
      },
      () => {
        state = 'failed';
        write((current) => ({ ...current, status: 'failed' }));
        return 'failed' as const;
      },
    );
  };
  let outcome = run();
  return {
    ok: true,
    queued,
    settled: outcome,
    retry: () => {
      if (state !== 'failed') return outcome;
      write((current) => ({ ...current, status: 'pending' }));
      outcome = run();
      return outcome;
    },
  };
}

/**
 * The items {@link send} queued because the list could not place them yet (its newest page is
 * not loaded), in the order sent and in their latest state; the same array until that changes (a
 * send, a queued request settling, the newest page landing and taking them). Show them after the
 * list's rows as pending, so a message sent while a chat opens is seen at once.
 *
 * @example
 * const waiting = queuedSends(list); // [{ clientId: 'c-1', body: 'hi', status: 'pending' }]
 */
export function queuedSends<T>(list: SendTarget<T>): readonly T[] {
  return sendQueueOf(list).items;
}
