// The scroll element's listeners: one of each while the view has subscribers, none after.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { itemsList, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

describe('VirtualList scroll listeners', () => {
  it('listens to scroll once (the first publish inside subscribe does not attach a second time), and stops', async () => {
    const element = document.createElement('div');
    Object.assign(element.style, { height: '600px', overflow: 'auto' });
    document.body.append(element);
    const scrollListeners = new Set<unknown>();
    const add = element.addEventListener.bind(element);
    const remove = element.removeEventListener.bind(element);
    vi.spyOn(element, 'addEventListener').mockImplementation((type, listener, options) => {
      if (type === 'scroll') scrollListeners.add(listener);
      add(type, listener, options);
    });
    vi.spyOn(element, 'removeEventListener').mockImplementation((type, listener, options) => {
      if (type === 'scroll') scrollListeners.delete(listener);
      remove(type, listener, options);
    });
    const { list } = itemsList(10_000);
    const view = createVirtualList({ list, scrollElement: element, estimateSize: () => 36 });
    const stop = view.subscribe(() => {});
    await vi.waitFor(() => expect(view.getSnapshot().count).toBe(10_000));
    expect(scrollListeners.size).toBe(1);
    stop();
    expect(scrollListeners.size).toBe(0);
    view.destroy();
    list.destroy();
    element.remove();
  });
});
