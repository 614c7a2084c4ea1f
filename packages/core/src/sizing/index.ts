// @lazyflow/core/sizing — requests sized by bytes (`offsetSource({ pageSize: autoPageSize })`),
// a separate import so a list with a fixed page size does not bundle it (decision 0068). This
// file only re-exports.

export { autoPageSize } from '../sources/autoPageSize.ts';
