// @lazyflow/core — public API. This file only re-exports.
export {};
