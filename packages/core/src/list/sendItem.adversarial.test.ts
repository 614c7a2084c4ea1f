import { afterEach, describe, expect, it } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { settle } from '../testing/writeRows.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { send } from './sendItem.ts';
import { listWrites } from './writeCommands.ts';

interface Message {
  readonly id: string;
  readonly clientId?: string;
  readonly body: string;
  readonly status?: 'pending' | 'failed';
}

const PAGE = 5;
const lists: LazyList<Message>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

/** A chat over a server whose messages the test changes (newest page first). */
async function chat(server: { messages: Message[]; gate?: Promise<void> }) {
  const source = cursorSource<Message>({
    pageSize: PAGE,
    initialDirection: 'backward',
    fetchPage: async ({ cursor }) => {
      await server.gate;
      const all = server.messages;
      const end = cursor === null ? all.length : Number(cursor);
      const start = Math.max(0, end - PAGE);
      return {
        items: all.slice(start, end),
        prevCursor: start > 0 ? String(start) : null,
        nextCursor: null,
      };
    },
  });
  const list = createLazyList<Message>({
    key: ['chat', Math.random()],
    source,
    getItemKey: (m) => m.clientId ?? m.id,
    prefetch: 0,
    statsIntervalMs: 0,
    writes: listWrites,
  });
  lists.push(list);
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: PAGE, direction: 'backward' });
  await settle();
  return list;
}

const shown = (list: LazyList<Message>) => {
  const snapshot = list.getSnapshot();
  return Array.from({ length: snapshot.count }, (_, i) => snapshot.getItem(i)).map((state) =>
    state.status === 'loaded' ? state.item : undefined,
  );
};

const messages = (n: number): Message[] =>
  Array.from({ length: n }, (_, i) => ({ id: `m${i}`, body: `${i}` }));

describe('send: bad requests are failures, never throws', () => {
  it('a request that throws synchronously marks the item failed and settles failed (send does not throw)', async () => {
    const list = await chat({ messages: messages(10) });
    const before = list.getSnapshot().count;
    let sent: ReturnType<typeof send<Message>> | undefined;
    expect(() => {
      sent = send(list, {
        item: { id: 'c1', clientId: 'c1', body: 'x' },
        clientId: 'c1',
        request: () => {
          throw new Error('cannot serialize');
        },
      });
    }).not.toThrow();
    expect(sent?.ok).toBe(true);
    expect(await sent?.settled).toBe('failed');
    expect(list.getSnapshot().count).toBe(before + 1);
    expect(shown(list).at(-1)).toMatchObject({ clientId: 'c1', status: 'failed' });
    // retry runs the request again (it throws again): still failed, still once in the list.
    expect(await sent?.retry()).toBe('failed');
    expect(shown(list).filter((m) => m?.clientId === 'c1')).toHaveLength(1);
  });

  it('a request that rejects with a non-Error value is a failure too', async () => {
    const list = await chat({ messages: messages(10) });
    const sent = send(list, {
      item: { id: 'c2', clientId: 'c2', body: 'x' },
      clientId: 'c2',
      request: () => Promise.reject('HTTP 500'),
    });
    expect(await sent.settled).toBe('failed');
    expect(shown(list).at(-1)).toMatchObject({ clientId: 'c2', status: 'failed' });
  });
});

describe('send: an item the list cannot find by its clientId', () => {
  it('getItemKey giving the optimistic item another key is a TypeError naming it (the row would stay pending for good)', async () => {
    const list = await chat({ messages: messages(3) });
    const request = async () => ({ id: 'm9', clientId: 'c1', body: 'hi' });
    // The item's id is a local one and getItemKey reads clientId ?? id: this item has no clientId.
    expect(() => send(list, { item: { id: 'local-1', body: 'hi' }, clientId: 'c1', request })).toThrow(
      /send\("c1"\): the list finds no item keyed clientId.*getItemKey must return clientId/,
    );
  });

  it('a list without getItemKey: the same TypeError', async () => {
    const list = createLazyList<Message>({
      key: ['chat-no-keys', Math.random()],
      source: cursorSource<Message>({
        pageSize: PAGE,
        initialDirection: 'backward',
        fetchPage: async () => ({ items: messages(3), prevCursor: null, nextCursor: null }),
      }),
      writes: listWrites,
    });
    lists.push(list);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: PAGE, direction: 'backward' });
    await settle();
    const request = async () => ({ id: 'm9', body: 'hi' });
    expect(() =>
      send<Message>(list, { item: { id: 'c1', clientId: 'c1', body: 'hi' }, clientId: 'c1', request }),
    ).toThrow(/getItemKey must return clientId/);
  });
});

