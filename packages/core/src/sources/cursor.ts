/**
 * An opaque position in a cursor-paginated feed. In a file of its own so every source can use
 * it without importing `source.ts`, which imports every source for `LazyListSource`.
 *
 * @example
 * const start: Cursor = 'msg_1042';
 */
export type Cursor = string | number;
