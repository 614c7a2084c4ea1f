// @lazyflow/core/sticky — sticky rows (`sticky: stickyRows` with `stickyIndexes`), a separate
// import so a list without sticky rows does not bundle them (decision 0027). This file only
// re-exports.

export { stickyRows } from '../virtual/stickyImport.ts';
export type { StickyRowsKind } from '../virtual/stickyRows.ts';
