import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { ME_KEY } from '../features/auth/session.ts'
import { ApiError, isUnauthorized } from '../lib/api.ts'

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { skipAuthRedirect?: boolean }
  }
}

// A 4xx will not change on retry; only transient failures (network, 5xx) are worth another attempt.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

export function createQueryClient(): QueryClient {
  // Any 401 means the session is gone: forgetting it lets the auth guard send the user to /login.
  const onUnauthorized = (error: unknown) => {
    if (isUnauthorized(error)) queryClient.setQueryData(ME_KEY, null)
  }
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: onUnauthorized }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.skipAuthRedirect) onUnauthorized(error)
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  })
  return queryClient
}
