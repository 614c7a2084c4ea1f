// The write-back of the view's scroll position to the element (`pendingWrite`, applied after a
// commit by `VirtualList.commit`): what the element did with a write. The view owns the target
// and the state and writes; this only decides what the write's outcome tells the reducer.
import type { ScrollScale } from './scrollScale.ts';
import type { ViewAction } from './viewState.ts';

/**
 * The `written` action for a write of `want` that left the element at `known`. Not `done` when it
 * landed elsewhere (written before the content grew, the framework has not rendered yet: retried
 * on commit). `adopt` when a scaled element past 2^23 px landed on the even offset next to it
 * (Chromium: a write of 8,420,099 gives 8,420,100): retrying never gets there, so the rows are
 * laid out from where it is, or everything is drawn a pixel off (smooth scrollToIndex landing
 * 1 px short, issue #19).
 *
 * @example
 * writtenAction(8_420_099, 8_420_100, scale); // { type: 'written', known: 8_420_100, done: false, adopt: true } on a scaled list
 */
export function writtenAction(
  want: number,
  known: number,
  scale: ScrollScale,
): Extract<ViewAction, { type: 'written' }> {
  const done = Math.abs(known - want) < 1;
  const adopt = !done && scale.scaled && Math.abs(known - want) < 2 && known > 0 && known < scale.physicalMax;
  return { type: 'written', known, done, adopt };
}
