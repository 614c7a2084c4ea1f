import { useEffect, useRef } from 'react';
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
    const unmount = mountVanillaTable(container, (stats) => board.report('Vanilla table', stats));
    return () => {
      unmount();
      board.remove('Vanilla table');
    };
  }, [board]);
  return (
    <section>
      <h1>Vanilla DOM</h1>
      <p>
        The same 1,000,000 rows with <code>createLazyList</code> + <code>createVirtualList</code> from{' '}
        <code>@lazyflow/core</code> and plain DOM code (<code>src/vanilla/mountVanillaTable.ts</code>): no
        framework, the snapshot is rendered by hand inside the view's subscription.
      </p>
      <div ref={ref} className="vanilla-root" data-testid="vanilla-root" />
    </section>
  );
}
