// Stream logs (decision 0084): an NDJSON stream kept as indexed lines, read by a list. Re-exports only.

export {
  createStreamLog,
  type StreamLog,
  type StreamLogOptions,
  type StreamLogSnapshot,
  type StreamLogStatus,
} from './createStreamLog.ts';
