// @lazyflow/core/masonry — the masonry layout (decision 0015), a separate import so a list that
// lays out rows does not bundle it (decision 0019). This file only re-exports.

export { type MasonryLayoutKind, masonry } from '../virtual/masonry.ts';
