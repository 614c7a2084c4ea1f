// @lazyflow/core/writes — the write engine (update, insert, remove with rollback; decision 0011),
// a separate import so a list that never writes does not bundle it. This file only re-exports.

export {
  queuedSends,
  type SendOptions,
  type SendStatus,
  type SendTarget,
  type SentItem,
  send,
} from '../list/sendItem.ts';
export { listWrites } from '../list/writeCommands.ts';
export { ListWriteError, type ListWriteResult, type ListWrites } from '../list/writeResult.ts';
