import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// Two lists on one QueryClient and key share each page's fetch (one query). Destroying one, or
// its last unsubscribe, must not cancel a fetch the other still waits for; the key's last list
// going still aborts it: no request outlives the last destroy.

interface Row {
  readonly id: string;
  readonly v: number;
}

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

let made = 0;

function setup() {
  useImmediateQueryNotifications();
  const server = { rows: ['s0', 's1', 's2'].map((id) => ({ id, v: 0 })), version: 0 };
  const answers = new HeldAnswers();
  const aborted: string[] = [];
  const queryClient = new QueryClient();
  queryClient.mount();
  const key = ['shared-key-cancel', ++made];
  const pages = answers.versionedPages(server);
  const make = () => {
    const list = createLazyList<Row>({
      key,
      queryClient,
      source: offsetSource({
        pageSize: 3,
        fetchPage: (request) => {
          request.signal?.addEventListener('abort', () => aborted.push(`offset ${request.offset}`));
          return pages(request);
        },
      }),
      getItemKey: (row) => row.id,
      prefetch: 0,
      retry: { attempts: 1 },
      statsIntervalMs: 0,
      memoryMonitor: null,
    });
    lists.push(list);
    const stop = list.subscribe(() => {});
    list.setWindow({ start: 0, end: 3 });
    const shown = () => {
      const snapshot = list.getSnapshot();
      return Array.from({ length: snapshot.count }, (_, i) => {
        const state = snapshot.getItem(i);
        if (state.status !== 'loaded') return '-';
        return `${state.item.id}${state.item.v > 0 ? `.${state.item.v}` : ''}${state.stale ? '~' : ''}`;
      });
    };
    return { list, stop, shown };
  };
  const a = make();
  const b = make();
  const change = () => {
    server.rows = server.rows.map((row) => ({ ...row, v: row.v + 1 }));
    server.version += 1;
  };
  return { a, b, answers, aborted, change, queryClient, key };
}

describe('a fetch two lists on one key share', () => {
  it('first load: destroying A while the page is on its way leaves it to B', async () => {
    const { a, b, answers, aborted } = setup();
    await settle();
    expect(answers.pending).toHaveLength(1); // one request for both
    a.list.destroy();
    await settle();
    expect(aborted).toEqual([]);
    expect(answers.pending).toHaveLength(1);
    await answers.answerAll(20);
    expect(b.shown()).toEqual(['s0', 's1', 's2']);
  });

  it('refresh(): destroying A while the shared refetch is on its way, B shows its answer', async () => {
    const { a, b, answers, aborted, change } = setup();
    await settle();
    await answers.answerAll(20);
    change();
    a.list.refresh();
    b.list.refresh(); // starts over: drops the query A's refresh asked (A asks again, joining B's)
    await settle();
    aborted.splice(0);
    expect(answers.pending).toHaveLength(1);
    a.list.destroy();
    await settle();
    expect(aborted).toEqual([]);
    expect(b.shown()).toEqual(['s0~', 's1~', 's2~']);
    await answers.answerAll(20);
    expect(b.shown()).toEqual(['s0.1', 's1.1', 's2.1']);
  });

  it('invalidateQueries: A losing its last subscriber while the refetch is on its way, B shows its answer', async () => {
    const { a, b, answers, aborted, change, queryClient, key } = setup();
    await settle();
    await answers.answerAll(20);
    change();
    await queryClient.invalidateQueries({ queryKey: key });
    await settle();
    expect(answers.pending).toHaveLength(1);
    a.stop();
    await settle();
    expect(aborted).toEqual([]);
    await answers.answerAll(20);
    expect(b.shown()).toEqual(['s0.1', 's1.1', 's2.1']);
  });

  it('destroying both: the request is aborted with the last, and nothing is asked after', async () => {
    const { a, b, answers, aborted, change } = setup();
    await settle();
    await answers.answerAll(20);
    change();
    a.list.refresh();
    b.list.refresh(); // starts over: drops the query A's refresh asked (A asks again, joining B's)
    await settle();
    aborted.splice(0);
    a.list.destroy();
    await settle();
    expect(aborted).toEqual([]);
    b.list.destroy();
    await settle();
    expect(aborted).toEqual(['offset 0']);
    expect(answers.pending).toEqual([]);
  });

  it('unsubscribing both: the request is aborted with the last', async () => {
    const { a, b, answers, aborted } = setup();
    await settle();
    a.stop();
    await settle();
    expect(aborted).toEqual([]);
    b.stop();
    await settle();
    expect(aborted).toEqual(['offset 0']);
    expect(answers.pending).toEqual([]);
  });
});
