// Invalid options throw a TypeError naming the option, before any work starts.
import { describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';

describe('createLazyList option validation', () => {
  const source = offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [] }) });
  it.each<[string, () => unknown, RegExp]>([
    [
      'negative pageSize',
      () => offsetSource({ pageSize: -1, fetchPage: async () => ({ items: [] }) }),
      /"pageSize" must be a positive integer, got -1/,
    ],
    [
      'missing fetchPage',
      () => offsetSource({ pageSize: 10 } as never),
      /offsetSource option "fetchPage" must be a function/,
    ],
    [
      'key not an array',
      () => createLazyList({ key: 'users' as never, source }),
      /createLazyList option "key"/,
    ],
    ['missing source', () => createLazyList({ key: ['x'] } as never), /createLazyList option "source"/],
    [
      'negative prefetch',
      () => createLazyList({ key: ['x'], source, prefetch: -1 }),
      /"prefetch" must be an integer >= 0/,
    ],
    ['zero maxConcurrent', () => createLazyList({ key: ['x'], source, maxConcurrent: 0 }), /"maxConcurrent"/],
    [
      'negative maxBytes',
      () => createLazyList({ key: ['x'], source, memory: { maxBytes: -5 } }),
      /"memory.maxBytes"/,
    ],
    [
      'zero retry attempts',
      () => createLazyList({ key: ['x'], source, retry: { attempts: 0 } }),
      /"retry.attempts"/,
    ],
    [
      // The list follows a monitor through the monitor's own method (decision 0023): a
      // look-alike object is refused at creation, not found wanting at the first subscriber.
      'a memoryMonitor not made by createMemoryMonitor',
      () =>
        createLazyList({
          key: ['x'],
          source,
          memoryMonitor: {
            register: () => ({ update() {}, unregister() {} }),
            subscribe: () => () => {},
            getSnapshot: () => ({ level: 'ok' }),
          } as never,
        }),
      /createLazyList option "memoryMonitor" must be a monitor from createMemoryMonitor\(\), or null/,
    ],
  ])('throws a TypeError naming the option for %s', (_name, create, message) => {
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it('throws a TypeError naming "end" for a window ending before it starts', () => {
    const list = createLazyList({ key: ['x'], source });
    expect(() => list.setWindow({ start: 10, end: 5 })).toThrow(
      /setWindow option "end" must be >= start \(10\), got 5/,
    );
    list.destroy();
  });
});
