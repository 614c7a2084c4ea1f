// A search index over generated documents that never materialises them. Document `id` is a
// mixed-radix number: digit i picks the word of slot i from a vocabulary of RADIX[i] words, so
// the collection size is exactly the product of the vocabulary sizes (16·25·25·40·25 =
// 10,000,000) and every document is one combination. Two consequences make search cheap:
// - the number of documents whose slot words lie in given sets is the product of the set
//   sizes (no scan), and
// - the next matching id after a cursor is found digit by digit from the most significant one,
//   in O(slots × vocabulary size), so a page of `limit` results costs O(limit).
// To keep neighbouring ids from reading alike, each slot's word is its digit rotated by a hash
// of the digits above it. The rotation is a bijection for fixed higher digits, so both facts
// above still hold.
import { hash32 } from '../dataset.ts';

/** One slot's allowed word indexes, or null for "any word". */
type Allowed = ReadonlySet<number> | null;

/**
 * A parsed query. Every term must be a whole word of the document; `prefix` (the last word,
 * while it is still being typed) must begin one of the document's words. Words are ASCII
 * letters and digits, lower-cased, accents folded; everything else separates words.
 */
export interface SearchQuery {
  /** Complete words: the document must contain each of them (AND). */
  readonly terms: readonly string[];
  /** The word being typed (no separator after it yet), or null. */
  readonly prefix: string | null;
  /** Canonical text of the query (`terms prefix*`): equal keys give equal results. */
  readonly key: string;
}

/**
 * Splits a search box's text into terms and a trailing prefix.
 *
 * @example
 * parseSearchQuery('Harbor lan'); // { terms: ['harbor'], prefix: 'lan', key: 'harbor lan*' }
 * parseSearchQuery('harbor ');    // { terms: ['harbor'], prefix: null, key: 'harbor' }
 */
export function parseSearchQuery(text: string): SearchQuery {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = folded.match(/[a-z0-9]+/g) ?? [];
  const open = words.length > 0 && /[a-z0-9]$/.test(folded);
  const terms = open ? words.slice(0, -1) : words;
  const prefix = open ? (words.at(-1) ?? null) : null;
  return { terms, prefix, key: [...terms, ...(prefix === null ? [] : [`${prefix}*`])].join(' ') };
}

/** A compiled query: the union of `groups` (each a conjunction of per-slot word sets). */
export interface SearchMatcher {
  /** Number of matching documents. */
  readonly count: number;
  readonly groups: readonly (readonly Allowed[])[];
}

/** What {@link createSearchIndex} returns. */
export interface SearchIndex {
  /** Number of documents: the product of the vocabulary sizes. */
  readonly total: number;
  /** The vocabulary of each slot. */
  readonly slots: readonly (readonly string[])[];
  /** The slot words of document `id`, slot 0 first. */
  wordsOf(id: number): string[];
  /** Compiles a query; a term that is no word of the vocabulary matches nothing. */
  match(query: SearchQuery): SearchMatcher;
  /**
   * Up to `limit` matching ids after (`forward`: ids ≥ `from`) or before (`backward`: ids < `from`)
   * a boundary, ascending either way.
   */
  page(matcher: SearchMatcher, from: number, limit: number, direction: 'forward' | 'backward'): number[];
}

/**
 * An index over every combination of one word per slot. `slots` must not share words.
 *
 * @example
 * const index = createSearchIndex([['red', 'blue'], ['cat', 'dog', 'owl']]); // 6 documents
 * index.page(index.match(parseSearchQuery('dog ')), 0, 10, 'forward'); // the 2 ids with "dog"
 */
