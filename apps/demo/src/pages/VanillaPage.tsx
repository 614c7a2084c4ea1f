import { useEffect, useRef } from 'react';
import { mountVanillaTable } from '../vanilla/mountVanillaTable.ts';

/** The Table scenario without React: plain DOM code mounted into a container React leaves alone. */
export function VanillaPage() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current;
    return container === null ? undefined : mountVanillaTable(container);
  }, []);
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
