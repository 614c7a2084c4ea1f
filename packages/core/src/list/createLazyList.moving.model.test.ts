import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import {
  type ModelTotals,
  modelFileHooks,
  modelRuns,
  sequenceChecks,
  settle,
} from '../testing/modelHarness.ts';
import { createLazyList } from './createLazyList.ts';
import { watchMoves } from './datasetWatch.ts';

// Model-based tests (issue 18, item 5): random window moves and responses while the server
// inserts and deletes rows (decision 0012). Once every request is answered, the pages the list
// holds are one version of the dataset, each item at its index in that version, keys unique,
// bytes within maxBytes; when the last answer came after the last change, that version is the
// server's current one. The second run has no `version` and deletes each row with an insert
// elsewhere (the `total` kept): then only the overlap rows see a move (decision 0074), and the
// check is that every run of adjacent pages held is one version: no row skipped, none twice.

const BYTES_PER_ITEM = 10;
const { numRuns, seed } = modelRuns(150);
const timeoutMs = Math.max(60_000, numRuns * 80);

modelFileHooks();

interface Row {
  readonly id: number;
  /** The server's version when the row was sent. */
  readonly v: number;
}

interface Config {
  readonly size: number;
  readonly pageSize: number;
  readonly prefetch: number;
  readonly maxConcurrent: number;
  readonly budgetPages: number;
}

type Command =
  | { readonly type: 'setWindow'; start: number; length: number }
  | { readonly type: 'resolve'; pick: number }
  | { readonly type: 'resolveAll' }
  | { readonly type: 'insert'; at: number; count: number }
  | { readonly type: 'delete'; at: number; count: number }
  | { readonly type: 'replace'; at: number; to: number; count: number };

const configArb: fc.Arbitrary<Config> = fc.record({
  size: fc.integer({ min: 10, max: 200 }),
  pageSize: fc.constantFrom(5, 10),
  prefetch: fc.integer({ min: 0, max: 2 }),
  maxConcurrent: fc.integer({ min: 1, max: 4 }),
  budgetPages: fc.constantFrom(12, 40),
});

const replaceArb: fc.Arbitrary<Command> = fc.record({
  type: fc.constant('replace' as const),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  to: fc.double({ min: 0, max: 1, noNaN: true }),
  count: fc.integer({ min: 1, max: 3 }),
});

const commandArb = (versioned: boolean): fc.Arbitrary<Command> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('setWindow' as const),
        start: fc.integer({ min: 0, max: 220 }),
        length: fc.integer({ min: 1, max: 20 }),
      }),
    },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('resolve' as const), pick: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.constant({ type: 'resolveAll' as const }) },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('insert' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        count: fc.integer({ min: 1, max: 3 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('delete' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        count: fc.integer({ min: 1, max: 3 }),
      }),
    },
    // Without a version: deletes with as many inserts elsewhere, so the total stays.
    { weight: versioned ? 0 : 4, arbitrary: replaceArb },
  );

