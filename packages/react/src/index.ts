'use client';
// @lazyflow/react — public API. This file only re-exports. 'use client': the hooks hold state, so
// React Server Component frameworks (Next.js app router) render them on the client.
export { LazyList, type LazyListHandle, type LazyListProps } from './components/LazyList.tsx';
export { keepPreviousRows } from './keepPreviousRows.ts';
export type { ListPlaceholder } from './placeholder.ts';
export { LazyflowProvider, type LazyflowProviderProps, useLazyflowClient } from './queryClient.ts';
export { type LazyDataControls, type UseLazyDataResult, useLazyData } from './useLazyData.ts';
export {
  type GridCellProps,
  type UseLazyGridOptions,
  type UseLazyGridResult,
  useLazyGrid,
} from './useLazyGrid.ts';
export {
  type LazyListControls,
  type UseLazyListOptions,
  type UseLazyListResult,
  useLazyList,
} from './useLazyList.ts';
export { type UseStreamResult, useStream } from './useStream.ts';
export { type UseStreamLogResult, useStreamLog } from './useStreamLog.ts';
export { useSuspenseLazyList } from './useSuspenseLazyList.ts';
export { type UseWindowOptions, type UseWindowResult, useWindow } from './useWindow.ts';
export type { ItemWriteControls } from './writeControls.ts';
