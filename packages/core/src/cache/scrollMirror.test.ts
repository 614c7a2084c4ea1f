import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage.ts';
import { clearMirror, mirrorScroll, readMirroredScroll } from './scrollMirror.ts';

const fresh = () => true;
const saved = { anchorKey: 4_200, offsetInItem: 7, sizes: [[4_200, 36]] as [number, number][] };

describe('scroll mirror', () => {
  it('reads back what it wrote', () => {
    const mirror = memoryStorage();
    mirrorScroll(mirror, 'lazyflow-scroll:users:a', saved, 0);
    expect(readMirroredScroll(mirror, 'lazyflow-scroll:users:a', fresh)).toEqual(saved);
    expect(readMirroredScroll(mirror, 'lazyflow-scroll:users:b', fresh)).toBeUndefined();
  });

  it('ignores a refused or full storage and anything that is not a saved scroll', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => mirrorScroll(full, 'k', saved, 0)).not.toThrow();
    const mirror = memoryStorage();
    mirror.items.set('broken', '{"anchorKey":');
    mirror.items.set('other', '[0,{"anchorKey":"x","offsetInItem":0,"sizes":[]}]');
    mirror.items.set('old', JSON.stringify([0, saved]));
    expect(readMirroredScroll(mirror, 'old', (storedAt) => storedAt > 0)).toBeUndefined();
    expect(readMirroredScroll(mirror, 'broken', fresh)).toBeUndefined();
    expect(readMirroredScroll(mirror, 'other', fresh)).toBeUndefined();
    expect(readMirroredScroll(null, 'k', fresh)).toBeUndefined();
  });

  it('clears the copies of one cache only', () => {
    const mirror = memoryStorage();
    mirrorScroll(mirror, 'lazyflow-scroll:users:a', saved, 0);
    mirrorScroll(mirror, 'lazyflow-scroll:users:b', saved, 0);
    mirrorScroll(mirror, 'lazyflow-scroll:orders:a', saved, 0);
    mirror.items.set('app-setting', '1');
    clearMirror(mirror, 'lazyflow-scroll:users:');
    expect([...mirror.items.keys()]).toEqual(['lazyflow-scroll:orders:a', 'app-setting']);
  });
});
