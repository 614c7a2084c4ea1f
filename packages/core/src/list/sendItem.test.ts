import { afterEach, describe, expect, it } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { queuedSends, send } from './sendItem.ts';
import { listWrites } from './writeCommands.ts';

interface Message {
  readonly id: string;
  readonly clientId?: string;
  readonly body: string;
  readonly status?: 'pending' | 'failed';
}

const PAGE = 5;
const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const message = (n: number): Message => ({ id: `m${n}`, body: `message ${n}` });

const lists: LazyList<Message>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

/**
 * A chat over a backward cursor (newest page first: messages 95..99 of 100); older pages wait for
 * `release()` while `hold` is true, so history can be loading while a message is sent.
 */
async function chat(options: { hold?: boolean; holdNewest?: boolean; writes?: boolean } = {}) {
  const waiting: (() => void)[] = [];
  const source = cursorSource<Message>({
    pageSize: PAGE,
    initialDirection: 'backward',
    fetchPage: async ({ cursor }) => {
      const end = cursor === null ? 100 : Number(cursor);
      const held = cursor === null ? options.holdNewest : options.hold;
      if (held) await new Promise<void>((resolve) => waiting.push(resolve));
      const start = Math.max(0, end - PAGE);
      return {
        items: Array.from({ length: end - start }, (_, i) => message(start + i)),
        prevCursor: start > 0 ? String(start) : null,
        nextCursor: null,
      };
    },
  });
  const list = createLazyList<Message>({
    key: ['chat', Math.random()],
    source,
    getItemKey: (m) => m.clientId ?? m.id,
    prefetch: 1,
    statsIntervalMs: 0,
    ...(options.writes === false ? {} : { writes: listWrites }),
  });
  lists.push(list);
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: PAGE, direction: 'backward' });
  await settle();
  const release = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  return { list, release, waiting };
}

/** A request the test settles by hand. */
function deferred() {
  let resolve: (value: Message) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<Message>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const items = (list: LazyList<Message>) => {
  const snapshot = list.getSnapshot();
  return Array.from({ length: snapshot.count }, (_, i) => snapshot.getItem(i)).map((state) =>
    state.status === 'loaded' ? state.item : undefined,
  );
};

describe('send (optimistic)', () => {
  it('shows the item pending at once, then replaces it in place with the server copy', async () => {
    const { list } = await chat();
    const before = items(list);
    const request = deferred();
    const sent = send(list, {
      item: { id: 'c1', clientId: 'c1', body: 'hi' },
      clientId: 'c1',
      request: () => request.promise,
    });
    expect(sent.ok).toBe(true);
    const index = list.getSnapshot().count - 1;
    expect(list.getSnapshot().getItem(index)).toMatchObject({ item: { body: 'hi', status: 'pending' } });
    request.resolve({ id: 'm100', clientId: 'c1', body: 'hi' });
    expect(await sent.settled).toBe('confirmed');
    const after = items(list);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, before.length)).toEqual(before); // what the reader sees above did not move
    expect(after[index]).toEqual({ id: 'm100', clientId: 'c1', body: 'hi' });
    expect(list.getSnapshot().keyOf(index)).toBe('c1'); // same key: the row is not remounted
  });

  it('marks a failed send, and retry sends it again from the same place until confirmed', async () => {
    const { list } = await chat();
    const attempts = [deferred(), deferred()];
    let n = 0;
    const sent = send(list, {
      item: { id: 'c2', clientId: 'c2', body: 'again' },
      clientId: 'c2',
      request: () => (attempts[n++] as ReturnType<typeof deferred>).promise,
    });
    const index = list.getSnapshot().count - 1;
    attempts[0]?.reject(new Error('HTTP 500'));
    expect(await sent.settled).toBe('failed');
    expect(list.getSnapshot().getItem(index)).toMatchObject({ item: { id: 'c2', status: 'failed' } });
    const retried = sent.retry();
    expect(list.getSnapshot().getItem(index)).toMatchObject({ item: { id: 'c2', status: 'pending' } });
    attempts[1]?.resolve({ id: 'm100', clientId: 'c2', body: 'again' });
    expect(await retried).toBe('confirmed');
    expect(n).toBe(2);
    expect(list.getSnapshot().getItem(index)).toEqual({
      status: 'loaded',
      item: { id: 'm100', clientId: 'c2', body: 'again' },
    });
    expect(await sent.retry()).toBe('confirmed'); // nothing to retry any more
    expect(n).toBe(2);
  });

  it('sends while older history is still loading; the item stays last and is confirmed in place', async () => {
    const { list, release, waiting } = await chat({ hold: true });
    expect(waiting.length).toBeGreaterThan(0); // an older page is on its way
    const request = deferred();
    const sent = send(list, {
      item: { id: 'c3', clientId: 'c3', body: 'early' },
      clientId: 'c3',
      request: () => request.promise,
    });
    expect(sent.ok).toBe(true);
    release();
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(snapshot.count - 1)).toMatchObject({ item: { id: 'c3', status: 'pending' } });
    expect(snapshot.getItem(snapshot.count - 2)).toMatchObject({ item: { id: 'm99' } });
    request.resolve({ id: 'm100', clientId: 'c3', body: 'early' });
    expect(await sent.settled).toBe('confirmed');
    const now = list.getSnapshot();
    expect(now.count).toBe(snapshot.count);
    expect(now.getItem(now.count - 1)).toEqual({
      status: 'loaded',
      item: { id: 'm100', clientId: 'c3', body: 'early' },
    });
  });

  it('without the write engine, or with a key in use, refuses as a value and appends nothing', async () => {
    const { list } = await chat({ writes: false });
    const count = list.getSnapshot().count;
    const off = send(list, { item: message(200), clientId: 'm200', request: async () => message(200) });
    expect(off.ok).toBe(false);
    expect(off.error?.reason).toBe('disabled');
    expect(await off.settled).toBe('failed');
    expect(list.getSnapshot().count).toBe(count);
    const { list: withEngine } = await chat();
    const taken = send(withEngine, { item: message(99), clientId: 'm99', request: async () => message(99) });
    expect(taken.ok).toBe(false);
    expect(taken.error?.message).toContain('already');
    expect(() => send(withEngine, { item: message(1), clientId: 'x', request: 'no' as never })).toThrow(
      /send: request must be a function/,
    );
  });

  it('refuses a key shown stale while a refresh is on its way (it is in use: never shown twice)', async () => {
    const options = { holdNewest: false };
    const { list, release } = await chat(options);
    options.holdNewest = true;
    list.refresh(); // the newest page is kept, stale, until its answer
    await settle();
    // Shown stale, it is in the list: an update is taken and waits for the fresh copy (decision 0040).
    expect(list.update('m99', (m) => m).ok).toBe(true);
    const count = list.getSnapshot().count;
    const again = send(list, { item: message(99), clientId: 'm99', request: async () => message(99) });
    expect(again.ok).toBe(false);
    expect(again.error?.message).toContain('already');
    expect(list.getSnapshot().count).toBe(count);
    release();
    await settle();
    expect(items(list).filter((m) => m?.id === 'm99')).toHaveLength(1);
  });
});

