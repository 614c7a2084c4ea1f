import { feedHandler } from './handlers/feed.ts';
import { itemsHandler } from './handlers/items.ts';
import { metricsHandler } from './handlers/metrics.ts';
import { streamHandler } from './handlers/stream.ts';

/** Every endpoint of the demo's data server, for `setupWorker(...handlers)` or `setupServer(...handlers)`. */
export const handlers = [itemsHandler, feedHandler, streamHandler, metricsHandler];
