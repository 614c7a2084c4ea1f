import { describe, expect, it } from 'vitest';
import {
  checkRecord,
  type IndexEntry,
  isFresh,
  mergeIndex,
  parseIndex,
  serializeIndex,
} from './cacheIndex.ts';

const expectation = { version: 3, namespace: 'u1', now: 10_000, ttlMs: 1_000 };
const record = (fields: object = {}) => ({
  v: 3,
  ns: 'u1',
  storedAt: 9_500,
  bytes: 40,
  data: { items: [1] },
  ...fields,
});
const entry = (lastUsed: number): IndexEntry => ({ bytes: 10, storedAt: 1, lastUsed });

describe('isFresh (TTL)', () => {
  it.each([
    [1_000, 1_000, 1_000, true],
    [1_000, 1_999, 1_000, true],
    [1_000, 2_000, 1_000, false],
    [1_000, 500, 1_000, true], // a slightly fast clock in another tab
    [10_000, 500, 1_000, false], // dated far in the future: not forever
  ])('storedAt %d, now %d, ttl %d → %s', (storedAt, now, ttl, fresh) => {
    expect(isFresh(storedAt, now, ttl)).toBe(fresh);
  });
});

describe('checkRecord', () => {
  it('serves a fresh record of the same version and namespace', () => {
    expect(checkRecord(record(), expectation)).toEqual({
      kind: 'hit',
      data: { items: [1] },
      bytes: 40,
      storedAt: 9_500,
    });
  });

  it('reports an absent record', () => {
    expect(checkRecord(undefined, expectation).kind).toBe('absent');
  });

  it('expires a record past its TTL', () => {
    expect(checkRecord(record({ storedAt: 8_000 }), expectation).kind).toBe('expired');
  });

  it.each([
    ['another version', record({ v: 2 })],
    ['another namespace', record({ ns: 'u2' })],
    ['a string', 'garbage'],
    ['null', null],
    ['no data', { v: 3, ns: 'u1', storedAt: 9_500, bytes: 1 }],
    ['a non-numeric storedAt', record({ storedAt: 'yesterday' })],
  ])('rejects %s as invalid', (_, raw) => {
    expect(checkRecord(raw, expectation).kind).toBe('invalid');
  });
});

describe('index', () => {
  it('round-trips through its stored form', () => {
    const entries = new Map([
      ['a', { bytes: 10, storedAt: 1, lastUsed: 2 }],
      ['b', { bytes: 20, storedAt: 3, lastUsed: 4 }],
    ]);
    const parsed = parseIndex(serializeIndex('v7', entries));
    expect(parsed).toEqual({ kind: 'ok', version: 'v7', entries });
  });

  it('is absent in a new store', () => {
    expect(parseIndex(undefined)).toEqual({ kind: 'absent' });
  });

  it.each([
    ['a string', 'x'],
    ['an unknown format', { format: 2, version: 1, entries: {} }],
    ['no version', { format: 1, entries: {} }],
    ['a malformed entry', { format: 1, version: 1, entries: { a: [1, 2] } }],
    ['a NaN in an entry', { format: 1, version: 1, entries: { a: [1, Number.NaN, 2] } }],
  ])('is corrupt with %s', (_, raw) => {
    expect(parseIndex(raw)).toEqual({ kind: 'corrupt' });
  });

  it('merges this tab’s changes into what another tab stored', () => {
    const fresh = new Map([
      ['theirs', entry(1)],
      ['shared', entry(2)],
      ['deleted-here', entry(3)],
    ]);
    const changes = new Map<string, IndexEntry | null>([
      ['shared', entry(9)],
      ['deleted-here', null],
      ['mine', entry(5)],
    ]);
    const merged = mergeIndex(fresh, changes);
    expect([...merged.keys()].sort()).toEqual(['mine', 'shared', 'theirs']);
    expect(merged.get('shared')?.lastUsed).toBe(9);
    expect(fresh.has('deleted-here')).toBe(true); // inputs untouched
  });
});
