// The mixed model's steps (`createLazyList.mixed.model.test.ts`): what each command does to the
// list, the server and the model. Writes go to stale items too: an update or a remove of a key
// shown stale only, and an insert beside rows shown stale, are taken and wait outside the rope
// until their key (the insert's neighbour) is on a fresh page, then apply by key (decisions 0040,
// 0041); the model applies each where the list says it was replayed (its `settled`), in order,
// and a write whose key is gone once nothing is stale never.
import type { MixedCommand } from './mixedCommands.ts';
import type { MixedRun } from './mixedRun.ts';
import { insertBesideStale, itemAt, loadedInWindow, storeInsert, waitingBefore } from './writeModel.ts';

/**
 * Runs one step.
 *
 * @example
 * for (const command of commands) runStep(run, command);
 */
export function runStep(run: MixedRun, command: MixedCommand): void {
  const { list, server } = run;
  switch (command.type) {
    case 'window':
      list.setWindow({ start: command.start, end: command.start + command.length });
      break;
    case 'resolve':
    case 'reject': {
      const entry = server.take(command.pick);
      if (entry === undefined) break;
      if (command.type === 'resolve') {
        entry.respond();
        run.answered ||= !run.firstWrite;
      } else {
        entry.fail();
        run.count('page failed');
      }
      break;
    }
    case 'resolveAll':
      for (const entry of server.pending.splice(0)) {
        entry.respond();
        run.answered ||= !run.firstWrite;
      }
      break;
    case 'insert':
      insert(run, command.at, command.count);
      break;
    case 'remove':
      remove(run, command.pick);
      break;
    case 'update':
      update(run, command.pick);
      break;
    case 'rollback':
      rollback(run, command.pick);
      break;
    case 'confirm': {
      // The recipe: the server receives the write, then the list's key is invalidated.
      const target = run.written.splice(command.pick % Math.max(1, run.written.length), 1)[0];
      if (target === undefined || target.epoch !== run.epoch) break;
      target.confirm();
      list.refresh();
      run.refreshed();
      run.count('write confirmed by the server');
      break;
    }
    case 'store':
      store(run, command.pick, command.head);
      break;
    case 'serverInsert':
      server.insert(command.at, command.count);
      run.moved = true;
      break;
    case 'serverDelete':
      server.delete(command.at, command.count);
      run.moved = true;
      break;
    case 'refresh':
      list.refresh();
      run.refreshed();
      break;
  }
}

function insert(run: MixedRun, wanted: number, count: number): void {
  const { list, model, server, check } = run;
  const snapshot = list.getSnapshot();
  const at = wanted % (snapshot.count + 1);
  // The item before `at` (or the page at `at` when that item's page is not held) is shown
  // stale: its index is the one from before, the insert waits for the neighbour shown to
  // be fresh (decision 0041). With neither page held, the count places it: the server's
  // once a fresh page holds a server row (not one of local items only: seed 5).
  // An insert the server stored is its row once a page found the copy, which the model
  // cannot tell: with only such rows on fresh pages, either way is right.
  const noFresh = !run.serverRowShown();
  const unsure = noFresh && run.freshIds().some((id) => run.stored.has(id));
  // Rows of waiting inserts are shown (decision 0048): just below one, it waits after it.
  const own = at - waitingBefore(snapshot, at);
  const belowWaiting = at > 0 && waitingBefore(snapshot, at) > waitingBefore(snapshot, at - 1);
  const byCount = own > 0 && run.staleAt(own - 1) === undefined && run.staleAt(own) === undefined;
  const staleNeighbour = belowWaiting || (own > 0 && (run.staleAt(own - 1) ?? run.staleAt(own) ?? noFresh));
  const sure = belowWaiting || !byCount || !unsure;
  const items = Array.from({ length: count }, () => ({ id: `n${++run.made}`, v: 0 }));
  const before = run.countBeforeWrite();
  const place = insertBesideStale(snapshot, run.config.pageSize, at, model);
  run.beforeWrite();
  const result = list.insert(at, items);
  if (!result.ok) {
    check(
      ['not-loaded', 'out-of-range'].includes(result.error.reason),
      `insert refused: ${result.error.message}`,
    );
    return;
  }
  const confirmInsert = () => {
    const rows = [...server.rows];
    rows.splice(Math.min(at, rows.length), 0, ...items);
    server.change(rows);
  };
  if (result.settled !== undefined) {
    check(staleNeighbour || !sure, `insert(${at}) waited, yet no row beside it is shown stale`);
    run.later(
      result,
      'insert beside stale rows',
      () => place(model, items, list.getSnapshot()),
      confirmInsert,
    );
    return;
  }
  check(!staleNeighbour || !sure, `insert(${at}) beside rows shown stale was applied`);
  run.count(run.moved ? 'insert after a server move' : 'insert');
  // A write after the server moved: the model says nothing about it (and never undoes it:
  // the next refresh forgets it); the marks of waiting inserts still move with it.
  const undo = run.moved ? () => {} : model.insert(own, items);
  if (run.moved) model.moveMarks(own, items.length);
  before.expectCount();
  run.record(result, undo, confirmInsert, run.moved ? undefined : items);
}

