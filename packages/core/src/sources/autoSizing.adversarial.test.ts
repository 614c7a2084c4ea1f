import { describe, expect, it } from 'vitest';
import { autoPageSize } from './autoPageSize.ts';
import { type OffsetFetchParams, offsetSource } from './offsetSource.ts';
import { jsonBytes } from './pageSizing.ts';

const signal = () => new AbortController().signal;

describe('pageSize: autoPageSize with items JSON cannot encode (adversarial)', () => {
  it('jsonBytes weighs a BigInt as its digits and a cycle as 0, instead of throwing', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(jsonBytes({ id: 12n })).toBe(jsonBytes({ id: '12' }));
    expect(jsonBytes(cyclic)).toBe(0);
    expect(jsonBytes({ id: 1 })).toBe(8);
  });

  it('a page of items with BigInt ids loads instead of failing every attempt', async () => {
    const fetchPage = async ({ offset, limit }: OffsetFetchParams) => ({
      items: Array.from({ length: limit }, (_, i) => ({ id: BigInt(offset + i) })),
      total: 1_000,
    });
    const source = offsetSource({ pageSize: autoPageSize, fetchPage });
    const page = await source.loadPage({ page: 2, signal: signal(), priority: 'high' });
    expect(page.items[0]).toEqual({ id: 20n });
  });
});