export function createSearchIndex(slots: readonly (readonly string[])[]): SearchIndex {
  const radix = slots.map((words) => words.length);
  // place[i] = product of the radixes below slot i; place[K] = total.
  const place = [1];
  for (const size of radix) place.push((place.at(-1) ?? 1) * size);
  const total = place.at(-1) ?? 1;
  const slotOf = new Map<string, { slot: number; word: number }>();
  slots.forEach((words, slot) => {
    words.forEach((word, index) => {
      if (slotOf.has(word)) throw new Error(`createSearchIndex: "${word}" is in two slots`);
      slotOf.set(word, { slot, word: index });
    });
  });
  const rotation = (slot: number, higher: number) => hash32(higher, 101 + slot) % (radix[slot] ?? 1);
  const wordIndex = (id: number, slot: number) => {
    const size = radix[slot] ?? 1;
    const digit = Math.floor(id / (place[slot] ?? 1)) % size;
    return (digit + rotation(slot, Math.floor(id / (place[slot + 1] ?? 1)))) % size;
  };
  const countOf = (allowed: readonly Allowed[]) =>
    allowed.reduce((product, set, slot) => product * (set === null ? (radix[slot] ?? 1) : set.size), 1);

  /** The first (`step` 1) or last (`step` −1) id from `start` on, in that direction, whose words are allowed. */
  function seek(allowed: readonly Allowed[], start: number, step: 1 | -1): number {
    if (start < 0 || start >= total || allowed.some((set) => set !== null && set.size === 0)) return -1;
    const descend = (slot: number, higher: number, tight: boolean): number => {
      const size = radix[slot] ?? 1;
      const bound = Math.floor(start / (place[slot] ?? 1)) % size;
      const shift = rotation(slot, higher);
      const set = allowed[slot] ?? null;
      const first = tight ? bound : step === 1 ? 0 : size - 1;
      for (let digit = first; digit >= 0 && digit < size; digit += step) {
        if (set !== null && !set.has((digit + shift) % size)) continue;
        if (slot === 0) return digit;
        // Off the tight path every slot has an allowed digit, so this backtracks at most once per slot.
        const rest = descend(slot - 1, higher * size + digit, tight && digit === bound);
        if (rest >= 0) return digit * (place[slot] ?? 1) + rest;
      }
      return -1;
    };
    return descend(radix.length - 1, 0, true);
  }

  return {
    total,
    slots,
    wordsOf: (id) => slots.map((words, slot) => words[wordIndex(id, slot)] ?? ''),
    match(query) {
      const base: Allowed[] = radix.map(() => null);
      for (const term of query.terms) {
        const hit = slotOf.get(term);
        if (hit === undefined) return { count: 0, groups: [] };
        const current = base[hit.slot] ?? null;
        base[hit.slot] = new Set(current === null || current.has(hit.word) ? [hit.word] : []);
      }
      const { prefix } = query;
      if (prefix === null) return { count: countOf(base), groups: [base] };
      // The prefix may begin words of several slots: the union of one group per such slot,
      // counted as base minus the documents where no slot's word begins with it.
      const groups: Allowed[][] = [];
      const none = [...base];
      slots.forEach((words, slot) => {
        const starts = new Set(words.flatMap((word, index) => (word.startsWith(prefix) ? [index] : [])));
        if (starts.size === 0) return;
        const current = base[slot] ?? null;
        const inBoth = current === null ? starts : new Set([...current].filter((w) => starts.has(w)));
        groups.push(base.map((set, s) => (s === slot ? inBoth : set)));
        none[slot] = new Set([...(current ?? words.keys())].filter((index: number) => !starts.has(index)));
      });
      return { count: groups.length === 0 ? 0 : countOf(base) - countOf(none), groups };
    },
    page(matcher, from, limit, direction) {
      const step = direction === 'forward' ? 1 : -1;
      const start = direction === 'forward' ? from : from - 1;
      // A k-way merge of the groups' streams; an id in several groups is taken once.
      const heads = matcher.groups.map((group) => seek(group, start, step));
      const out: number[] = [];
      while (out.length < limit) {
        let best = -1;
        for (const head of heads) {
          if (head >= 0 && (best < 0 || (step === 1 ? head < best : head > best))) best = head;
        }
        if (best < 0) break;
        out.push(best);
        heads.forEach((head, g) => {
          const group = matcher.groups[g];
          if (head === best && group !== undefined) heads[g] = seek(group, best + step, step);
        });
      }
      return direction === 'forward' ? out : out.reverse();
    },
  };
}