/**
 * The loaded item in the window that `pick` names (remove and update write on it): its index, the
 * index of its fresh row (`at`, undefined when it is shown stale only) and that index without the
 * waiting inserts before it (`ownAt`, the model's index).
 */
function pickLoaded(run: MixedRun, pick: number) {
  const snapshot = run.list.getSnapshot();
  const loaded = loadedInWindow(snapshot);
  const index = loaded[pick % Math.max(1, loaded.length)];
  const item = index === undefined ? undefined : itemAt(snapshot, index);
  if (index === undefined || item === undefined) return undefined;
  const at = run.freshIndexOf(item.id);
  const ownAt = at === undefined ? 0 : at - waitingBefore(snapshot, at);
  return { index, item, at, ownAt };
}

function remove(run: MixedRun, pick: number): void {
  const { list, model, server, check } = run;
  const picked = pickLoaded(run, pick);
  if (picked === undefined) return;
  const { index, item, at, ownAt } = picked;
  // A stored insert removed before a page found its copy: the rope's offsets do not know
  // the server's row, pages past it hold every row one off until the invalidation
  // (decision 0060's case left): the model says nothing until then.
  if (run.stored.has(item.id)) {
    run.moved = true;
    run.count('remove of an insert the server stored, the model silent');
  }
  const before = run.countBeforeWrite();
  run.beforeWrite();
  const result = list.remove(item.id);
  check(result.ok, `remove(${item.id}) of a loaded item was refused`);
  const confirmRemove = () => server.change(server.rows.filter((row) => row.id !== item.id));
  if (result.settled !== undefined) {
    // Shown stale only (decision 0041): hidden now, removed by key once fresh.
    run.later(
      result,
      'remove of a stale item',
      () => {
        const i = run.indexOf(item.id);
        return i < 0 ? undefined : model.remove(i);
      },
      confirmRemove,
    );
    return;
  }
  check(at !== undefined, `remove(${item.id}) of an item shown stale only was applied at once`);
  if (at === undefined) return;
  run.count(
    run.moved ? 'remove after a server move' : at === index ? 'remove' : 'remove of a key also shown stale',
  );
  const undo = run.moved ? () => {} : model.remove(ownAt);
  if (run.moved) model.moveMarks(ownAt, -1);
  before.expectCount();
  run.record(result, undo, confirmRemove);
}

function update(run: MixedRun, pick: number): void {
  const { list, model, server, check } = run;
  const picked = pickLoaded(run, pick);
  if (picked === undefined) return;
  const { index, item, at, ownAt } = picked;
  const fresh = at === undefined ? item : (itemAt(list.getSnapshot(), at) ?? item);
  const next = { id: item.id, v: fresh.v + 1 };
  run.beforeWrite();
  const result = list.update(item.id, () => next);
  check(result.ok, `update(${item.id}) of a loaded item was refused`);
  if (result.settled !== undefined) {
    run.later(
      result,
      'update of a stale item',
      () => {
        const i = run.indexOf(item.id);
        return i < 0 ? undefined : model.update(i, next, next);
      },
      () => {},
    );
    return;
  }
  check(at !== undefined, `update(${item.id}) of an item shown stale only was applied at once`);
  if (at === undefined) return;
  run.count(
    run.moved ? 'update after a server move' : at === index ? 'update' : 'update of a key also shown stale',
  );
  run.record(result, run.moved ? () => {} : model.update(ownAt, next, fresh), () =>
    server.change(server.rows.map((row) => (row.id === next.id ? next : row))),
  );
}

function rollback(run: MixedRun, pick: number): void {
  const target = run.written.splice(pick % Math.max(1, run.written.length), 1)[0];
  if (target === undefined) return;
  target.rolledBack = true;
  target.rollback();
  if (target.epoch === -1)
    run.count('rollback of a waiting write'); // nothing in the model
  else if (target.epoch !== run.epoch) run.count('rollback after refresh');
  else if (run.moved) run.count('rollback after a server move');
  else {
    target.undo();
    run.count('rollback');
  }
}

/**
 * The server stores a placed insert (the recipe's request; its copy has the same key) before the
 * app invalidates: where the client put it, the list takes the copy for its own row when a page
 * fetched through the rope finds it there, nothing moves; at the head, seen when the page holding
 * it is fetched, else at the invalidation (decision 0055's case left: the model says nothing until
 * then). It can no longer be rolled back (the recipe's onError runs only when the request failed).
 */
function store(run: MixedRun, pick: number, head: boolean): void {
  const placed = run.written.filter((w) => w.epoch === run.epoch && w.inserted !== undefined);
  const target = placed[pick % Math.max(1, placed.length)];
  const item = target?.inserted?.[pick % target.inserted.length];
  const next = item && storeInsert(run.server.rows, run.model, item.id, head);
  if (target === undefined || item === undefined || next === undefined) return;
  run.written.splice(run.written.indexOf(target), 1);
  run.server.change(next.rows);
  run.stored.add(item.id);
  // Stored while the total the engine knows is the count from before the refresh, not the
  // server's: nothing tells the server grew (the model silent).
  if (next.at !== next.put || !run.answered) run.moved = true;
  run.count(run.moved ? 'insert stored by the server, the model silent' : 'insert stored where it was put');
}
