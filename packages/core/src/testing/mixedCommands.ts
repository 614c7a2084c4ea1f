// The mixed model's sequences (`createLazyList.mixed.model.test.ts`): the list's configuration and
// the steps fast-check draws, with their weights. A seed draws the same sequences as long as these
// arbitraries do not change.
import fc from 'fast-check';

/** One sequence's list: the server's rows, the page size, the byte budget in pages, concurrency. */
export interface MixedConfig {
  readonly size: number;
  readonly pageSize: number;
  readonly budgetPages: number;
  readonly maxConcurrent: number;
}

/** One step of a sequence (what each does: `mixedActions.ts`). */
export type MixedCommand =
  | { readonly type: 'window'; start: number; length: number }
  | { readonly type: 'resolve'; pick: number }
  | { readonly type: 'reject'; pick: number }
  | { readonly type: 'resolveAll' }
  | { readonly type: 'insert'; at: number; count: number }
  | { readonly type: 'remove'; pick: number }
  | { readonly type: 'update'; pick: number }
  | { readonly type: 'rollback'; pick: number }
  | { readonly type: 'confirm'; pick: number }
  | { readonly type: 'store'; pick: number; head: boolean }
  | { readonly type: 'serverInsert'; at: number; count: number }
  | { readonly type: 'serverDelete'; at: number; count: number }
  | { readonly type: 'refresh' };

/**
 * A sequence's configuration. The budget is at least 8 pages and the window plus prefetch at most
 * 7, so the window alone cannot exceed maxBytes.
 *
 * @example
 * fc.asyncProperty(mixedConfigArb, fc.array(mixedCommandArb), run);
 */
export const mixedConfigArb: fc.Arbitrary<MixedConfig> = fc.record({
  size: fc.integer({ min: 5, max: 120 }),
  pageSize: fc.constantFrom(3, 5, 10),
  budgetPages: fc.constantFrom(8, 12, 40),
  maxConcurrent: fc.integer({ min: 1, max: 4 }),
});

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/**
 * Any step, weighted: window moves, answers and failures, local writes, rollbacks, the recipe's
 * confirmations, the server storing placed inserts, changing on its own, and refresh().
 *
 * @example
 * fc.array(mixedCommandArb, { minLength: 5, maxLength: 40, size: 'max' });
 */
export const mixedCommandArb: fc.Arbitrary<MixedCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('window' as const),
      start: fc.nat(130),
      length: fc.integer({ min: 1, max: 12 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('resolve' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reject' as const), pick: fc.nat(20) }) },
  { weight: 4, arbitrary: fc.constant({ type: 'resolveAll' as const }) },
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
  { weight: 2, arbitrary: fc.record({ type: fc.constant('rollback' as const), pick: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('confirm' as const), pick: fc.nat(40) }) },
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('store' as const), pick: fc.nat(40), head: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('serverInsert' as const),
      at: fraction,
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('serverDelete' as const),
      at: fraction,
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'refresh' as const }) },
);

/**
 * Sequences where the server stores placed inserts (decisions 0055, 0060): chunks of an insert,
 * every page answered (the engine learns the server's total), then the server storing one of the
 * placed inserts, where the client put it or (one time in four) at the head; among any other steps.
 * At the CI seed the main property draws few stores the model can check (most at the head, or with
 * no placed insert to store): this one makes the checks after a store run.
 *
 * @example
 * fc.asyncProperty(mixedConfigArb, storingCommandsArb, run);
 */
export const storingCommandsArb: fc.Arbitrary<MixedCommand[]> = fc
  .array(
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc
          .record({
            at: fc.nat(40),
            count: fc.integer({ min: 1, max: 3 }),
            pick: fc.nat(40),
            head: fc.constantFrom(false, false, false, true),
          })
          .map(({ at, count, pick, head }): MixedCommand[] => [
            { type: 'insert', at, count },
            { type: 'resolveAll' },
            { type: 'store', pick, head },
          ]),
      },
      { weight: 3, arbitrary: mixedCommandArb.map((command) => [command]) },
    ),
    { minLength: 3, maxLength: 12, size: 'max' },
  )
  .map((chunks) => chunks.flat());
