// The consumer apps' backend: items 0…TOTAL-1 titled "Item N", any of them renamed by a POST.
// One definition serves the apps in the browser (their Vite dev and preview servers through
// itemsMiddleware.ts) and in their jsdom tests (MSW in Node), so both see the same data. Web
// Request/Response only, no package and no Node API: it sits outside the apps' node_modules.

/** Items the API serves. */
export const TOTAL = 100_000;

/** One item of the API. */
export interface Item {
  readonly id: number;
  readonly title: string;
}

/** The title an item has until it is renamed. */
export function titleOf(id: number): string {
  return `Item ${id}`;
}

/**
 * A fresh in-memory items API (each test gets its own renames):
 * `GET /api/items?offset=N&limit=M` → `{ items, total }`; `POST /api/items/:id` `{ title }` renames.
 */
export function createItemsApi(): (request: Request) => Promise<Response> {
  const renamed = new Map<number, string>();
  return async (request) => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/api/items') {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return Response.json({ error: `bad offset/limit: ${url.search}` }, { status: 400 });
      }
      const items: Item[] = [];
      for (let id = offset; id < Math.min(offset + limit, TOTAL); id += 1) {
        items.push({ id, title: renamed.get(id) ?? titleOf(id) });
      }
      return Response.json({ items, total: TOTAL });
    }
    const rename = /^\/api\/items\/(\d+)$/.exec(url.pathname);
    if (request.method === 'POST' && rename) {
      const id = Number(rename[1]);
      const body: unknown = await request.json();
      const title = typeof body === 'object' && body !== null && 'title' in body ? body.title : undefined;
      if (typeof title !== 'string' || id >= TOTAL) {
        return Response.json({ error: 'expected { title: string } for an existing item' }, { status: 400 });
      }
      renamed.set(id, title);
      return Response.json({ id, title });
    }
    return Response.json({ error: `no route ${request.method} ${url.pathname}` }, { status: 404 });
  };
}
