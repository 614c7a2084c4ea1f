// useLazyList in a scroll element that holds a footer after the list (decision 0070): no option
// tells the hook about it; the element's scroll extent does. The very bottom shows the footer
// whole under the last row, also in a 1,000,000-row (scaled) list, and wheel-sized steps back up
// move the rows 1:1.
import { useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { generatedSource } from '../../core/src/testing/virtualFixtures.ts';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const { mount } = rootsPerTest({ actEnvironment: false });

const VIEWPORT = 600;
const FOOTER = 200;
const ROW = 36;

interface Row {
  readonly id: number;
}

let latest: UseLazyListResult<Row> | null = null;

function Log(props: { readonly total: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Row>({
    key: ['footer-below', props.total],
    source: generatedSource<Row>(props.total, (id) => ({ id })),
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    prefetch: 0,
  });
  latest = list;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: VIEWPORT, width: 400, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={ROW} text={(row) => `row ${row.id}`} placeholder="" />
      <footer style={{ height: FOOTER }}>Older messages are archived.</footer>
    </div>
  );
}

describe('useLazyList in a scroll element with a footer after the list', () => {
  for (const total of [1_000, 1_000_000]) {
    it(`${total.toLocaleString('en')} rows: the very bottom shows the footer whole under the last row, and steps back up move 1:1`, async () => {
      mount(<Log total={total} />);
      const scroller = await vi.waitFor(() => {
        const found = document.querySelector<HTMLElement>('[data-testid="scroller"]');
        if (found === null) throw new Error('not rendered yet');
        return found;
      });
      const origin = () => scroller.getBoundingClientRect().top;
      const rows = () => [...scroller.querySelectorAll('[data-index]')];
      const top = (id: number) => {
        const row = rows().find((e) => e.textContent === `row ${id}`);
        return row === undefined ? undefined : row.getBoundingClientRect().top - origin();
      };
      /** The id of a loaded row in the element's first 150 px (still in view after a step of 200 px). */
      const inView = () => {
        const row = rows().find((e) => {
          const y = e.getBoundingClientRect().top - origin();
          return e.textContent !== '' && y >= 0 && y < 150;
        });
        if (row === undefined) throw new Error('no loaded row at the top of the element');
        return Number(row.textContent?.slice(4));
      };
      const footerTop = () => (scroller.querySelector('footer')?.getBoundingClientRect().top ?? 0) - origin();
      await vi.waitFor(() => expect(top(3)).toBe(3 * ROW));
      expect(latest?.scaled).toBe(total === 1_000_000);
      for (let round = 0; round < 2; round++) {
        scroller.scrollTop = scroller.scrollHeight - scroller.clientHeight;
        await vi.waitFor(() => expect(top(total - 1)).toBeDefined());
        await frames(3);
      }
      const bottom = scroller.scrollHeight - scroller.clientHeight;
      expect(scroller.scrollTop).toBe(bottom); // not written back to the list's end
      expect(footerTop()).toBeCloseTo(VIEWPORT - FOOTER, 0);
      expect(top(total - 1)).toBeCloseTo(VIEWPORT - FOOTER - ROW, 0);

      for (const step of [120, FOOTER, 100]) {
        const read = inView();
        const before = { row: top(read) ?? Number.NaN, footer: footerTop() };
        scroller.scrollBy({ top: -step, behavior: 'instant' });
        await frames(3);
        expect(top(read)).toBeCloseTo(before.row + step, 0);
        expect(footerTop()).toBeCloseTo(before.footer + step, 0);
      }
      expect(scroller.scrollTop).toBe(bottom - 420);
      // The right rows there: the one read sits where its index puts it above the footer.
      const read = inView();
      expect(top(read)).toBeCloseTo(footerTop() - (total - read) * ROW, 0);
    });
  }
});
