// One sequence of the mixed model (`createLazyList.mixed.model.test.ts`): the list, the server,
// the model and what the model knows of them between steps. The steps are `mixedActions.ts`, the
// checks `mixedChecks.ts`.
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import type { LazyList } from '../list/LazyList.ts';
import type { LazyListSnapshot } from '../list/listSnapshot.ts';
import { listWrites } from '../list/writeCommands.ts';
import type { ListWriteResult } from '../list/writeResult.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import type { MixedConfig } from './mixedCommands.ts';
import { MixedServer } from './mixedServer.ts';
import { ManualTimers, type ModelTotals, sequenceChecks } from './modelHarness.ts';
import { ModelDataset, type ModelItem, waitingBefore } from './writeModel.ts';

/** Bytes of one item (`estimateBytes`). */
const BYTES_PER_ITEM = 10;
/** Lists made in this process: each sequence's key is new (the shared QueryClient keeps pages of earlier ones). */
let listsMade = 0;
/**
 * The list's publish interval: pages landing outside the window are published within it; the
 * model fires it before it reads the snapshot (else a page that landed unseen still looks stale).
 */
export const PUBLISH_MS = 7;

/** A write the list took, as the model keeps it. */
export interface Written {
  /** -1 while it is a write waiting for a fresh copy of its key (decisions 0040, 0041). */
  epoch: number;
  /** rollback() was called (a waiting write rolled back is never applied to the model). */
  rolledBack?: boolean;
  /** Takes the write out of the model (what rollback() does to the list). */
  undo: () => void;
  /** The server receives the write. */
  readonly confirm: () => void;
  /** A placed insert's items (the server may store them before the app invalidates). */
  readonly inserted?: readonly ModelItem[];
  readonly rollback: () => void;
}

/**
 * The state of one sequence. The model is the server's dataset at the last refresh plus the
 * local writes still applied; while the server changed since (`moved`) it says nothing about the
 * list's items.
 *
 * @example
 * const run = new MixedRun(config, totals);
 * run.list.setWindow({ start: 0, end: 8 });
 */
export class MixedRun {
  readonly server: MixedServer;
  readonly model: ModelDataset;
  readonly timers = new ManualTimers();
  readonly maxBytes: number;
  readonly list: LazyList<ModelItem>;
  readonly log: string[];
  readonly check: (ok: boolean, message: string) => void;
  readonly count: (what: string) => void;
  /** The server changed since the list last asked for its data again. */
  moved = false;
  epoch = 0;
  made = 0;
  readonly written: Written[] = [];
  /** Inserts the server stored since the app last invalidated (the recipe), by key. */
  readonly stored = new Set<string>();
  /**
   * The server total the write engine knows is right (see `store`): a server row was shown fresh
   * since the last refresh, the count was the server's at the first write after it (the engine
   * takes it then, decision 0046; after refresh() it is the one from before until a page lands),
   * or a page answered after that write (its answer's total, through the rope).
   */
  answered = false;
  firstWrite = true;
  /**
   * The count a write must leave once its step settled (no page answered meanwhile): the model's,
   * when the list's count was the model's before it and a fresh page holds the count after.
   */
  countAfterWrite: number | undefined;
  /** The first violation seen by a notification (a listener must not throw into the list). */
  violation: string | undefined;

  constructor(
    readonly config: MixedConfig,
    totals: ModelTotals,
  ) {
    const { size, pageSize } = config;
    this.server = new MixedServer(size);
    this.model = new ModelDataset(this.server.rows);
    this.maxBytes = config.budgetPages * pageSize * BYTES_PER_ITEM;
    this.list = createLazyList<ModelItem>({
      key: ['mixed-model', ++listsMade],
      source: offsetSource({ pageSize, fetchPage: this.server.fetchPage }),
      getItemKey: (item) => item.id,
      prefetch: 1,
      maxConcurrent: config.maxConcurrent,
      retry: { attempts: 1 },
      memory: { maxBytes: this.maxBytes },
      statsIntervalMs: PUBLISH_MS,
      estimateBytes: (items) => items.length * BYTES_PER_ITEM,
      memoryMonitor: null,
      timers: this.timers,
      now: this.timers.now,
      writes: listWrites,
      moves: watchMoves,
    });
    ({ log: this.log, check: this.check, count: this.count } = sequenceChecks(config, totals));
  }

