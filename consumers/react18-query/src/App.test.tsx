import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createItemsApi } from '../../shared/itemsApi.ts';
import { App } from './App';

// A loaded CI machine can take longer than Testing Library's 1 s to serve and render the first page.
configure({ asyncUtilTimeout: 10_000 });

let api = createItemsApi();
const server = setupServer(http.all('*/api/*', ({ request }) => api(request)));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  api = createItemsApi();
});
afterAll(() => server.close());

it('shows the first rows in jsdom, and a mutation invalidating the list key renames a row on screen', async () => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App initialRect={{ width: 400, height: 360 }} />
    </QueryClientProvider>,
  );
  expect(await screen.findByText('100000 items')).toBeTruthy();
  expect(await screen.findByText('Item 0')).toBeTruthy();
  await waitFor(() => {
    const rows = screen.getAllByTestId('row');
    expect(rows.length).toBeGreaterThanOrEqual(10); // 360 px of 36 px rows, plus overscan
    expect(rows.length).toBeLessThan(40);
    expect(rows.map((row) => row.textContent)).toEqual(rows.map((row) => `Item ${row.dataset.index}`));
  });

  fireEvent.click(screen.getByRole('button', { name: 'Rename item 0' }));
  expect(await screen.findByText('Item 0, renamed')).toBeTruthy();
  expect(screen.getByText('Item 1')).toBeTruthy();
});
