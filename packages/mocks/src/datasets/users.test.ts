import { describe, expect, it } from 'vitest';
import {
  SORT_ORDERS,
  type SortOrder,
  USER_SORTS,
  USER_TOTAL,
  type User,
  type UserSort,
  user,
  userAt,
  userIdAt,
  userPosition,
  userSections,
  users,
} from './users.ts';

/** The order the server promises: by the column, ties by id, reversed for `desc`. */
function compare(sort: UserSort, order: SortOrder, a: User, b: User): number {
  const key = (u: User) => (sort === 'name' ? u.name : u.signedUpAt);
  const byColumn = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const result = byColumn !== 0 ? byColumn : a.id - b.id;
  return order === 'asc' ? result : -result;
}

const ORDERS = USER_SORTS.flatMap((sort) => SORT_ORDERS.map((order) => [sort, order] as const));

describe('user directory', () => {
  it('gives an equal user for the same id', () => {
    expect(user(424_242)).toEqual(user(424_242));
    expect(user(424_242).id).toBe(424_242);
  });

  it('name order: every id appears exactly once over all 1,000,000 positions', () => {
    const seen = new Uint8Array(USER_TOTAL);
    let outOfRange = 0; // counted, not asserted per position: a million expect() calls take seconds
    for (let position = 0; position < USER_TOTAL; position++) {
      const id = userIdAt('name', 'asc', position);
      if (Number.isInteger(id) && id >= 0 && id < USER_TOTAL) seen[id] = (seen[id] ?? 0) + 1;
      else outOfRange += 1;
    }
    expect(outOfRange).toBe(0);
    expect(seen.every((count) => count === 1)).toBe(true);
  }, 20_000);

  it.each(ORDERS)('%s %s: position → id → position round-trips over a sample', (sort, order) => {
    const ids = new Set<number>();
    for (let k = 0; k < 2_000; k++) {
      const position = (k * 7_919_993) % USER_TOTAL; // spread over the whole range
      const id = userIdAt(sort, order, position);
      expect(userPosition(sort, order, id)).toBe(position);
      ids.add(id);
    }
    expect(ids.size).toBe(2_000);
  });

  it.each(ORDERS)('%s %s: pages are sorted, also across page boundaries', (sort, order) => {
    // Three consecutive pages of 100 at the start, the middle and the end.
    for (const start of [0, 499_950, USER_TOTAL - 300]) {
      const run = [...users(sort, order, start, 100), ...users(sort, order, start + 100, 100)];
      run.push(...users(sort, order, start + 200, 100));
      expect(run).toHaveLength(300);
      for (let k = 1; k < run.length; k++) {
        expect(compare(sort, order, run[k - 1] as User, run[k] as User)).toBeLessThan(0);
      }
    }
  });

  it('descending is ascending reversed, and the ends are what a sort would give', () => {
    expect(userAt('signedUp', 'asc', 0).id).toBe(0);
    expect(userAt('signedUp', 'desc', 0).id).toBe(USER_TOTAL - 1);
    expect(userAt('name', 'desc', 0)).toEqual(userAt('name', 'asc', USER_TOTAL - 1));
    expect(userAt('name', 'asc', 0).name).toBe('Aaliyah A. Abbott');
    expect(userAt('name', 'desc', 0).name).toBe('Zubair Z. Zimmerman');
  });

  it('shares names between a few users, so ties are ordered by id', () => {
    const page = users('name', 'asc', 300_000, 100);
    const names = new Set(page.map((u) => u.name));
    expect(names.size).toBeLessThan(page.length);
    expect(names.size).toBeGreaterThan(page.length / 10);
  });

  it('signup times strictly increase with id', () => {
    for (const id of [0, 1, 500_000, USER_TOTAL - 2]) {
      expect(Date.parse(user(id + 1).signedUpAt)).toBeGreaterThan(Date.parse(user(id).signedUpAt));
    }
  });

  it('stops at the end of the directory', () => {
    expect(users('name', 'asc', USER_TOTAL - 2, 10)).toHaveLength(2);
    expect(users('signedUp', 'desc', USER_TOTAL, 10)).toEqual([]);
  });
});

describe('userSections', () => {
  it('splits the name order into letters that cover it end to end', () => {
    const sections = userSections();
    expect(sections.map((s) => s.letter).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(sections[0]?.start).toBe(0);
    for (let k = 1; k < sections.length; k++) {
      const [a, b] = [sections[k - 1], sections[k]];
      expect(b?.start).toBe((a?.start ?? 0) + (a?.count ?? 0));
    }
    expect((sections.at(-1)?.start ?? 0) + (sections.at(-1)?.count ?? 0)).toBe(USER_TOTAL);
  });

  it('starts each section at the first user with that initial', () => {
    for (const { letter, start } of userSections()) {
      expect(userAt('name', 'asc', start).name.charAt(0)).toBe(letter);
      if (start > 0) expect(userAt('name', 'asc', start - 1).name.charAt(0)).not.toBe(letter);
    }
  });
});
