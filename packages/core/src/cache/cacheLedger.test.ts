import { describe, expect, it } from 'vitest';
import type { IndexEntry } from './cacheIndex.ts';
import { CacheLedger } from './cacheLedger.ts';

const entry = (bytes: number, lastUsed = 1): IndexEntry => ({ bytes, storedAt: 1, lastUsed });

describe('CacheLedger', () => {
  it('keeps bytes in step with sets, overwrites and deletions', () => {
    const ledger = new CacheLedger();
    ledger.set('a', entry(10));
    ledger.set('b', entry(20));
    ledger.set('a', entry(15));
    ledger.set('b', null);
    expect(ledger.bytes).toBe(15);
    expect([...ledger.entries.keys()]).toEqual(['a']);
    expect(ledger.changes()).toEqual(
      new Map([
        ['a', entry(15)],
        ['b', null],
      ]),
    );
  });

  it('adopts another tab’s entries on commit and keeps changes made during the commit', () => {
    const ledger = new CacheLedger();
    ledger.load(new Map([['old', entry(5)]]));
    ledger.set('mine', entry(10));
    const applied = ledger.changes();
    const merged = new Map([
      ['theirs', entry(7)],
      ['mine', entry(10)],
    ]); // what the commit wrote: their index + my changes ('old' was evicted by them)
    ledger.set('during', entry(3)); // a read touched an entry while the commit ran
    ledger.committed(merged, applied);
    expect([...ledger.entries.keys()].sort()).toEqual(['during', 'mine', 'theirs']);
    expect(ledger.bytes).toBe(20);
    expect(ledger.dirty).toBe(true);
    expect([...ledger.changes().keys()]).toEqual(['during']);
  });

  it('forgets pending changes when loaded anew', () => {
    const ledger = new CacheLedger();
    ledger.set('a', entry(10));
    ledger.load(new Map());
    expect([ledger.bytes, ledger.dirty]).toEqual([0, false]);
  });
});