/** A server whose rows move; answers are read when the model sends them, as a server would. */
class ChurningServer extends HeldAnswers {
  /** `history[v]`: the ids of version v. */
  readonly history: number[][];
  lastAnswered = -1;
  #nextId = 1_000_000;
  get version(): number {
    return this.history.length - 1;
  }
  get ids(): number[] {
    return this.history[this.version] as number[];
  }
  constructor(
    size: number,
    readonly versioned: boolean,
  ) {
    super();
    this.history = [Array.from({ length: size }, (_, i) => i)];
  }
  /** Deletes `count` rows at `fraction` and inserts as many at `to` (of the rows left): the total stays. */
  replace(fraction: number, to: number, count: number): void {
    const ids = [...this.ids];
    if (ids.length === 0) return;
    const removed = ids.splice(Math.floor(fraction * ids.length), count).length;
    ids.splice(
      Math.floor(to * (ids.length + 1)),
      0,
      ...Array.from({ length: removed }, () => this.#nextId++),
    );
    this.history.push(ids);
  }
  change(kind: 'insert' | 'delete', fraction: number, count: number): void {
    const ids = [...this.ids];
    if (kind === 'insert') {
      const at = Math.floor(fraction * (ids.length + 1));
      ids.splice(at, 0, ...Array.from({ length: count }, () => this.#nextId++));
    } else {
      if (ids.length === 0) return;
      ids.splice(Math.floor(fraction * ids.length), count);
    }
    this.history.push(ids);
  }
  fetchPage = ({ offset, limit, signal }: { offset: number; limit: number; signal: AbortSignal }) =>
    this.hold(
      signal,
      () => {
        const v = this.version;
        this.lastAnswered = v;
        const items = this.ids.slice(offset, offset + limit).map((id) => ({ id, v }));
        return { items, total: this.ids.length, ...(this.versioned ? { version: v } : {}) };
      },
      `offset ${offset}`,
    );
}

const totals: ModelTotals = { sequences: 0, steps: 0, checked: {} };

/** Whether the rows held are the rows at their indexes in `ids`. */
const isVersionOf = (
  held: readonly { index: number; items: readonly Row[] }[],
  pageSize: number,
  ids: number[],
) => held.every((page) => page.items.every((row, i) => ids[page.index * pageSize + i] === row.id));

describe('createLazyList over a dataset that moves (model)', () => {
  afterAll(() => console.info('moving model totals', JSON.stringify(totals)));

  it.each([
    ['once settled: one version, every item at its index in it, keys unique, bytes ≤ maxBytes', true],
    ['without a version, total kept: each run of adjacent pages is one version, keys unique', false],
  ])(
    '%s',
    async (_name, versioned) => {
      await fc.assert(
        fc.asyncProperty(
          configArb,
          fc.array(commandArb(versioned), { minLength: 10, maxLength: 40 }),
          async (config, commands) => {
            totals.sequences += 1;
            const { check, count } = sequenceChecks(config, totals);
            const server = new ChurningServer(config.size, versioned);
            const maxBytes = config.budgetPages * config.pageSize * BYTES_PER_ITEM;
            const list = createLazyList<Row>({
              key: ['moving-model', totals.sequences],
              source: offsetSource({ pageSize: config.pageSize, fetchPage: server.fetchPage }),
              getItemKey: (row) => row.id,
              prefetch: config.prefetch,
              maxConcurrent: config.maxConcurrent,
              memory: { maxBytes },
              estimateBytes: (items) => items.length * BYTES_PER_ITEM,
              statsIntervalMs: 0,
              moves: watchMoves,
            });
            const stop = list.subscribe(() => {});
            try {
              for (const command of commands) {
                totals.steps += 1;
                switch (command.type) {
                  case 'setWindow':
                    list.setWindow({ start: command.start, end: command.start + command.length });
                    break;
                  case 'resolve': {
                    server.take(command.pick)?.respond();
                    break;
                  }
                  case 'resolveAll':
                    for (const entry of server.pending.splice(0)) entry.respond();
                    break;
                  case 'insert':
                  case 'delete':
                    server.change(command.type, command.at, command.count);
                    break;
                  case 'replace':
                    server.replace(command.at, command.to, command.count);
                    break;
                }
                await settle();
              }
              // Settle: answer everything until nothing is asked any more.
              check(await server.answerAll(), 'the list kept asking after 60 rounds');
              const snapshot = list.getSnapshot();
              check(!snapshot.moves.refetching, 'settled, yet snapshot.moves.refetching');
              const held = [...snapshot.pages.values()].filter((page) => page.items !== undefined);
              if (!versioned) {
                // Runs of adjacent fresh pages: each must read as one version of the server's rows.
                const fresh = held
                  .filter((page) => !page.stale)
                  .map((page) => ({ index: page.index, items: page.items ?? [] }))
                  .sort((a, b) => a.index - b.index);
                const runs: (typeof fresh)[] = [];
                for (const page of fresh) {
                  const run = runs[runs.length - 1];
                  const last = run?.[run.length - 1];
                  if (run !== undefined && last !== undefined && last.index === page.index - 1)
                    run.push(page);
                  else runs.push([page]);
                }
                for (const run of runs) {
                  const one = server.history.some((ids) => isVersionOf(run, config.pageSize, ids));
                  check(
                    one,
                    `pages ${run.map((page) => page.index)} are no one version: ${run.flatMap((page) => page.items.map((row) => row.id))}`,
                  );
                  if (run.length > 1) count('adjacent pages held');
                }
              }
              const versions = new Set(
                held.filter((page) => !page.stale).flatMap((page) => page.items?.map((row) => row.v) ?? []),
              );
              if (versioned) check(versions.size <= 1, `fresh pages of versions ${[...versions]}`);
              const [version] = [...versions];
              if (versioned && version !== undefined) {
                count('one version held');
                const ids = server.history[version] as number[];
                for (const page of held) {
                  if (page.stale) continue;
                  page.items?.forEach((row, i) => {
                    const index = page.index * config.pageSize + i;
                    check(
                      row.id === ids[index],
                      `item ${index} is ${row.id}, version ${version} has ${ids[index]}`,
                    );
                  });
                }
                if (server.lastAnswered === server.version) {
                  count('the last answer was the current version');
                  check(version === server.version, `held version ${version}, server at ${server.version}`);
                }
              }
              const keys = held.flatMap((page) => page.items?.map((row) => row.id) ?? []);
              check(new Set(keys).size === keys.length, `a key is held twice: ${keys}`);
              check(
                snapshot.stats.bytesInMemory <= maxBytes,
                `${snapshot.stats.bytesInMemory} bytes > ${maxBytes}`,
              );
              if (snapshot.moves.count > 0) count('a move was seen');
            } finally {
              stop();
              list.destroy();
            }
          },
        ),
        { numRuns, seed },
      );
      expect(totals.checked['a move was seen'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['one version held'] ?? 0).toBeGreaterThan(0);
    },
    timeoutMs,
  );
});
