import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api.ts'

export const opsKeys = {
  status: () => ['ops', 'status'] as const,
}

/** Backups and retention; the audit export beside it is a link, not a call. */
export function useOpsStatus() {
  return useQuery({
    queryKey: opsKeys.status(),
    queryFn: ({ signal }) => call('GET /api/ops/status', { signal }),
  })
}