describe('send: the server echo', () => {
  it('a confirmed item the refetch holds is shown once, in the server copy', async () => {
    const server = { messages: messages(7) };
    const list = await chat(server);
    const copy: Message = { id: 'm7', clientId: 'c3', body: 'hi' };
    const sent = send(list, {
      item: { id: 'c3', clientId: 'c3', body: 'hi' },
      clientId: 'c3',
      request: async () => {
        server.messages = [...server.messages, copy];
        return copy;
      },
    });
    expect(await sent.settled).toBe('confirmed');
    list.refresh();
    await settle();
    const after = shown(list);
    expect(after.filter((m) => m?.clientId === 'c3')).toHaveLength(1);
    expect(after.at(-1)).toEqual(copy);
  });

  it('a server copy with another key (no clientId echoed) replaces the item in place, and a refetch holding it shows it once', async () => {
    const server = { messages: messages(7) };
    const list = await chat(server);
    const copy: Message = { id: 'm7', body: 'hi' };
    const sent = send(list, {
      item: { id: 'c4', clientId: 'c4', body: 'hi' },
      clientId: 'c4',
      request: async () => {
        server.messages = [...server.messages, copy];
        return copy;
      },
    });
    expect(await sent.settled).toBe('confirmed');
    expect(shown(list).at(-1)).toEqual(copy);
    expect(shown(list).filter((m) => m?.id === 'c4')).toHaveLength(0);
    list.refresh();
    await settle();
    const after = shown(list);
    // Neither the server's row twice nor the optimistic item put back beside it.
    expect(after.filter((m) => m?.id === 'm7')).toHaveLength(1);
    expect(after.filter((m) => m?.clientId === 'c4' || m?.id === 'c4')).toHaveLength(0);
    expect(after.at(-1)).toEqual(copy);
  });

  it('a confirmation with another key that lands while the row is stale is shown once after the refetch', async () => {
    const server: { messages: Message[]; gate?: Promise<void> } = { messages: messages(7) };
    const list = await chat(server);
    let answer: (copy: Message) => void = () => {};
    const sent = send(list, {
      item: { id: 'c6', clientId: 'c6', body: 'hi' },
      clientId: 'c6',
      request: () => new Promise<Message>((resolve) => (answer = resolve)),
    });
    let open: () => void = () => {};
    server.gate = new Promise<void>((resolve) => (open = resolve));
    list.refresh();
    await settle();
    const copy: Message = { id: 'm7', body: 'hi' };
    server.messages = [...server.messages, copy];
    answer(copy);
    expect(await sent.settled).toBe('confirmed');
    open();
    await settle();
    const after = shown(list);
    expect(after.filter((m) => m?.id === 'm7')).toHaveLength(1);
    expect(after.filter((m) => m?.id === 'c6')).toHaveLength(0);
    expect(after.at(-1)).toEqual(copy);
  });

  it('a confirmation with another key while stale, the refetch not holding the copy yet: the copy shows once at the end', async () => {
    const server: { messages: Message[]; gate?: Promise<void> } = { messages: messages(7) };
    const list = await chat(server);
    let answer: (copy: Message) => void = () => {};
    const sent = send(list, {
      item: { id: 'c7', clientId: 'c7', body: 'hi' },
      clientId: 'c7',
      request: () => new Promise<Message>((resolve) => (answer = resolve)),
    });
    let open: () => void = () => {};
    server.gate = new Promise<void>((resolve) => (open = resolve));
    list.refresh();
    await settle();
    const copy: Message = { id: 'm7', body: 'hi' };
    answer(copy); // the server's list does not show it yet
    expect(await sent.settled).toBe('confirmed');
    open();
    await settle();
    const after = shown(list);
    expect(after.filter((m) => m?.id === 'm7')).toEqual([copy]);
    expect(after.filter((m) => m?.id === 'c7')).toHaveLength(0);
    expect(after.at(-1)).toEqual(copy);
  });

  it('a failed item the refetch does not hold goes back once; its later confirmation lands once', async () => {
    const server = { messages: messages(7) };
    const list = await chat(server);
    let attempt = 0;
    const copy: Message = { id: 'm7', clientId: 'c5', body: 'hi' };
    const sent = send(list, {
      item: { id: 'c5', clientId: 'c5', body: 'hi' },
      clientId: 'c5',
      request: async () => {
        attempt++;
        if (attempt === 1) throw new Error('offline');
        server.messages = [...server.messages, copy];
        return copy;
      },
    });
    expect(await sent.settled).toBe('failed');
    list.refresh();
    await settle();
    expect(shown(list).filter((m) => m?.clientId === 'c5')).toEqual([
      { ...copy, id: 'c5', status: 'failed' },
    ]);
    expect(await sent.retry()).toBe('confirmed');
    list.refresh();
    await settle();
    expect(shown(list).filter((m) => m?.clientId === 'c5')).toEqual([copy]);
  });
});
