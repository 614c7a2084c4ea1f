// @lazyflow/mocks: deterministic datasets and the MSW handlers of the demo's data server.
export * from './dataset.ts';
export {
  ANALYTICS_MINUTE,
  type AnalyticsBucket,
  analyticsBucket,
  analyticsMinute,
} from './datasets/analyticsSeries.ts';
export {
  createSearchIndex,
  parseSearchQuery,
  SEARCH_TOTAL,
  type SearchDoc,
  type SearchIndex,
  type SearchMatcher,
  type SearchQuery,
  searchDoc,
  searchIndex,
} from './datasets/searchIndex.ts';
export {
  USER_METRIC_COLUMNS,
  type UserMetricColumn,
  type UserMetricKind,
  type UserWithMetrics,
  userMetrics,
} from './datasets/userMetrics.ts';
export {
  SORT_ORDERS,
  type SortOrder,
  USER_SORTS,
  USER_TOTAL,
  type User,
  type UserSection,
  type UserSort,
  user,
  userAt,
  userIdAt,
  userPosition,
  userSections,
  users,
} from './datasets/users.ts';
export {
  VIDEO_FILTERS,
  VIDEO_STATUSES,
  VIDEO_TOTAL,
  type Video,
  type VideoFilter,
  type VideoStatus,
  video,
  videoCount,
  videoCounts,
  videoStatus,
  videos,
} from './datasets/videos.ts';
export * from './faults.ts';
export {
  type AnalyticsRange,
  analyticsHandler,
  MAX_ANALYTICS_BUCKETS,
  MAX_ANALYTICS_MINUTES,
} from './handlers/analytics.ts';
export { type ChatMessage, type ChatSendBody, chatSendHandler } from './handlers/chat.ts';
export { decodeCursor, encodeCursor, type FeedPage, feedHandler } from './handlers/feed.ts';
export { type ItemsPage, itemsHandler, MAX_LIMIT } from './handlers/items.ts';
export type { LatestPage } from './handlers/latest.ts';
export { MAX_POINTS, type MetricsRange, metricsHandler } from './handlers/metrics.ts';
export {
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  type SearchResultsPage,
  searchHandler,
  searchLatency,
} from './handlers/search.ts';
export { eventStream, type StreamParams, streamHandler } from './handlers/stream.ts';
export {
  MAX_TEMPLATE_LIMIT,
  setTemplateProbeFailure,
  TEMPLATE_DATASETS,
  TEMPLATE_TOTALS,
  type TemplateDataset,
  type TemplatesCursorPage,
  type TemplatesOffsetPage,
  type TemplatesOpenPage,
  type TemplatesResponse,
  templatesHandler,
} from './handlers/templates.ts';
export { type UsersPage, type UsersWidePage, usersHandler } from './handlers/users.ts';
export { type VideosPage, videosHandler } from './handlers/videos.ts';
export { handlers } from './handlers.ts';
export { BadRequest, type ErrorBody } from './http.ts';
export { replayStreamEvents } from './streamReplay.ts';
export {
  SHAPE_PERIOD,
  type Template,
  template,
  templateBytes,
  templateLine,
  templates,
} from './templateDataset.ts';
