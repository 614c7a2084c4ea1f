// Streaming: chunked fetch, stream parsers, createStream. This file only re-exports.

export {
  createManualFrameScheduler,
  defaultFrameScheduler,
  type FrameScheduler,
  type ManualFrameScheduler,
} from '../env/frameScheduler.ts';
export { type ChunkOptions, type ChunkSource, chunk } from './chunk.ts';
export { type Chunk, type ChunkReason, type ChunkRule, chunkItems } from './chunkRules.ts';
export {
  type ChunkEnvironment,
  Chunker,
  type ChunkerOptions,
  type ChunkerSnapshot,
  type ChunkerStatus,
  createChunker,
} from './createChunker.ts';
export { createStream, ItemStream, type StreamSnapshot, type StreamStatus } from './createStream.ts';
export { type ChunkedProgress, type FetchChunkedOptions, fetchChunked } from './fetchChunked.ts';
export { createLineSplitter, type LineHandler, utf8Length } from './lineSplitter.ts';
export { parseJsonSeq } from './parseJsonSeq.ts';
export { parseNdjson } from './parseNdjson.ts';
export { type ParseSseOptions, parseSse, type SseEvent } from './parseSse.ts';
export { readChunks } from './readChunks.ts';
export { RingBuffer } from './ringBuffer.ts';
export { StreamHttpError, StreamParseError } from './streamErrors.ts';
export type { CreateStreamOptions, StreamFormat, StreamResumeOptions } from './streamOptions.ts';
export {
  DEFAULT_MAX_LINE_BYTES,
  type StreamParser,
  type StreamParserFactory,
  type StreamParserOptions,
  type StreamSink,
} from './streamParser.ts';
export { type StreamResume, type UrlRequestOptions, urlRequest } from './streamRequest.ts';
export { EMPTY_STREAM_STATS, RateMeter, type StreamStats } from './streamStats.ts';
