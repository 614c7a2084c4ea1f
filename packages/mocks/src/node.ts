import { setupServer } from 'msw/node';
import { handlers } from './handlers.ts';

/**
 * The same endpoints for Node tests and scripts (`server.listen()` in `beforeAll`).
 *
 * @example
 * server.listen({ onUnhandledRequest: 'error' });
 * await fetch('http://localhost/api/items?offset=0&limit=10');
 */
export const server = setupServer(...handlers);
