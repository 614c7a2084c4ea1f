// @lazyflow/react — public API. This file only re-exports.
export { type UseLazyListOptions, type UseLazyListResult, useLazyList } from './useLazyList.ts';
export { type UseStreamResult, useStream } from './useStream.ts';
export { type UseWindowOptions, type UseWindowResult, useWindow } from './useWindow.ts';