describe('send before the newest page is loaded (queued)', () => {
  const draft = (id: string, body = id): Message => ({ id, clientId: id, body });

  it('is shown pending at once in queuedSends, and appended after the newest page when it lands, then confirmed in place', async () => {
    const { list, release, waiting } = await chat({ holdNewest: true });
    expect(waiting).toHaveLength(1); // the newest page is on its way
    expect(list.getSnapshot().count).toBe(0);
    const request = deferred();
    const sent = send(list, { item: draft('q1', 'early'), clientId: 'q1', request: () => request.promise });
    expect(sent).toMatchObject({ ok: true, queued: true });
    expect(queuedSends(list)).toEqual([{ id: 'q1', clientId: 'q1', body: 'early', status: 'pending' }]);
    expect(queuedSends(list)).toBe(queuedSends(list)); // the same array until it changes

    release();
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(snapshot.count - 2)).toMatchObject({ item: { id: 'm99' } });
    expect(snapshot.getItem(snapshot.count - 1)).toMatchObject({ item: { id: 'q1', status: 'pending' } });
    expect(queuedSends(list)).toEqual([]);

    request.resolve({ id: 'm100', clientId: 'q1', body: 'early' });
    expect(await sent.settled).toBe('confirmed');
    const now = list.getSnapshot();
    expect(now.count).toBe(snapshot.count); // replaced in place, not added
    expect(now.getItem(now.count - 1)).toEqual({
      status: 'loaded',
      item: { id: 'm100', clientId: 'q1', body: 'early' },
    });
  });

  it('is in exactly one place at every list notification: the queue until appended, then the list (never both, never neither)', async () => {
    const { list, release } = await chat({ holdNewest: true });
    const sent = send(list, {
      item: draft('q1'),
      clientId: 'q1',
      request: () => new Promise<Message>(() => {}),
    });
    expect(sent).toMatchObject({ ok: true, queued: true });
    const seen: string[] = [];
    list.subscribe(() => {
      const inList = items(list).filter((m) => m?.clientId === 'q1').length;
      const inQueue = queuedSends(list).filter((m) => m.clientId === 'q1').length;
      seen.push(`${inList}+${inQueue}`);
    });
    release();
    await settle();
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(seen.filter((s) => s === '0+1' || s === '1+0')));
    expect(seen.at(-1)).toBe('1+0');
  });

  it('keeps the order sent, and places each in its latest state: a failure while queued stays failed, and retry works once placed', async () => {
    const { list, release } = await chat({ holdNewest: true });
    const first = deferred();
    const attempts = [deferred(), deferred()];
    let n = 0;
    const a = send(list, { item: draft('qa'), clientId: 'qa', request: () => first.promise });
    const b = send(list, {
      item: draft('qb'),
      clientId: 'qb',
      request: () => (attempts[n++] as ReturnType<typeof deferred>).promise,
    });
    expect(
      send(list, { item: draft('qa'), clientId: 'qa', request: async () => draft('qa') }).error?.message,
    ).toContain('already');
    attempts[0]?.reject(new Error('HTTP 500'));
    expect(await b.settled).toBe('failed');
    expect(queuedSends(list).map((m) => [m.id, m.status])).toEqual([
      ['qa', 'pending'],
      ['qb', 'failed'],
    ]);
    first.resolve({ id: 'm100', clientId: 'qa', body: 'qa' });
    expect(await a.settled).toBe('confirmed');
    expect(queuedSends(list)[0]).toEqual({ id: 'm100', clientId: 'qa', body: 'qa' }); // the server's copy, still queued

    release();
    await settle();
    const tail = () => {
      const snapshot = list.getSnapshot();
      return [snapshot.count - 2, snapshot.count - 1].map((i) => snapshot.getItem(i));
    };
    expect(tail()).toEqual([
      { status: 'loaded', item: { id: 'm100', clientId: 'qa', body: 'qa' } },
      { status: 'loaded', item: { id: 'qb', clientId: 'qb', body: 'qb', status: 'failed' } },
    ]);
    const retried = b.retry();
    expect(tail()[1]).toMatchObject({ item: { id: 'qb', status: 'pending' } });
    attempts[1]?.resolve({ id: 'm101', clientId: 'qb', body: 'qb' });
    expect(await retried).toBe('confirmed');
    expect(tail()[1]).toEqual({ status: 'loaded', item: { id: 'm101', clientId: 'qb', body: 'qb' } });
    // Once placed, a send appends at once again.
    const c = send(list, { item: draft('qc'), clientId: 'qc', request: () => new Promise(() => {}) });
    expect(c).toMatchObject({ ok: true, queued: false });
    expect(queuedSends(list)).toEqual([]);
  });

  it('a destroyed list refuses as a value and queues nothing', async () => {
    const { list } = await chat({ holdNewest: true });
    list.destroy();
    const sent = send(list, { item: draft('qd'), clientId: 'qd', request: async () => draft('qd') });
    expect(sent).toMatchObject({ ok: false, queued: false });
    expect(sent.error?.reason).toBe('destroyed');
    expect(queuedSends(list)).toEqual([]);
  });
});

