// What the demo's rows say (issue #20: data that looks real). The shared dataset (@lazyflow/mocks)
// is built for tests and benchmarks: word salad, one author list, every early row dated the
// same day. The demo's fetches (lib/api.ts) dress each item served with a title, an author, a body
// of one to eight sentences (so rows of dynamic height are as tall as their text) and a date
// spread over twelve years, all derived from the item's id: item i always reads the same.
import { hash32, type Item, pick, rng } from '@lazyflow/mocks';

const FIRST = [
  'Ada',
  'Amara',
  'Bjørn',
  'Carmen',
  'Chidi',
  'Dana',
  'Elif',
  'Emeka',
  'Farah',
  'Grace',
  'Hana',
  'Ingrid',
  'Jamal',
  'José',
  'Kenji',
  'Leila',
  'Lucía',
  'Mateo',
  'Mei',
  'Nadia',
  'Noah',
  'Olga',
  'Priya',
  'Rafael',
  'Sanna',
  'Tariq',
  'Uma',
  'Viktor',
  'Yusuf',
  'Zoë',
];
const LAST = [
  'Abe',
  'Okafor',
  'Lindqvist',
  'García',
  'Nwosu',
  'Kowalski',
  'Yılmaz',
  'Mensah',
  'Haddad',
  'Hopper',
  'Sato',
  'Berg',
  'Rahman',
  'Núñez',
  'Tanaka',
  'Karimi',
  'Fernández',
  'Rossi',
  'Chen',
  'Petrova',
  'Müller',
  'Ivanova',
  'Sharma',
  'Costa',
  'Virtanen',
  'Aziz',
  'Patel',
  'Novak',
  'Demir',
  'Dubois',
];
const VERBS = [
  'cut',
  'rebuilt',
  'moved',
  'debugged',
  'scaled',
  'simplified',
  'measured',
  'replaced',
  'automated',
  'redesigned',
  'halved',
  'untangled',
];
const THINGS = [
  'cold starts',
  'the billing pipeline',
  'search latency',
  'our onboarding flow',
  'image uploads',
  'the mobile checkout',
  'nightly exports',
  'the design system',
  'flaky tests',
  'quarterly forecasts',
  'warehouse picking routes',
  'invoice reminders',
  'the support queue',
  'shipping estimates',
  'payroll runs',
  'the data warehouse',
  'push notifications',
  'password resets',
  'the booking calendar',
  'fraud checks',
];
const WHEN = [
  'in three sprints',
  'before Black Friday',
  'on a Friday afternoon',
  'with two engineers',
  'without downtime',
  'in the Lisbon office',
  'for 40 million users',
  'in a week',
  'after the outage',
  'on a shoestring',
];
const SENTENCES = [
  'We started by measuring.',
  'The first version was slow, and nobody could say why.',
  'It turned out that most of the time went into serializing data nobody looked at.',
  'Caching helped, until the cache became the problem.',
  'We wrote down every assumption and tested each against production traffic.',
  'Half of them were wrong.',
  'The fix was four lines; finding it took two weeks.',
  'Customers noticed before our dashboards did, which taught us to trust their reports over our graphs.',
  'Latency at the 99th percentile dropped from 2.4 s to 310 ms.',
  'We kept the old path behind a flag for a month, then deleted it.',
  'The hardest part was not technical: three teams owned pieces of the flow and none owned the whole.',
  'A shared runbook fixed more incidents than any tool we bought.',
  'Nobody reads a 40-page design document, so we replaced ours with a one-page decision record and a diagram.',
  'Support tickets about it went from dozens a week to none.',
  'We load-tested with a copy of last year’s peak day, replayed at twice the speed.',
  'It held.',
  'Looking back, we should have deleted more code and written less.',
  'The migration ran in the background over six nights, one region at a time, with a rollback ready for each step.',
  'Every alert now links to the query that fired it.',
  'What surprised us most was how much of the cost was idle capacity reserved “just in case”.',
  'Next quarter we will do the same for the reporting jobs.',
  'Questions welcome below.',
  'Thanks to everyone on call that week.',
  'The numbers above are medians of five runs on the same hardware.',
];
const TAGS = ['engineering', 'product', 'design', 'operations', 'finance', 'support', 'security', 'data'];

/**
 * Twelve years from 2014-03-01 for the first million rows, in order of their id. Ids up to 2M go
 * on after them (the newest-first feed's live posts, #1,000,000 and up, are newer than #999,999);
 * past 2M (the 100,000,000-row modes) the calendar repeats every million rows.
 */
const EPOCH_MS = Date.UTC(2014, 2, 1);
const DATED_ROWS = 1_000_000;
const STEP_MS = Math.floor((12 * 365.25 * 86_400_000) / DATED_ROWS);

/** The publication date of item `id`: later ids later, minutes apart, over twelve years. */
export function itemDate(id: number): string {
  const slot = id < 2 * DATED_ROWS ? id : id % DATED_ROWS;
  const jitter = hash32(id, 41) % STEP_MS;
  return new Date(EPOCH_MS + slot * STEP_MS + jitter).toISOString();
}

/**
 * Item `item` as the demo shows it: the same id and numbers, with words a person would write.
 * The title has no number: the mocks' `#id` prefix (0-based) is dropped, since the demo numbers
 * rows from 1 where it shows them (decision 0039). Pure and deterministic.
 *
 * @example
 * realisticItem(item(500_000)).title; // 'How we halved payroll runs with two engineers'
 */
export function realisticItem(item: Item): Item {
  const next = rng(hash32(item.id, 40));
  const title = [
    () => `How we ${pick(VERBS, next())} ${pick(THINGS, next())} ${pick(WHEN, next())}`,
    () => `What ${pick(THINGS, next())} taught us ${pick(WHEN, next())}`,
    () => `Notes on ${pick(THINGS, next())}`,
    () => `${2 + Math.floor(next() * 9)} lessons from ${pick(THINGS, next())}`,
  ][Math.floor(next() * 4)]?.();
  // Skewed: most bodies one or two sentences, some eight, so rows are as tall as their text.
  const sentences = 1 + Math.floor(next() ** 2 * 8);
  const start = Math.floor(next() * SENTENCES.length);
  const body: string[] = [];
  for (let k = 0; k < sentences; k++) body.push(SENTENCES[(start + k * 5) % SENTENCES.length] ?? '');
  return {
    ...item,
    title: title ?? '',
    body: body.join(' '),
    author: `${pick(FIRST, next())} ${pick(LAST, next())}`,
    createdAt: itemDate(item.id),
    tags: item.tags.map((_, k) => pick(TAGS, (hash32(item.id, 50 + k) % 1000) / 1000)),
  };
}
