// Typed fetches of the catalogue endpoints (videos, users). No React.
import type { SortOrder, UserSort, UsersPage, UsersWidePage, VideoFilter, VideosPage } from '@lazyflow/mocks';
import { getJson } from './getJson.ts';

/** `GET /api/videos`: videos `[offset, offset + limit)` of the catalogue filtered by `status`. */
export function fetchVideos(params: {
  offset: number;
  limit: number;
  status: VideoFilter;
  signal: AbortSignal;
}): Promise<VideosPage> {
  const { offset, limit, status, signal } = params;
  return getJson(`/api/videos?offset=${offset}&limit=${limit}&status=${status}`, signal);
}

/** `GET /api/users`: users `[offset, offset + limit)` of the directory sorted by the server. */
export function fetchUsers(params: {
  offset: number;
  limit: number;
  sort: UserSort;
  order: SortOrder;
  signal: AbortSignal;
}): Promise<UsersPage> {
  const { offset, limit, sort, order, signal } = params;
  return getJson(`/api/users?offset=${offset}&limit=${limit}&sort=${sort}&order=${order}`, signal);
}

/** `GET /api/users?columns=metrics`: the same page with each user's 300 metric columns. */
export function fetchUsersWide(params: {
  offset: number;
  limit: number;
  sort: UserSort;
  order: SortOrder;
  signal: AbortSignal;
}): Promise<UsersWidePage> {
  const { offset, limit, sort, order, signal } = params;
  return getJson(
    `/api/users?offset=${offset}&limit=${limit}&sort=${sort}&order=${order}&columns=metrics`,
    signal,
  );
}
