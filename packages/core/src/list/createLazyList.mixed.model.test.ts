import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runStep } from '../testing/mixedActions.ts';
import { checkList, checkNotifications } from '../testing/mixedChecks.ts';
import {
  type MixedCommand,
  type MixedConfig,
  mixedCommandArb,
  mixedConfigArb,
  storingCommandsArb,
} from '../testing/mixedCommands.ts';
import { MixedRun, PUBLISH_MS } from '../testing/mixedRun.ts';
import { checkModel, type ModelTotals, modelFileHooks, modelRuns, settle } from '../testing/modelHarness.ts';

// Model-based test mixing local writes with server-side changes (issue 18, item 5): window moves,
// page answers and failures in any order, local inserts/removes/updates with and without
// rollback(), the server inserting and deleting rows at random positions (its version and total
// reveal it, `moves: watchMoves`), refresh(), and writes the server also receives followed by a
// refresh (docs/items.md, the useMutation recipe: write -> server change -> invalidate), and
// placed inserts the server stores (same key) before the app invalidates, where the client put
// them (checked at every step, decisions 0055, 0060) or at the head (the model silent until the
// invalidation), then the recipe's invalidation when the sequence ends.
// The model is the server's dataset at the last refresh plus the local writes still applied.
// While the server has changed since the last refresh, the list reads the server by its own
// offsets (docs/items.md, "keeps asking the server by its own offsets") and the model says
// nothing about its items; the sequence ends as the recipe does (answer everything, refresh if
// the server changed, answer everything) and then every loaded item equals the model at its
// index, keys are unique and the bytes are within maxBytes. The budget is at least 8 pages and the
// window plus prefetch at most 7, so the window alone cannot exceed maxBytes.
// Between settles (issue 18 item 5, while unsettled): after every step the fresh items equal the
// model at their indexes with keys unique; at every list notification the bytes are within
// maxBytes and no key is on two fresh pages; after an insert or remove the count is the model's
// (when it was before and a fresh page holds it). Writes go to stale items too: an update or a
// remove of a key shown stale only, and an insert beside rows shown stale, are taken and wait
// outside the rope until their key (the insert's neighbour) is on a fresh page, then apply by key
// (decisions 0040, 0041); the model applies each where the list says it was replayed (its
// `settled`), in order, and a write whose key is gone once nothing is stale never.

// The sequences: testing/mixedCommands.ts; the server: mixedServer.ts; the list and what the
// model knows: mixedRun.ts; the steps: mixedActions.ts; the checks: mixedChecks.ts.

const { numRuns, seed } = modelRuns(80);
const timeoutMs = Math.max(60_000, numRuns * 150);

const rejections = modelFileHooks();

/** Runs one sequence: every step, the checks after each, then the recipe's settling. */
async function runSequence(
  config: MixedConfig,
  commands: readonly MixedCommand[],
  totals: ModelTotals,
): Promise<void> {
  totals.sequences += 1;
  const run = new MixedRun(config, totals);
  const { list, server, timers, check, count } = run;
  const stop = checkNotifications(run);
  try {
    list.setWindow({ start: 0, end: Math.min(config.size, 8) });
    await settle();
    check(await server.answerAll(), 'the list kept asking after 60 rounds (start)');
    for (const command of commands) {
      totals.steps += 1;
      timers.fire((ms) => ms === PUBLISH_MS);
      run.log.push(JSON.stringify(command));
      runStep(run, command);
      await settle();
      timers.fire((ms) => ms === PUBLISH_MS);
      run.answered ||= run.serverRowShown();
      checkList(run, false, rejections.reasons);
      if (run.stored.size > 0 && !run.moved) count('step checked with inserts the server stored');
    }
    // Settle as the recipe does: answer everything, ask for the server's data again if it
    // changed, answer everything.
    check(await server.answerAll(), 'the list kept asking after 60 rounds');
    if (run.stored.size > 0 && !run.moved) {
      // Before the recipe's invalidation: the copies taken where they were put (decision 0055),
      // items only: a copy no page fetched has found yet is in the count (the server grew).
      timers.fire((ms) => ms === PUBLISH_MS);
      checkList(run, false, rejections.reasons);
      count('settled with inserts the server stored');
    }
    if (run.moved || run.stored.size > 0) {
      list.refresh();
      run.refreshed();
      await settle();
      check(await server.answerAll(), 'the list kept asking after 60 rounds (after refresh)');
      count('settled after a server move');
    }
    check(!list.getSnapshot().moves.refetching, 'settled, yet snapshot.moves.refetching');
    timers.fire((ms) => ms === PUBLISH_MS);
    checkList(run, true, rejections.reasons);
    if (run.written.some((w) => w.epoch === run.epoch)) count('settled with local writes applied');
  } finally {
    stop();
    list.destroy();
    await settle();
  }
}

describe('createLazyList writes mixed with server changes (model)', () => {
  it(
    'once settled: loaded items equal the server plus the local writes, keys unique, bytes ≤ maxBytes',
    async () => {
      const totals = await checkModel(
        'createLazyList mixed model',
        mixedConfigArb,
        fc.array(mixedCommandArb, { minLength: 5, maxLength: 40, size: 'max' }),
        runSequence,
        { numRuns, seed },
      );
      expect(totals.checked['settled item checked'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['write confirmed by the server'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['settled after a server move'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['notification checked'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['count checked after a write'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['update of a stale item waits'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['insert beside stale rows waits'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['waiting write applied by key'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['insert stored where it was put'] ?? 0).toBeGreaterThan(0);
    },
    timeoutMs,
  );

  it(
    'the server storing placed inserts: the items equal the model after each store, and once settled',
    async () => {
      const runs = Math.max(1, Math.round(numRuns / 4));
      const totals = await checkModel(
        'createLazyList mixed model, stores',
        mixedConfigArb,
        storingCommandsArb,
        runSequence,
        { numRuns: runs, seed },
      );
      expect(totals.checked['insert stored where it was put'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['step checked with inserts the server stored'] ?? 0).toBeGreaterThan(0);
      expect(totals.checked['settled with inserts the server stored'] ?? 0).toBeGreaterThan(0);
    },
    timeoutMs,
  );
});

// Found by this model, fixed by decision 0030: update(key) or remove(key) of an item shown stale
// between refresh() and its page's answer wrote at the index the item had before the refresh (the
// edit rope is by index), so once the page came back the write landed on the row the server now
// has there (the server inserts x0 at 0, refresh(), update('s0') shown stale at 0, answer every
// page: s0 twice, x0 gone); insert(index) beside stale rows used the old indexes. Such writes were
// then refused as a value (reason 'stale'); since decisions 0040 and 0041 they wait outside the
// rope and apply by key, and this model writes on stale items too, applying each where the list
// replayed it. writesAndMoves.test.ts holds the minimal case.
