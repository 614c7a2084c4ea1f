// @lazyflow/mocks: deterministic datasets and the MSW handlers of the demo's data server.
export * from './dataset.ts';
export * from './faults.ts';
export { decodeCursor, encodeCursor, type FeedPage, feedHandler } from './handlers/feed.ts';
export { type ItemsPage, itemsHandler, MAX_LIMIT } from './handlers/items.ts';
export { MAX_POINTS, type MetricsRange, metricsHandler } from './handlers/metrics.ts';
export { eventStream, type StreamParams, streamHandler } from './handlers/stream.ts';
export { handlers } from './handlers.ts';
export { BadRequest, type ErrorBody } from './http.ts';
