// @lazyflow/react — public API. This file only re-exports.
export { type UseStreamResult, useStream } from './useStream.ts';
