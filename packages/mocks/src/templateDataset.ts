// Deterministic templates for `/api/templates`, generated on demand from an index like the
// main dataset. One extra property: the byte size of any prefix of the dataset is known
// exactly without generating it, so a 20,000,000-item dataset can announce its size
// (`X-Total-Bytes`) in a header. How: every text field draws its *shape* (which byte lengths
// its words have, how many words) from `i mod SHAPE_PERIOD`, and its *words* from `i` among
// words of the same byte length. So template i is as long as template `i mod SHAPE_PERIOD`,
// up to the digits of its id.
import { hash32, pick, rng } from './dataset.ts';

/** One template of `/api/templates`. */
export interface Template {
  id: number;
  name: string;
  category: string;
  author: string;
  tags: string[];
  /** From a few words to a few hundred characters. */
  description: string;
  /** ISO timestamp between 2015 and 2025 (always 24 characters). */
  updatedAt: string;
}

/** Templates whose index differs by a multiple of this have equally long JSON (bar the id's digits). */
export const SHAPE_PERIOD = 4096;

const UPDATED_FROM_S = Date.UTC(2015, 0, 1) / 1000;
const UPDATED_SPAN_S = 10 * 365 * 86_400;

// No quotes, backslashes or control characters: JSON.stringify must copy every word as is.
// Multi-byte words (accents, CJK, emoji) keep stream tests honest about split characters.
const ADJECTIVES = [
  'Simple',
  'Modern',
  'Classic',
  'Minimal',
  'Bold',
  'Quarterly',
  'Weekly',
  'Annual',
  'Clean',
  'Elegant',
  'Compact',
  'Détaillé',
  'Rapide',
  'Nordic',
  'Dark',
  'Bright',
  'Formal',
  'Friendly',
];
const NOUNS = [
  'Invoice',
  'Résumé',
  'Newsletter',
  'Report',
  'Landing page',
  'Proposal',
  'Checklist',
  'Roadmap',
  'Budget',
  'Planner',
  'Agenda',
  'Brief',
  'Poster',
  'Receipt',
  'Timeline',
  'Survey',
  'Kanban',
  'Memo',
  'Dashboard',
  'Itinerary',
];
const CATEGORIES = ['Business', 'Education', 'Marketing', 'Personal', 'Design', 'Engineering', 'Finance'];
const FIRST = ['Ada', 'Linus', 'Grace', 'Alan', 'Barbara', 'Ken', 'Margaret', 'Dennis', 'Zoë', 'José'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Thompson', 'Hamilton', 'Müller', 'Núñez'];
const TAGS = ['pdf', 'docs', 'sheet', 'slides', 'print', 'a4', 'letter', 'free', 'pro', 'team', 'dark'];
const WORDS = [
  'a',
  'layout',
  'for',
  'teams',
  'with',
  'sections',
  'and',
  'tables',
  'fill',
  'in',
  'the',
  'blanks',
  'export',
  'to',
  'share',
  'print',
  'ready',
  'fonts',
  'colours',
  'brand',
  'header',
  'footer',
  'grid',
  'notes',
  'café',
  'naïve',
  'façade',
  'données',
  'größe',
  '東京',
  'データ',
  '窓',
  'поток',
  '🚀',
  '✨',
  'résumé',
];

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

/** A word list grouped by UTF-8 byte length, so a shape can fix a length and an index pick the word. */
interface Lexicon {
  /** The byte length of each word in list order (what a shape draws from). */
  readonly lengths: readonly number[];
  readonly byLength: ReadonlyMap<number, readonly string[]>;
}

function lexicon(words: readonly string[]): Lexicon {
  const byLength = new Map<number, string[]>();
  const lengths = words.map((word) => {
    const length = utf8Length(word);
    byLength.set(length, [...(byLength.get(length) ?? []), word]);
    return length;
  });
  return { lengths, byLength };
}

const LEX = {
  adjectives: lexicon(ADJECTIVES),
  nouns: lexicon(NOUNS),
  first: lexicon(FIRST),
  last: lexicon(LAST),
  tags: lexicon(TAGS),
  words: lexicon(WORDS),
};

/** A word whose byte length `shape` decides and whose text `content` decides among those. */
function word(lex: Lexicon, shape: () => number, content: () => number): string {
  return pick(lex.byLength.get(pick(lex.lengths, shape())) ?? [], content());
}

function phrase(lex: Lexicon, count: number, shape: () => number, content: () => number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(word(lex, shape, content));
  return out.join(' ');
}

/**
 * Template `i`. Pure: the same `i` always gives an equal object. Descriptions are skewed:
 * most are a sentence, some a paragraph (about 200 bytes of JSON per template on average).
 *
 * @example
 * template(0).id; // 0
 */
export function template(i: number): Template {
  const shape = rng(hash32(i % SHAPE_PERIOD, 21));
  const content = rng(hash32(i, 22));
  const nameNouns = 1 + Math.floor(shape() * 2);
  const tagCount = 1 + Math.floor(shape() * 2);
  const descriptionWords = 2 + Math.floor(shape() ** 5 * 48);
  const tags: string[] = [];
  for (let k = 0; k < tagCount; k++) tags.push(word(LEX.tags, shape, content));
  return {
    id: i,
    name: `${word(LEX.adjectives, shape, content)} ${phrase(LEX.nouns, nameNouns, shape, content).toLowerCase()}`,
    category: pick(CATEGORIES, shape()),
    author: `${word(LEX.first, shape, content)} ${word(LEX.last, shape, content)}`,
    tags,
    description: phrase(LEX.words, descriptionWords, shape, content),
    updatedAt: new Date((UPDATED_FROM_S + (hash32(i, 23) % UPDATED_SPAN_S)) * 1000).toISOString(),
  };
}

/** Templates `[start, end)`, generated on demand. */
export function templates(start: number, end: number): Template[] {
  const out: Template[] = [];
  for (let i = start; i < end; i++) out.push(template(i));
  return out;
}

/** The NDJSON line of template `i` (its JSON and a newline), as sent by the stream. */
export function templateLine(i: number): string {
  return `${JSON.stringify(template(i))}\n`;
}

const digits = (n: number) => (n < 10 ? 1 : Math.floor(Math.log10(n)) + 1);

// Line bytes of template r (r < SHAPE_PERIOD) without its id's digits, and their prefix sums;
// computed once, on first use (~10 ms).
let shapeSums: Float64Array | undefined;
function prefixOfShapes(): Float64Array {
  if (shapeSums === undefined) {
    shapeSums = new Float64Array(SHAPE_PERIOD + 1);
    for (let r = 0; r < SHAPE_PERIOD; r++) {
      shapeSums[r + 1] = (shapeSums[r] as number) + utf8Length(templateLine(r)) - digits(r);
    }
  }
  return shapeSums;
}

/** Sum of the decimal digit counts of 0, 1, …, n − 1. */
function digitSum(n: number): number {
  let sum = 0;
  for (let d = 1, low = 0, high = 10; low < n; d++, low = high, high *= 10) {
    sum += d * (Math.min(n, high) - low);
  }
  return sum;
}

/**
 * Exact UTF-8 size in bytes of templates `[0, n)` as NDJSON (each JSON object plus `\n`),
 * computed in O(1) after a one-off table: what `X-Total-Bytes` announces.
 *
 * @example
 * templateBytes(2_000) === new TextEncoder().encode(templates(0, 2_000).map((t) => `${JSON.stringify(t)}\n`).join('')).length; // true
 */
export function templateBytes(n: number): number {
  const sums = prefixOfShapes();
  const periods = Math.floor(n / SHAPE_PERIOD);
  return periods * (sums[SHAPE_PERIOD] as number) + (sums[n % SHAPE_PERIOD] as number) + digitSum(n);
}
