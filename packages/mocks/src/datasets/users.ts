// The user directory behind `/api/users`: 1,000,000 users that the server can sort by name or by
// signup date without ever sorting. Ids are handed out in signup order, so the signup order is
// the id order. The name order comes from a bijection: `shuffle` maps a user id to a rank in a
// pool of names that is generated already sorted, so the k-th name is a formula. Users who share
// a name (about five per name) are ordered by id, as `ORDER BY name, id` would; that only needs
// the handful of ids of one name sorted. Every lookup is O(1) in the size of the directory.
import { hash32 } from '../dataset.ts';

/** One user of the directory (`/api/users`). */
export interface User {
  /** Also the signup order: a larger id signed up later. */
  id: number;
  /** "First M. Last": ASCII only, so the server's order is plain code-unit order. */
  name: string;
  email: string;
  country: string;
  plan: 'free' | 'pro' | 'team';
  /** ISO timestamp, strictly increasing with `id`. */
  signedUpAt: string;
}

/** The columns the server sorts by. */
export type UserSort = 'name' | 'signedUp';
/** Ascending or descending. */
export type SortOrder = 'asc' | 'desc';

/** Every value `?sort=` accepts, the default first. */
export const USER_SORTS: readonly UserSort[] = ['name', 'signedUp'];
/** Every value `?order=` accepts, the default first. */
export const SORT_ORDERS: readonly SortOrder[] = ['asc', 'desc'];

/** Users in the directory. */
export const USER_TOTAL = 1_000_000;

// Plain `.sort()` is code-unit order; names are joined with a space, which sorts before every
// letter, so the order of (first, middle, last) tuples is the order of the joined strings.
const FIRST = (
  'Aaliyah Ada Adam Aiko Alan Amara Ana Anna Arjun Astrid Ben Bjorn Carlos Chen Chloe Dara David ' +
  'Dennis Edsger Elena Emeka Farah Felix Frances Grace Hana Ines Ivan Jada Jonas Jose Kai Ken Lars ' +
  'Leila Linus Lucia Malik Margaret Mei Mira Nadia Noah Nora Olu Omar Priya Quinn Ravi Rosa Sami ' +
  'Sofia Tariq Thandi Uma Victor Wen Xena Yara Yusuf Zara Zoe Zola Zubair'
)
  .split(' ')
  .sort();
const MIDDLE = Array.from({ length: 26 }, (_, k) => `${String.fromCharCode(65 + k)}.`);
const LAST = (
  'Abbott Adeyemi Allen Alvarez Andersen Baker Banerjee Bauer Bianchi Brooks Carter Castro Chen ' +
  'Cohen Costa Dahl Diaz Dijkstra Dubois Eriksson Evans Fischer Flores Fujita Garcia Gupta Haddad ' +
  'Hamilton Hansen Hopper Hughes Ibrahim Ito Jensen Johnson Kaur Kim Kowalski Kumar Larsen Lee ' +
  'Lopez Lovelace Mahlangu Martin Meyer Moreau Muller Murphy Nakamura Nguyen Novak Nunez Okafor ' +
  'Olsen Ortiz Park Patel Perez Petrov Quinn Ramos Reyes Ritchie Rossi Sato Schmidt Silva Singh ' +
  'Smith Sokolov Suzuki Tanaka Taylor Thompson Torvalds Turing Umar Vargas Vogel Wagner Walker Wang ' +
  'Weber Wilson Wong Xu Yamamoto Yilmaz Young Zhang Zimmerman'
)
  .split(' ')
  .sort();
/** Distinct names; name group g is `FIRST[g / (26·L)] MIDDLE[(g / L) % 26] LAST[g % L]`. */
const NAMES = FIRST.length * MIDDLE.length * LAST.length;

const COUNTRIES = ['BR', 'CA', 'DE', 'ES', 'FR', 'GB', 'IN', 'JP', 'KE', 'MX', 'NG', 'NL', 'SE', 'US'];
const PLANS: readonly User['plan'][] = ['free', 'free', 'free', 'free', 'free', 'pro', 'pro', 'team'];
const FIRST_SIGNUP_MS = Date.UTC(2021, 0, 1);
const SIGNUP_INTERVAL_MS = 90_000;

// --- The bijection id ↔ name-pool rank: a 4-round Feistel network on 20 bits with cycle
// walking. 2^20 = 1,048,576 ≥ USER_TOTAL; a value that lands outside [0, USER_TOTAL) is fed
// through again until it lands inside (about 1.05 rounds on average), which keeps it a
// permutation of [0, USER_TOTAL). Decoding runs the rounds backwards and walks the same way.
const HALF_BITS = 10;
const HALF_MASK = (1 << HALF_BITS) - 1;
const ROUNDS = 4;

function round(value: number, key: number): number {
  return hash32(value, 40 + key) & HALF_MASK;
}

function feistel(x: number): number {
  let left = x >>> HALF_BITS;
  let right = x & HALF_MASK;
  for (let k = 0; k < ROUNDS; k++) [left, right] = [right, left ^ round(right, k)];
  return (left << HALF_BITS) | right;
}

function feistelInverse(y: number): number {
  let left = y >>> HALF_BITS;
  let right = y & HALF_MASK;
  for (let k = ROUNDS - 1; k >= 0; k--) [left, right] = [right ^ round(left, k), left];
  return (left << HALF_BITS) | right;
}

