// The mixed model's checks (`createLazyList.mixed.model.test.ts`): at every notification, and
// after every step or once settled.
import { type MixedRun, ownCount } from './mixedRun.ts';
import { checkAgainstModel } from './writeModel.ts';

/**
 * At every notification, not only after a step: bytes within the budget, and no key twice on
 * the fresh pages while the model knows the server's data (stale pages kept through refresh()
 * may repeat a fresh neighbour's keys until they are fetched again: by design, decision 0012).
 * The first violation is kept in `run.violation` and checked per step. Returns the unsubscribe.
 *
 * @example
 * const stop = checkNotifications(run);
 */
export function checkNotifications(run: MixedRun): () => void {
  const { list, maxBytes } = run;
  return list.subscribe(() => {
    run.count('notification checked');
    const snapshot = list.getSnapshot();
    let bytes = 0;
    const keys = new Set<string>();
    for (const page of snapshot.pages.values()) {
      bytes += page.bytes;
      if (run.moved || page.items === undefined || page.stale) continue;
      for (const item of page.items) {
        if (keys.has(item.id)) run.violation ??= `a notification shows key ${item.id} twice on fresh pages`;
        keys.add(item.id);
      }
    }
    if (bytes > maxBytes) run.violation ??= `a notification holds ${bytes} bytes > maxBytes ${maxBytes}`;
  });
}

/**
 * Loaded, fresh items equal the model at their indexes; keys unique; bytes within the budget; the
 * count a write left; once `settled`, the count is the model's. `rejections`: unhandled ones.
 *
 * @example
 * checkList(run, false, rejections.reasons);
 */
export function checkList(run: MixedRun, settled: boolean, rejections: readonly unknown[]): void {
  const { check, count, maxBytes, model } = run;
  const snapshot = run.list.getSnapshot();
  check(rejections.length === 0, `unhandled rejection: ${String(rejections[0])}`);
  // The server moved under local writes: until the list asks for its data again it reads
  // by its own offsets, and the model says nothing about its items.
  const counter = settled ? 'settled item checked' : 'item checked';
  const bytes = checkAgainstModel(snapshot, run.moved ? undefined : model, { check, count }, counter);
  check(bytes <= maxBytes, `${bytes} bytes > maxBytes ${maxBytes}`);
  check(run.violation === undefined, run.violation ?? '');
  if (run.countAfterWrite !== undefined) {
    const fresh = [...snapshot.pages.values()].some((page) => page.items !== undefined && !page.stale);
    if (fresh) {
      check(
        ownCount(snapshot) === run.countAfterWrite,
        `count ${ownCount(snapshot)} after the write, model ${run.countAfterWrite}`,
      );
      count('count checked after a write');
    }
    run.countAfterWrite = undefined;
  }
  if (run.moved) return;
  // The count is checked once settled: while a write's pages are all being fetched again
  // (no page holds the new count) it may lag by the write until the next page lands (seen:
  // insert 2, update, rollback of the insert with every page loading shows count 6 of 5).
  // And, as in the writes model, only with a fresh page held and the window inside the list:
  // after refresh() the count is the one from before until a page of the server answers, and a
  // window past the end asks for none (a write meanwhile moves that count: refresh(), insert,
  // window past the end shows count 6 of 5 until a page in the list is fetched).
  const fresh = [...snapshot.pages.values()].some((page) => page.items !== undefined && !page.stale);
  const inside = snapshot.window !== null && snapshot.window.start < snapshot.count;
  if (settled && fresh && inside && snapshot.countKind === 'exact')
    check(ownCount(snapshot) === model.length, `count ${ownCount(snapshot)}, model ${model.length}`);
}
