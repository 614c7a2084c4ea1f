import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import {
  type ModelTotals,
  modelRuns,
  sequenceChecks,
  settle,
  tapUnhandledRejections,
  useImmediateQueryNotifications,
} from '../testing/modelHarness.ts';
import { createLazyList } from './createLazyList.ts';
import { listWrites } from './writeCommands.ts';
import type { ListWriteResult } from './writeResult.ts';

// Model-based test of writes (issue 18, item 5): random window moves, inserts, removes, updates,
// rollbacks in any order and refreshes over an offset list with a small memory budget (so pages
// holding written items are evicted and fetched again through the edit rope). After every step
// the loaded items equal the model dataset at the same indexes, keys are unique and the bytes
// stay within the budget outside the window.

const BYTES_PER_ITEM = 10;
const { numRuns, seed } = modelRuns(60);

beforeAll(() => useImmediateQueryNotifications());
const rejections = tapUnhandledRejections();
afterAll(() => rejections.stop());

interface Item {
  readonly id: string;
  readonly v: number;
}

/** The dataset as the list must show it: each entry knows its server offset unless written locally. */
interface Entry {
  readonly server?: number;
  readonly item: Item;
}

interface Config {
  readonly size: number;
  readonly pageSize: number;
  readonly budgetPages: number;
}

type Command =
  | { readonly type: 'window'; start: number; length: number }
  | { readonly type: 'insert'; at: number; count: number }
  | { readonly type: 'remove'; pick: number }
  | { readonly type: 'update'; pick: number }
  | { readonly type: 'rollback'; pick: number }
  | { readonly type: 'refresh' };

const configArb: fc.Arbitrary<Config> = fc.record({
  size: fc.integer({ min: 5, max: 120 }),
  pageSize: fc.constantFrom(3, 5, 10),
  budgetPages: fc.constantFrom(3, 6, 40),
});

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('window' as const),
      start: fc.nat(130),
      length: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('insert' as const),
      at: fc.nat(40),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('remove' as const), pick: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('update' as const), pick: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('rollback' as const), pick: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'refresh' as const }) },
);

