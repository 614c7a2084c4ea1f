import { analyticsHandler } from './handlers/analytics.ts';
import { chatSendHandler } from './handlers/chat.ts';
import { feedHandler } from './handlers/feed.ts';
import { itemsHandler } from './handlers/items.ts';
import { latestHandler } from './handlers/latest.ts';
import { metricsHandler } from './handlers/metrics.ts';
import { searchHandler } from './handlers/search.ts';
import { streamHandler } from './handlers/stream.ts';
import { templatesHandler } from './handlers/templates.ts';
import { usersHandler } from './handlers/users.ts';
import { videosHandler } from './handlers/videos.ts';

/** Every endpoint of the demo's data server, for `setupWorker(...handlers)` or `setupServer(...handlers)`. */
export const handlers = [
  itemsHandler,
  feedHandler,
  latestHandler,
  streamHandler,
  metricsHandler,
  templatesHandler,
  videosHandler,
  usersHandler,
  searchHandler,
  analyticsHandler,
  chatSendHandler,
];
