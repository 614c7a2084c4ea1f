import { describe, expect, it } from 'vitest';
import { type EdgePage, feedEdges } from './feedEdges.ts';

const loaded: EdgePage = { status: 'loaded', items: [1, 2], error: undefined };
const failed = (error: unknown): EdgePage => ({ status: 'error', items: undefined, error });
const pages = (entries: [number, EdgePage][]) => new Map(entries);

describe('feedEdges', () => {
  it('says nothing while both ends load or before any page loaded', () => {
    const loading: EdgePage = { status: 'loading', items: undefined, error: undefined };
    expect(
      feedEdges(
        pages([
          [0, loaded],
          [-1, loading],
          [1, loading],
        ]),
      ),
    ).toEqual({
      older: { kind: 'none' },
      newer: { kind: 'none' },
      first: { kind: 'none' },
    });
    expect(feedEdges(pages([[0, loading]]))).toEqual({
      older: { kind: 'none' },
      newer: { kind: 'none' },
      first: { kind: 'none' },
    });
  });

  it('before any page loaded, says the first page is between attempts, then that it failed', () => {
    const why = new Error('HTTP 500');
    const waiting: EdgePage = {
      status: 'loading',
      items: undefined,
      error: undefined,
      retrying: { status: 'loading', attempt: 2, attempts: 3, lastError: why },
    };
    expect(feedEdges(pages([[0, waiting]]))).toEqual({
      older: { kind: 'none' },
      newer: { kind: 'none' },
      first: { kind: 'retrying', page: 0, attempt: 2, attempts: 3, lastError: why },
    });
    expect(feedEdges(pages([[0, failed(why)]]))).toEqual({
      older: { kind: 'none' },
      newer: { kind: 'none' },
      first: { kind: 'failed', page: 0, error: why },
    });
    // Once a page loaded, its ends speak and `first` is quiet.
    expect(feedEdges(pages([[0, loaded]])).first).toEqual({ kind: 'none' });
  });

  it('finds a failed older page before the oldest loaded one and a failed newer page after the newest', () => {
    const older = new Error('older');
    const newer = new Error('newer');
    const edges = feedEdges(
      pages([
        [-3, failed(older)],
        [-2, loaded],
        [-1, loaded],
        [0, loaded],
        [1, loaded],
        [2, failed(newer)],
      ]),
    );
    expect(edges.older).toEqual({ kind: 'failed', page: -3, error: older });
    expect(edges.newer).toEqual({ kind: 'failed', page: 2, error: newer });
  });

  it('tells a page between attempts from a failed one: which attempt of how many, and why the last failed', () => {
    const why = new Error('HTTP 500');
    const retrying: EdgePage = {
      status: 'loading',
      items: undefined,
      error: undefined,
      retrying: { status: 'loading', attempt: 2, attempts: 4, lastError: why },
    };
    expect(
      feedEdges(
        pages([
          [0, loaded],
          [1, retrying],
        ]),
      ).newer,
    ).toEqual({
      kind: 'retrying',
      page: 1,
      attempt: 2,
      attempts: 4,
      lastError: why,
    });
  });

  it('ignores a failed page inside the loaded run (its rows show the failure) and stale pages with items', () => {
    const stale: EdgePage = { status: 'error', items: [1], error: new Error('stale') };
    expect(
      feedEdges(
        pages([
          [-1, stale],
          [0, loaded],
          [1, failed(new Error('x'))],
          [2, loaded],
        ]),
      ),
    ).toEqual({
      older: { kind: 'none' },
      newer: { kind: 'none' },
      first: { kind: 'none' },
    });
  });
});
