// @lazyflow/react — public API. This file only re-exports.
export {};
