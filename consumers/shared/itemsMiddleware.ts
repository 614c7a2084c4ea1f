// The items API inside Vite's dev and preview servers (see the apps' vite.config.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The API as Node middleware for Vite's dev and preview servers (`server.middlewares.use`);
 * requests outside `/api/` go on to Vite.
 */
export function itemsMiddleware(
  api: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    if (req.url === undefined || !req.url.startsWith('/api/')) {
      next();
      return;
    }
    const chunks: Uint8Array[] = [];
    req.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    req.on('end', () => {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const request = new Request(new URL(req.url ?? '/', 'http://localhost'), {
        method: req.method ?? 'GET',
        body,
      });
      void api(request).then(async (response) => {
        res.statusCode = response.status;
        res.setHeader('content-type', 'application/json');
        res.end(await response.text());
      });
    });
  };
}