const words = (text: string) => text.split(' ');

// Slot vocabularies of the demo collection (16·25·25·40·25 = 10,000,000 documents). ASCII, and
// no word is a stop word of the snippets, so every highlighted word is an indexed one.
const ADJECTIVES = words(
  'amber brisk calm dusty eager faint gentle hollow ivory jagged keen lucid mellow noble ' + 'quiet rustic',
);
const PLACES = words(
  'harbor meadow summit canyon valley forest glacier island desert river lagoon prairie ' +
    'tundra delta fjord marsh plateau reef bay cove dune grove ridge crater oasis',
);
const OBJECTS = words(
  'lantern compass anchor beacon bridge cabin engine feather garden hammer kettle ladder ' +
    'mirror needle orchard pillar quill saddle tower umbrella violin wagon window yarn zither',
);
const TOPICS = words(
  'history guide review note survey atlas journal letter manual report study diary essay ' +
    'ledger map memoir recipe sketch story tale almanac archive ballad catalog chronicle ' +
    'digest fable gazette handbook index legend log primer record saga sonnet thesis treatise ' +
    'verse yearbook',
);
const AUTHORS = words(
  'ada alan barbara claude dennis edsger frances grace hedy ivan john ken linus margaret ' +
    'niklaus ole radia shafi tim ursula vint whitfield xavier yukihiro zoe',
);

/** The demo's 10,000,000-document collection (`/api/search`). */
export const searchIndex: SearchIndex = createSearchIndex([ADJECTIVES, PLACES, OBJECTS, TOPICS, AUTHORS]);

/** Number of documents `/api/search` searches. */
export const SEARCH_TOTAL = searchIndex.total;

/** One document of the search collection. */
export interface SearchDoc {
  id: number;
  title: string;
  snippet: string;
  /** The five indexed words (adjective, place, object, topic, author); nothing else is searchable. */
  words: string[];
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

type Words = Record<'adj' | 'place' | 'obj' | 'topic' | 'author', string>;

// Templates are picked by a hash of the id, so neighbouring results (which share most words)
// still read differently. They use only stop words besides the indexed ones, so a highlight
// never lies.
const TITLES: readonly ((w: Words) => string)[] = [
  (w) => `The ${w.adj} ${w.obj} of the ${w.place}`,
  (w) => `${capital(w.place)} and the ${w.adj} ${w.obj}`,
  (w) => `On ${article(w.adj)} ${w.obj} by the ${w.place}`,
];
const SNIPPETS: readonly ((w: Words) => string)[] = [
  (w) =>
    `${capital(article(w.topic))} by ${capital(w.author)} on the ${w.obj} that stood by the ${w.place} for years.`,
  (w) =>
    `${capital(w.author)} kept this ${w.topic} of the ${w.adj} ${w.obj}, with drawings of the ${w.place}.`,
  (w) =>
    `From the ${w.place}: on why the ${w.obj} was so ${w.adj}, collected by ${capital(w.author)} in ${article(w.topic)}.`,
  (w) =>
    `Here the ${w.obj} is ${w.adj} and the ${w.place} is far; ${capital(w.author)} tells it as ${article(w.topic)}.`,
];

/**
 * Document `id` of the search collection. Pure: the same id always gives an equal object.
 *
 * @example
 * searchDoc(0).words; // five words, one per slot
 */
export function searchDoc(id: number): SearchDoc {
  const [adj = '', place = '', obj = '', topic = '', author = ''] = searchIndex.wordsOf(id);
  const words = { adj, place, obj, topic, author };
  const title = TITLES[hash32(id, 62) % TITLES.length] ?? TITLES[0];
  const snippet = SNIPPETS[hash32(id, 61) % SNIPPETS.length] ?? SNIPPETS[0];
  return {
    id,
    title: title?.(words) ?? '',
    snippet: snippet?.(words) ?? '',
    words: [adj, place, obj, topic, author],
  };
}
