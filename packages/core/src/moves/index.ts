// @lazyflow/core/moves — the dataset-move watch (decision 0012), given as the `moves` option, a
// separate import so a list that does not need it does not bundle it (decision 0023). This file
// only re-exports.

export type { DatasetMoves, MoveReason, WatchMoves } from '../list/datasetMoves.ts';
export { watchMoves } from '../list/datasetWatch.ts';