  /** Called just before a write: after it, `expectCount()` arms the count check when it applies. */
  countBeforeWrite() {
    const snapshot = this.list.getSnapshot();
    const fresh = [...snapshot.pages.values()].some((page) => page.items !== undefined && !page.stale);
    const known =
      !this.moved && fresh && snapshot.countKind === 'exact' && ownCount(snapshot) === this.model.length;
    return { expectCount: () => (this.countAfterWrite = known ? this.model.length : undefined) };
  }

  /**
   * Where a write by key lands: the index of the fresh item with `id` (a stale page beside a
   * fresh one may show the key twice; the fresh one is written), or undefined when the key is
   * shown stale only: then the write is refused (decision 0030).
   */
  freshIndexOf(id: string): number | undefined {
    const snapshot = this.list.getSnapshot();
    for (let i = 0; i < snapshot.count; i++) {
      const state = snapshot.getItem(i);
      if (state.status === 'loaded' && state.stale !== true && state.item.id === id) return i;
    }
    return undefined;
  }

  /** Whether the page holding `index` is held stale (undefined: not held). */
  staleAt(index: number): boolean | undefined {
    const page = this.list.getSnapshot().pages.get(Math.floor(index / this.config.pageSize));
    return page?.items === undefined ? undefined : page.stale;
  }

  record(result: ListWriteResult, undo: () => void, confirm: () => void, inserted?: readonly ModelItem[]) {
    if (result.ok)
      this.written.push({ epoch: this.epoch, undo, confirm, rollback: result.rollback, inserted });
  }

  /**
   * A write that waits for a fresh copy of its key (decisions 0040, 0041): the model applies it
   * (`apply`: its undo, or undefined when its key is not in the model) when the list says it was
   * replayed, unless it was rolled back before or the server moved meanwhile (the model says
   * nothing then); one that ended (its key gone once nothing was stale) is never applied.
   */
  later(result: ListWriteResult, verb: string, apply: () => (() => void) | undefined, confirm: () => void) {
    this.count(`${verb} waits`);
    const entry: Written = { epoch: -1, undo: () => {}, confirm, rollback: result.rollback };
    this.written.push(entry);
    void result.settled?.then((done) => {
      if (entry.rolledBack) return;
      if (!done.ok) {
        this.count('waiting write ended');
        return;
      }
      this.count('waiting write applied by key');
      const undo = this.moved ? undefined : apply();
      if (undo === undefined) return;
      entry.epoch = this.epoch;
      entry.undo = undo;
      // Placed in the step of another write (decision 0048: an insert whose neighbour's page left
      // waits for the page at its index, which that write's refetch may load): its count too.
      if (this.countAfterWrite !== undefined) this.countAfterWrite = this.model.length;
    });
  }

  indexOf(id: string): number {
    return this.model.entries.findIndex((entry) => entry.item.id === id);
  }

  /** The ids on the fresh pages. */
  freshIds(): string[] {
    return [...this.list.getSnapshot().pages.values()].flatMap((page) =>
      page.items === undefined || page.stale ? [] : page.items.map((item) => item.id),
    );
  }

  /** A fresh page holds a server row: the count is the server's (not the one from before refresh()). */
  serverRowShown(): boolean {
    return this.freshIds().some(
      (id) =>
        !this.stored.has(id) && !this.model.entries.some((e) => e.item.id === id && e.server === undefined),
    );
  }

  beforeWrite(): void {
    const snapshot = this.list.getSnapshot();
    if (this.firstWrite)
      this.answered ||= snapshot.countKind === 'exact' && ownCount(snapshot) === this.server.rows.length;
    this.firstWrite = false;
  }

  refreshed(): void {
    this.epoch += 1;
    this.model.reset(this.server.rows);
    this.moved = false;
    this.answered = false;
    this.firstWrite = true;
    this.stored.clear();
  }
}

/**
 * The count without the waiting inserts shown (decision 0048): the model takes them when replayed.
 *
 * @example
 * ownCount(list.getSnapshot()) === model.length;
 */
export function ownCount(snapshot: LazyListSnapshot<ModelItem>): number {
  return snapshot.count - waitingBefore(snapshot, snapshot.count);
}
