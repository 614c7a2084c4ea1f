import { describe, expect, it } from 'vitest';
import { databaseName, entryKey, INDEX_KEY, parseEntryKey } from './cacheKeys.ts';

describe('entry keys', () => {
  it.each([
    ['plain', 'user-1', '["users"]', 3],
    ['namespace with separators', 'a","b|c', '["x",{"f":1}]', 0],
    ['negative cursor ordinal', '', '["feed"]', -7],
    ['saved scroll', 'u', '["users"]', 'scroll' as const],
  ])('round-trips a %s key', (_, namespace, dataset, slot) => {
    expect(parseEntryKey(entryKey(namespace, dataset, slot))).toEqual({ namespace, dataset, slot });
  });

  it('keeps namespaces apart even when one is a prefix of the other', () => {
    expect(entryKey('user-1', 'd', 1)).not.toBe(entryKey('user-10', 'd', 1));
    expect(parseEntryKey(entryKey('user-10', 'd', 1))?.namespace).toBe('user-10');
  });

  it.each([
    [INDEX_KEY],
    ['[1,2]'],
    ['["a","b",1.5]'],
    ['["a","b","page"]'],
    ['[not json'],
    [42],
    [['a', 'b', 1]],
  ])('does not parse %j as an entry', (key) => {
    expect(parseEntryKey(key)).toBeUndefined();
  });

  it('names the database after the cache', () => {
    expect(databaseName('users')).toBe('lazyflow-cache:users');
  });
});
