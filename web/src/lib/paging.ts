import { useInfiniteQuery } from '@tanstack/react-query'
import { api, type PageResult } from './api.ts'

type Filters = Record<string, string | undefined>

/** A keyset-paginated list endpoint: each page's `nextCursor` is handed back as `cursor` for the next one. */
export function useCursorList<T>(key: string, path: string, filters: Filters, limit = 50) {
  const query = useInfiniteQuery({
    queryKey: [key, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<PageResult<T>>(path, { query: { ...filters, cursor: pageParam, limit }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const rows = query.data?.pages.flatMap((page) => page.items) ?? []
  // The newest page's count: rows added or removed while paging show up in it.
  const total = query.data?.pages.at(-1)?.total
  return { ...query, rows, total }
}
