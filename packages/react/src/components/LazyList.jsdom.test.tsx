// @vitest-environment jsdom
// An app that tests its components in jsdom can render <LazyList>: there is no layout there, so
// the list gets its size from `initialRect` (a simulated DOM measures every element as 0 × 0).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LazyList } from './LazyList.tsx';

afterEach(cleanup);

describe('<LazyList> in jsdom with @testing-library/react', () => {
  it('shows the first rows of an array as list items, not all of them', async () => {
    const fruits = Array.from({ length: 10_000 }, (_, i) => `Fruit ${i}`);
    render(
      <LazyList
        data={fruits}
        renderItem={(fruit) => fruit}
        header={<h2>Fruits</h2>}
        estimateSize={() => 36}
        initialRect={{ width: 400, height: 360 }}
        height={360}
        aria-label="Fruits"
      />,
    );
    expect(await screen.findByText('Fruit 0', {}, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Fruits' })).toBeTruthy();
    const items = screen.getAllByRole('listitem');
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.length).toBeLessThan(100);
    expect(screen.getByRole('list', { name: 'Fruits' }).contains(items[0] ?? null)).toBe(true);
  }, 15_000); // the first render in a cold jsdom worker on a loaded machine
});
