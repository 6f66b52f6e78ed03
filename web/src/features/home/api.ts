import { useQuery } from '@tanstack/react-query'
import { call } from '../../lib/api.ts'

export const homeKeys = {
  /** The census parts come worded in the request's language, so the language is part of the key. */
  workbench: (language: string) => ['workbench', language] as const,
}

export function useWorkbench(language: string) {
  return useQuery({
    queryKey: homeKeys.workbench(language),
    queryFn: ({ signal }) => call('GET /api/workbench', { signal }),
  })
}