async function runSequence(config: Config, commands: readonly Command[], totals: ModelTotals): Promise<void> {
  totals.sequences += 1;
  const { size, pageSize } = config;
  const serverRows: Item[] = Array.from({ length: size }, (_, n) => ({ id: `s${n}`, v: 0 }));
  const fromServer = (): Entry[] => serverRows.map((item, server) => ({ server, item }));
  let model = fromServer();
  let epoch = 0;
  let made = 0;
  const undos: { epoch: number; undo: () => void; rollback: () => void }[] = [];
  const fetchPage = async ({ offset, limit }: OffsetFetchParams) => ({
    items: serverRows.slice(offset, offset + limit),
    total: serverRows.length,
  });
  const maxBytes = config.budgetPages * pageSize * BYTES_PER_ITEM;
  const list = createLazyList<Item>({
    key: ['writes-model', totals.sequences],
    source: offsetSource({ pageSize, fetchPage }),
    getItemKey: (item) => item.id,
    prefetch: 1,
    memory: { maxBytes },
    statsIntervalMs: 0,
    estimateBytes: (items) => items.length * BYTES_PER_ITEM,
    memoryMonitor: null,
    writes: listWrites,
  });
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: Math.min(size, 8) });
  await settle();
  const { log, check, count } = sequenceChecks(config, totals);

  /** Indexes in the window that show an item. */
  const loadedInWindow = (): number[] => {
    const snapshot = list.getSnapshot();
    const window = snapshot.window ?? { start: 0, end: 0 };
    const out: number[] = [];
    for (let i = window.start; i < window.end; i++) if (snapshot.getItem(i).status === 'loaded') out.push(i);
    return out;
  };
  const itemAt = (index: number): Item | undefined => {
    const state = list.getSnapshot().getItem(index);
    return state.status === 'loaded' ? state.item : undefined;
  };
  const record = (result: ListWriteResult, undo: () => void) => {
    if (result.ok) undos.push({ epoch, undo, rollback: result.rollback });
  };

  for (const command of commands) {
    totals.steps += 1;
    log.push(JSON.stringify(command));
    switch (command.type) {
      case 'window':
        list.setWindow({ start: command.start, end: command.start + command.length });
        break;
      case 'insert': {
        const at = command.at % (model.length + 1);
        const items = Array.from({ length: command.count }, () => ({ id: `n${++made}`, v: 0 }));
        const result = list.insert(at, items);
        if (!result.ok) {
          check(
            ['not-loaded', 'out-of-range'].includes(result.error.reason),
            `insert refused: ${result.error.message}`,
          );
          break;
        }
        count('insert');
        model.splice(at, 0, ...items.map((item) => ({ item })));
        record(result, () => {
          model = model.filter((entry) => !items.includes(entry.item));
        });
        break;
      }
      case 'remove': {
        const loaded = loadedInWindow();
        const index = loaded[command.pick % Math.max(1, loaded.length)];
        const item = index === undefined ? undefined : itemAt(index);
        if (index === undefined || item === undefined) break;
        const result = list.remove(item.id);
        check(result.ok, `remove(${item.id}) of a loaded item was refused`);
        count('remove');
        const [entry] = model.splice(index, 1);
        record(result, () => {
          if (entry === undefined) return;
          const server = entry.server;
          const back =
            server === undefined
              ? Math.min(index, model.length)
              : ((i) => (i < 0 ? model.length : i))(
                  model.findIndex((e) => e.server !== undefined && e.server > server),
                );
          model.splice(back, 0, { item: entry.item });
        });
        break;
      }
      case 'update': {
        const loaded = loadedInWindow();
        const index = loaded[command.pick % Math.max(1, loaded.length)];
        const item = index === undefined ? undefined : itemAt(index);
        if (index === undefined || item === undefined) break;
        const next = { id: item.id, v: item.v + 1 };
        const result = list.update(item.id, () => next);
        check(result.ok, `update(${item.id}) of a loaded item was refused`);
        count('update');
        const previous = model[index]?.item ?? item;
        model[index] = { item: next };
        record(result, () => {
          const at = model.findIndex((entry) => entry.item === next);
          if (at >= 0) model[at] = { item: previous };
        });
        break;
      }
      case 'rollback': {
        const target = undos.splice(command.pick % Math.max(1, undos.length), 1)[0];
        if (target === undefined) break;
        target.rollback();
        if (target.epoch === epoch) {
          target.undo();
          count('rollback');
        } else count('rollback after refresh');
        break;
      }
      case 'refresh':
        list.refresh();
        epoch += 1;
        model = fromServer();
        break;
    }
    await settle();

    const snapshot = list.getSnapshot();
    check(rejections.reasons.length === 0, `unhandled rejection: ${String(rejections.reasons[0])}`);
    // The count is the last page's word: after refresh() it waits for a fresh page (the window
    // may hold none: past the end).
    const fresh = [...snapshot.pages.values()].some((page) => page.items !== undefined && !page.stale);
    if (snapshot.countKind === 'exact' && fresh)
      check(snapshot.count === model.length, `count ${snapshot.count}, model ${model.length}`);
    const keys = new Set<string>();
    for (let i = 0; i < snapshot.count; i++) {
      const state = snapshot.getItem(i);
      if (state.status !== 'loaded') continue;
      // Kept through refresh() until its page is fetched again: the data from before, by design.
      if (state.stale === true) {
        count('stale item skipped');
        continue;
      }
      const expected = model[i]?.item;
      check(
        state.item.id === expected?.id && state.item.v === expected.v,
        `index ${i} shows ${JSON.stringify(state.item)}, the model ${JSON.stringify(expected)}`,
      );
      check(!keys.has(state.item.id), `key ${state.item.id} shown twice`);
      keys.add(state.item.id);
    }
    const window = snapshot.window;
    if (window !== null) {
      for (let i = window.start; i < Math.min(window.end, snapshot.count); i++)
        if (snapshot.getItem(i).status === 'loaded') count('window item checked');
    }
    let bytes = 0;
    for (const page of snapshot.pages.values()) bytes += page.bytes;
    check(
      snapshot.stats.bytesInMemory === bytes,
      `bytesInMemory ${snapshot.stats.bytesInMemory}, pages ${bytes}`,
    );
    const visiblePages = window === null ? 0 : Math.ceil((window.end - window.start) / pageSize) + 1;
    check(
      bytes <= Math.max(maxBytes, (visiblePages + 2) * pageSize * BYTES_PER_ITEM),
      `${bytes} bytes > maxBytes ${maxBytes}`,
    );
  }
  list.destroy();
  await settle();
}

describe('createLazyList writes model', () => {
  it('after any sequence of writes and rollbacks, loaded items equal the model, keys are unique, bytes stay bounded', async () => {
    const totals: ModelTotals = { sequences: 0, steps: 0, checked: {} };
    await fc.assert(
      fc.asyncProperty(
        configArb,
        fc.array(commandArb, { minLength: 1, maxLength: 40, size: 'max' }),
        (config, commands) => runSequence(config, commands, totals),
      ),
      { numRuns, seed },
    );
    console.log(
      `createLazyList writes model: ${totals.sequences} sequences, ${totals.steps} steps (seed ${seed}); checked: ${JSON.stringify(totals.checked)}`,
    );
    expect(totals.sequences).toBeGreaterThanOrEqual(numRuns);
  }, 120_000);
});
