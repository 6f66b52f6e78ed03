import { useInfiniteQuery } from '@tanstack/react-query'
import type { ApiInput, ApiKey, ApiOutput } from '@tongxin/contracts'
import { call, type PageResult } from './api.ts'

/** The table's GET routes that answer one page of a keyset-paginated list. */
export type PagedRoute = {
  [K in ApiKey]: K extends `GET ${string}`
    ? ApiOutput<K> extends { items: unknown[]; nextCursor: string | null }
      ? K
      : never
    : never
}[ApiKey]

type QueryOf<K extends ApiKey> = ApiInput<K> extends { query?: infer Q } ? NonNullable<Q> : never
type ParamsOf<K extends ApiKey> = ApiInput<K> extends { params: infer P } ? { params: P } : { params?: never }
/** What a page is asked for besides its cursor and size. */
export type PageFilters<K extends PagedRoute> = Omit<QueryOf<K>, 'cursor' | 'limit'>
type RowOf<K extends PagedRoute> = ApiOutput<K>['items'][number]

/** The pages of one list, and the rows and count a table shows from them. */
function usePages<T>(
  queryKey: readonly unknown[],
  page: (cursor: string | undefined, signal: AbortSignal) => Promise<PageResult<T>>,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => page(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const rows = query.data?.pages.flatMap((p) => p.items) ?? []
  // The newest page's count: rows added or removed while paging show up in it.
  const total = query.data?.pages.at(-1)?.total
  return { ...query, rows, total }
}

export type CursorList<T> = ReturnType<typeof usePages<T>>

/**
 * A keyset-paginated list of the route table (`'GET /api/…'`): each page's `nextCursor` is handed back as
 * `cursor` for the next one; the filters and the rows are typed by the route's schemas.
 */
export function useCursorRoute<K extends PagedRoute>(
  key: string,
  route: K,
  filters: PageFilters<K>,
  options: ParamsOf<K> & { limit?: number } = {} as ParamsOf<K> & { limit?: number },
): CursorList<RowOf<K>> {
  const limit = options.limit ?? 50
  return usePages<RowOf<K>>([key, 'list', filters, options.params], (cursor, signal) =>
    (call as (k: string, o: object) => Promise<PageResult<RowOf<K>>>)(route, {
      params: options.params,
      query: { ...filters, cursor, limit },
      signal,
    }),
  )
}
