// What the browser project must offer every later test: real IndexedDB and performance.memory.
import { describe, expect, it } from 'vitest';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('browser platform', () => {
  it('round-trips a structured value through IndexedDB', async () => {
    const open = indexedDB.open(`lazyflow-platform-${Date.now()}`, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('pages');
    const db = await request(open);
    const page = { index: 5000, items: [{ id: 500_000, title: 'café 🚀' }], storedAt: Date.now() };
    const tx = db.transaction('pages', 'readwrite');
    await request(tx.objectStore('pages').put(page, 'users/page/5000'));
    const back = await request(db.transaction('pages').objectStore('pages').get('users/page/5000'));
    expect(back).toEqual(page);
    db.close();
  });

  it('exposes performance.memory in Chromium', () => {
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    expect(memory?.usedJSHeapSize).toBeGreaterThan(0);
  });
});
