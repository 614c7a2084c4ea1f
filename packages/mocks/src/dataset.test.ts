import { describe, expect, it } from 'vitest';
import { hash32, item, items, MAX_TOTAL, metricPoint, streamEvent } from './dataset.ts';

describe('dataset', () => {
  it('gives an equal item for the same index, every time', () => {
    expect(item(123_456)).toEqual(item(123_456));
    expect(item(123_456).id).toBe(123_456);
    expect(JSON.stringify(item(7))).toBe(JSON.stringify(item(7)));
  });

  it('gives different items for neighbouring indexes', () => {
    const titles = new Set(items(0, 100).map((it) => it.body));
    expect(titles.size).toBeGreaterThan(90);
  });

  it('generates the last item of a 100,000,000-item dataset without materialising the rest', () => {
    const last = item(MAX_TOTAL - 1);
    expect(last.id).toBe(MAX_TOTAL - 1);
    expect(last.title.startsWith(`#${MAX_TOTAL - 1} `)).toBe(true);
    expect(Number.isNaN(Date.parse(last.createdAt))).toBe(false);
  });

  it('has bodies of varying length, some short and some long', () => {
    const lengths = items(0, 2000).map((it) => it.body.length);
    expect(Math.min(...lengths)).toBeLessThan(40);
    expect(Math.max(...lengths)).toBeGreaterThan(400);
  });

  it('orders items by time: a later index is never older', () => {
    for (const i of [0, 10, 999_999]) {
      expect(Date.parse(item(i + 1).createdAt)).toBeGreaterThan(Date.parse(item(i).createdAt));
    }
  });

  it('contains multi-byte UTF-8 text somewhere in the first items', () => {
    const text = items(0, 200)
      .map((it) => it.body)
      .join(' ');
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(text.length);
  });

  it('hashes indexes above 2^32 apart from their low bits', () => {
    expect(hash32(2 ** 32 + 5)).not.toBe(hash32(5));
  });

  it('makes stream events and metric points deterministic', () => {
    expect(streamEvent(42)).toEqual(streamEvent(42));
    expect(streamEvent(42).seq).toBe(42);
    expect(metricPoint(3_600_000, 60_000)).toEqual(metricPoint(3_600_000, 60_000));
    const p = metricPoint(0, 60_000);
    expect(p.min).toBeLessThanOrEqual(p.value);
    expect(p.max).toBeGreaterThanOrEqual(p.value);
  });
});
