import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// Decision 0073: a window set by a listener while the list calls its listeners is part of that
// round; a change of the data is a nested round, as before.

function logList(): LazyList<number> {
  return createLazyList<number>({
    key: ['listener-round'],
    queryClient: new QueryClient(),
    prefetch: 0,
    source: offsetSource({ pageSize: 4, initialCount: 0, fetchPage: async () => ({ items: [] }) }),
  });
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/**
 * Subscribes listeners named by letter and sets the window to rows 0–3; from then on each call
 * logs `name:count/window end` of the snapshot it reads, then runs the listener's `act` (the
 * view's part: moving the window to the end).
 */
function listen(list: LazyList<number>, names: string[], act: Record<string, () => void>) {
  const heard = { log: [] as string[], armed: false, stopBy: {} as Record<string, () => void> };
  for (const name of names) {
    const stop = list.subscribe(() => {
      if (!heard.armed) return; // the acts start with the append under test
      const { count, window } = list.getSnapshot();
      heard.log.push(`${name}:${count}/${window?.end}`);
      act[name]?.();
    });
    heard.stopBy[name] = stop;
    stops.push(stop);
  }
  list.setWindow({ start: 0, end: 4 });
  heard.armed = true;
  return heard;
}

const followEnd = (list: LazyList<number>) => () => {
  const { count } = list.getSnapshot();
  list.setWindow({ start: Math.max(0, count - 4), end: count });
};

describe('a round of the list’s listeners', () => {
  it('a window set by a listener reaches those after it in the round and those before it once more', () => {
    const list = logList();
    const { log } = listen(list, ['a', 'b', 'c'], { b: followEnd(list) });
    list.append([0, 1, 2, 3, 4, 5]);
    expect(log).toEqual(['a:6/4', 'b:6/4', 'c:6/6', 'a:6/6']);
    expect(list.getSnapshot().window?.end).toBe(6);
  });

  it('a change of the data by a listener is a nested round, heard by every listener', () => {
    const list = logList();
    let appended = false;
    const { log } = listen(list, ['a', 'b', 'c'], {
      b: () => {
        if (appended) return;
        appended = true;
        list.append([9]);
      },
    });
    list.append([0, 1]);
    expect(log).toEqual(['a:2/4', 'b:2/4', 'a:3/4', 'b:3/4', 'c:3/4', 'c:3/4']);
  });

  it('a listener gone before the end of the round is not called again', () => {
    const list = logList();
    const heard = listen(list, ['a', 'b'], {
      b: () => {
        heard.stopBy.a?.();
        followEnd(list)();
      },
    });
    const { log } = heard;
    list.append([0, 1, 2, 3, 4, 5]);
    expect(log).toEqual(['a:6/4', 'b:6/4']);
    expect(list.getSnapshot().window?.end).toBe(6);
  });
});
