import { useEffect, useRef } from 'react';
import { PageIntro } from '../components/PageIntro.tsx';
import { reportList } from '../lib/statsBoard.ts';
import { useStatsBoard } from '../lib/useReportStats.ts';
import { mountVanillaTable } from '../vanilla/mountVanillaTable.ts';

/** The Table scenario without React: plain DOM code mounted into a container React leaves alone. */
export function VanillaPage() {
  const ref = useRef<HTMLDivElement>(null);
  const board = useStatsBoard();
  useEffect(() => {
    const container = ref.current;
    if (container === null) return;
    // Plain DOM code reports to the "Under the hood" panel through the board itself.
    const unmount = mountVanillaTable(container, (list) => reportList(board, 'Vanilla table', list));
    return () => {
      unmount();
      board.remove('Vanilla table');
    };
  }, [board]);
  return (
    <section className="page-fill">
      <PageIntro
        title="Vanilla DOM"
        tryThis="jump to row 500,000 and compare with the Table: the same rows, the same two requests, the same figures under the hood."
        code={
          <>
            <code>createLazyList</code> + <code>createVirtualList</code> from <code>@lazyflow/core</code>,
            rendered by hand in the view's <code>subscribe</code>, <code>scrollToIndex(row - 1)</code> (
            <code>src/vanilla/mountVanillaTable.ts</code>, 186 lines)
          </>
        }
      >
        The Table's feat with no framework at all: a million rows, a jump that loads only its target, memory
        held to a budget — for Svelte, Vue, Lit or plain pages. The engine behind it weighs about{' '}
        <strong>35 kB</strong> min + gzip including <code>@tanstack/query-core</code> (23 kB without the
        virtual list; <code>node scripts/bundle-size.mjs</code>, December 2026), and no React is needed.
      </PageIntro>
      <div ref={ref} className="vanilla-root fill fill-column" data-testid="vanilla-root" />
    </section>
  );
}