describe('send across a refresh of a chat (cursor pages, decision 0040)', () => {
  it('a pending send stays at the end through the refetch, once, and is confirmed in place', async () => {
    const options = { holdNewest: false };
    const { list, release } = await chat(options);
    const request = deferred();
    const sent = send(list, {
      item: { id: 'c9', clientId: 'c9', body: 'hi' },
      clientId: 'c9',
      request: () => request.promise,
    });
    expect(sent.ok).toBe(true);
    const seen: string[] = [];
    list.subscribe(() => {
      const keys = items(list).map((m) => m?.clientId ?? m?.id);
      if (new Set(keys.filter((k) => k !== undefined)).size !== keys.filter((k) => k !== undefined).length)
        seen.push(keys.join(' '));
    });
    options.holdNewest = true;
    list.refresh();
    await settle();
    release();
    await settle();
    const after = items(list);
    expect(after.at(-1)).toMatchObject({ clientId: 'c9', status: 'pending' });
    expect(after.filter((m) => m?.clientId === 'c9')).toHaveLength(1);
    request.resolve({ id: 'm100', clientId: 'c9', body: 'hi' });
    expect(await sent.settled).toBe('confirmed');
    expect(items(list).at(-1)).toEqual({ id: 'm100', clientId: 'c9', body: 'hi' });
    expect(seen).toEqual([]);
  });

  it('a send failed while the refetch is on its way stays failed after it, and its retry works', async () => {
    const options = { holdNewest: false };
    const { list, release } = await chat(options);
    const attempts = [deferred(), deferred()];
    let n = 0;
    const sent = send(list, {
      item: { id: 'c8', clientId: 'c8', body: 'again' },
      clientId: 'c8',
      request: () => (attempts[n++] as ReturnType<typeof deferred>).promise,
    });
    options.holdNewest = true;
    list.refresh();
    await settle();
    attempts[0]?.reject(new Error('HTTP 500'));
    expect(await sent.settled).toBe('failed');
    release();
    await settle();
    expect(items(list).at(-1)).toMatchObject({ clientId: 'c8', status: 'failed' });
    expect(items(list).filter((m) => m?.clientId === 'c8')).toHaveLength(1);
    const retried = sent.retry();
    expect(items(list).at(-1)).toMatchObject({ clientId: 'c8', status: 'pending' });
    attempts[1]?.resolve({ id: 'm100', clientId: 'c8', body: 'again' });
    expect(await retried).toBe('confirmed');
    expect(items(list).at(-1)).toEqual({ id: 'm100', clientId: 'c8', body: 'again' });
  });
});