/** The name-pool rank of user `id` (a permutation of [0, USER_TOTAL)). */
function shuffle(id: number): number {
  let x = feistel(id);
  while (x >= USER_TOTAL) x = feistel(x);
  return x;
}

/** The user id at name-pool rank `rank` (the inverse of {@link shuffle}). */
function unshuffle(rank: number): number {
  let x = feistelInverse(rank);
  while (x >= USER_TOTAL) x = feistelInverse(x);
  return x;
}

// --- Name groups: pool ranks [groupStart(g), groupStart(g + 1)) all carry name g.
function groupStart(group: number): number {
  return Math.ceil((group * USER_TOTAL) / NAMES);
}

function groupOf(rank: number): number {
  return Math.floor((rank * NAMES) / USER_TOTAL);
}

/** The ids of name group `group`, ascending: the group's order in the name sort. */
function groupIds(group: number): number[] {
  const ids: number[] = [];
  for (let rank = groupStart(group); rank < groupStart(group + 1); rank++) ids.push(unshuffle(rank));
  return ids.sort((a, b) => a - b);
}

function nameOf(group: number): { first: string; middle: string; last: string } {
  const last = LAST[group % LAST.length] as string;
  const middle = MIDDLE[Math.floor(group / LAST.length) % MIDDLE.length] as string;
  const first = FIRST[Math.floor(group / (LAST.length * MIDDLE.length))] as string;
  return { first, middle, last };
}

/** User `id`. Pure: the same id always gives an equal object. */
export function user(id: number): User {
  const { first, middle, last } = nameOf(groupOf(shuffle(id)));
  const h = (salt: number) => hash32(id, salt);
  return {
    id,
    name: `${first} ${middle} ${last}`,
    email: `${first}.${middle.charAt(0)}.${last}${id}@example.com`.toLowerCase(),
    country: COUNTRIES[h(50) % COUNTRIES.length] as string,
    plan: PLANS[h(51) % PLANS.length] as User['plan'],
    signedUpAt: new Date(
      FIRST_SIGNUP_MS + id * SIGNUP_INTERVAL_MS + (h(52) % SIGNUP_INTERVAL_MS),
    ).toISOString(),
  };
}

/** The id of the user at position `position` (0-based) of the ascending order by `sort`. */
function idAtAscending(sort: UserSort, position: number): number {
  if (sort === 'signedUp') return position;
  const group = groupOf(position);
  return groupIds(group)[position - groupStart(group)] as number;
}

/**
 * The id of the user at `position` (0-based) when the directory is sorted by `sort` in `order`;
 * descending is the exact reverse of ascending (ties by id descending too).
 *
 * @example
 * userIdAt('signedUp', 'desc', 0); // 999,999: the newest signup
 */
export function userIdAt(sort: UserSort, order: SortOrder, position: number): number {
  return idAtAscending(sort, order === 'asc' ? position : USER_TOTAL - 1 - position);
}

/**
 * Where user `id` is when the directory is sorted by `sort` in `order` (the inverse of
 * {@link userIdAt}).
 */
export function userPosition(sort: UserSort, order: SortOrder, id: number): number {
  let ascending = id;
  if (sort === 'name') {
    const group = groupOf(shuffle(id));
    ascending = groupStart(group) + groupIds(group).indexOf(id);
  }
  return order === 'asc' ? ascending : USER_TOTAL - 1 - ascending;
}

/**
 * The user at `position` of the order by `sort` in `order`.
 *
 * @example
 * userAt('name', 'asc', 749_999).name; // row 750,000 of the directory sorted by name
 */
export function userAt(sort: UserSort, order: SortOrder, position: number): User {
  return user(userIdAt(sort, order, position));
}

/** Users `[offset, offset + limit)` of the directory sorted by `sort` in `order`: O(limit). */
export function users(sort: UserSort, order: SortOrder, offset: number, limit: number): User[] {
  const out: User[] = [];
  const end = Math.min(offset + limit, USER_TOTAL);
  for (let position = offset; position < end; position++) out.push(userAt(sort, order, position));
  return out;
}

/** Where the users whose name starts with `letter` begin in the name order (ascending). */
export interface UserSection {
  readonly letter: string;
  /** Position of the section's first user in the ascending name order. */
  readonly start: number;
  /** Users in the section. */
  readonly count: number;
}

/**
 * The directory's letter index: one section per initial of the first name, in the ascending name
 * order (what a contacts app's server sends beside the first page: "A" starts at 0, "B" at …).
 *
 * @example
 * userSections().find((s) => s.letter === 'M'); // { letter: 'M', start: …, count: … }
 */
export function userSections(): UserSection[] {
  const sections: UserSection[] = [];
  const perFirst = MIDDLE.length * LAST.length;
  FIRST.forEach((first, k) => {
    const letter = first.charAt(0);
    const start = groupStart(k * perFirst);
    const end = groupStart((k + 1) * perFirst);
    const last = sections.at(-1);
    if (last?.letter === letter) sections[sections.length - 1] = { ...last, count: last.count + end - start };
    else sections.push({ letter, start, count: end - start });
  });
  return sections;
}
