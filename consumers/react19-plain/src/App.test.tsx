import { QueryClient } from '@lazyflow/core';
import { LazyflowProvider } from '@lazyflow/react';
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createItemsApi } from '../../shared/itemsApi.ts';
import { App } from './App';

// A loaded CI machine can take longer than Testing Library's 1 s to serve and render the first page.
configure({ asyncUtilTimeout: 10_000 });

const api = createItemsApi();
const server = setupServer(http.all('*/api/*', ({ request }) => api(request)));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

it('shows the first rows in jsdom, with its own QueryClient from LazyflowProvider', async () => {
  const client = new QueryClient();
  render(
    <LazyflowProvider client={client}>
      <App initialRect={{ width: 400, height: 360 }} />
    </LazyflowProvider>,
  );
  expect(await screen.findByText('100000 items')).toBeTruthy();
  expect(await screen.findByText('Item 0')).toBeTruthy();
  await waitFor(() => {
    const rows = screen.getAllByTestId('row');
    expect(rows.length).toBeGreaterThanOrEqual(10); // 360 px of 36 px rows, plus overscan
    expect(rows.length).toBeLessThan(40);
    expect(rows.map((row) => row.textContent)).toEqual(rows.map((row) => `Item ${row.dataset.index}`));
  });
  // The pages live in the client given by the provider, not in a page-wide default.
  expect(client.getQueryCache().findAll({ queryKey: ['items'] }).length).toBeGreaterThan(0);
});
