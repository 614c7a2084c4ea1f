import { describe, expect, it } from 'vitest';
import type { StoredRecord } from './cacheIndex.ts';
import { CacheWriteQueue } from './cacheWriteQueue.ts';

const record = (data: unknown): StoredRecord => ({ v: 1, ns: '', storedAt: 1, bytes: 10, data });

/** A `write()` promise's resolver that records what it was told. */
function outcome() {
  const told: boolean[] = [];
  return { told, settle: (written: boolean) => told.push(written) };
}

describe('CacheWriteQueue', () => {
  it('keeps a deletion taken by a flush hidden until it settles, unless the entry is written again', () => {
    const queue = new CacheWriteQueue();
    queue.delete('a');
    queue.delete('b');
    const { writes, deletes } = queue.take();
    expect(deletes).toEqual(['a', 'b']);
    queue.add('b', record('new'), () => {});
    expect([queue.deleting('a'), queue.deleting('b')]).toEqual([true, false]);
    queue.settle(writes, new Set());
    expect(queue.deleting('a')).toBe(false);
  });

  it('keeps the newest record of an entry and resolves every write of it with the batch', () => {
    const queue = new CacheWriteQueue();
    const [older, newer] = [outcome(), outcome()];
    queue.add('a', record('old'), older.settle);
    queue.add('a', record('new'), newer.settle);
    expect(queue.size).toBe(1);
    expect(queue.queued('a')?.record.data).toBe('new');
    const { writes } = queue.take();
    queue.settle(writes, new Set(['a']));
    expect([older.told, newer.told]).toEqual([[true], [true]]);
  });

  it('serves the batch being written until it settles, and queues new writes for the next flush', () => {
    const queue = new CacheWriteQueue();
    queue.add('a', record('first'), () => {});
    const { writes } = queue.take();
    expect([queue.size, queue.queued('a')?.record.data]).toEqual([0, 'first']);
    queue.add('b', record('next'), () => {});
    expect(queue.entries()).toEqual(['b', 'a']); // a removal finds the batch being written too
    queue.settle(writes, new Set());
    expect(queue.queued('a')).toBeUndefined();
    expect(queue.entries()).toEqual(['b']);
  });

  it('resolves false for writes the flush did not commit', () => {
    const queue = new CacheWriteQueue();
    const [kept, rejected] = [outcome(), outcome()];
    queue.add('kept', record(1), kept.settle);
    queue.add('rejected', record(2), rejected.settle);
    const { writes } = queue.take();
    queue.settle(writes, new Set(['kept']));
    expect([kept.told, rejected.told]).toEqual([[true], [false]]);
  });

  it('hands deletions to one flush; a new write of the entry cancels its deletion', () => {
    const queue = new CacheWriteQueue();
    queue.delete('gone');
    queue.delete('back');
    queue.add('back', record('again'), () => {});
    expect([queue.deleting('gone'), queue.deleting('back'), queue.deletions]).toEqual([true, false, 1]);
    expect(queue.take().deletes).toEqual(['gone']);
    expect([queue.deletions, queue.idle]).toEqual([0, true]);
  });

  it('remove() cancels the waiting write (resolving false) and queues the deletion', () => {
    const queue = new CacheWriteQueue();
    const write = outcome();
    queue.add('a', record(1), write.settle);
    queue.remove('a');
    expect([write.told, queue.size, queue.deleting('a')]).toEqual([[false], 0, true]);
  });

  it('dropWrites() resolves every waiting write false and keeps deletions; dropDeletes() forgets them', () => {
    const queue = new CacheWriteQueue();
    const [a, b] = [outcome(), outcome()];
    queue.add('a', record(1), a.settle);
    queue.add('b', record(2), b.settle);
    queue.delete('c');
    queue.dropWrites();
    expect([a.told, b.told, queue.size, queue.deletions]).toEqual([[false], [false], 0, 1]);
    queue.dropDeletes();
    expect(queue.idle).toBe(true);
  });
});
