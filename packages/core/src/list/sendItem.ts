import type { LazyList } from './LazyList.ts';
import { ListWriteError } from './writeResult.ts';

/**
 * What {@link send} writes through: a core list, or a hook's result (the same two methods).
 *
 * @example
 * const target: SendTarget<Message> = useLazyList<Message>({ …, writes: listWrites });
 */
export type SendTarget<T> = Pick<LazyList<T>, 'append' | 'update'>;

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
 * What {@link send} returns: `ok: false` (with the refusal) when the item could not be placed;
 * otherwise `settled` resolves with the first attempt's `'confirmed'` or `'failed'` (never
 * rejects), and `retry()` sends a failed item again (pending again at once, in the same place)
 * and resolves the same way. `retry()` on an item that is not failed returns the current attempt.
 *
 * @example
 * const sent = send(list, { item, clientId, request });
 * if ((await sent.settled) === 'failed') showRetry(() => sent.retry());
 */
export type SentItem = (
  | { readonly ok: true; readonly error?: undefined }
  | { readonly ok: false; readonly error: ListWriteError }
) & {
  readonly settled: Promise<'confirmed' | 'failed'>;
  readonly retry: () => Promise<'confirmed' | 'failed'>;
};

/**
 * Sends an item optimistically (issue #18 item 3): appends it at once with `status: 'pending'`
 * (a chat can send while older history is still loading: only the newest page must be loaded),
 * runs `request`, and then either replaces it in place with the server's copy (same index, so
 * what the user reads does not move; its key becomes the server's) or marks it `'failed'`.
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
    return { ok: false, error, settled: failed, retry: () => failed };
  };
  // Without the write engine (or with the key taken) nothing is appended: said as an error value.
  const probe = list.update(clientId, (current) => current);
  if (!probe.ok && probe.error.reason === 'disabled') return refused(probe.error);
  if (probe.ok) {
    const message = `send(${JSON.stringify(clientId)}): an item with this key is in the list already`;
    return refused(new ListWriteError('unsupported', message, { key: clientId }));
  }
  if (!list.append([{ ...item, status: 'pending' }])) {
    const message = `send(${JSON.stringify(clientId)}): the item cannot be placed yet (the newest page is not loaded, or the source takes no appends)`;
    return refused(new ListWriteError('not-loaded', message, { key: clientId }));
  }
  let state: 'pending' | 'failed' | 'confirmed' = 'pending';
  const run = (): Promise<'confirmed' | 'failed'> => {
    state = 'pending';
    return request().then(
      (saved) => {
        state = 'confirmed';
        list.update(clientId, () => saved);
        return 'confirmed' as const;
      },
      () => {
        state = 'failed';
        list.update(clientId, (current) => ({ ...current, status: 'failed' }));
        return 'failed' as const;
      },
    );
  };
  let outcome = run();
  return {
    ok: true,
    settled: outcome,
    retry: () => {
      if (state !== 'failed') return outcome;
      list.update(clientId, (current) => ({ ...current, status: 'pending' }));
      outcome = run();
      return outcome;
    },
  };
}
