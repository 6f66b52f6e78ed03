import { useQuery } from '@tanstack/react-query'
import { WASTE_QUERY_MAX } from '@tongxin/contracts'
import { useEffect, useState } from 'react'
import { call } from '../../lib/api.ts'
import { wasteKeys } from './api.ts'

/** The text once typing has paused, so each keystroke does not fire a request (or a spoken answer). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** Asks the public lookup; empty or over-long text is not sent (the server would refuse it anyway). */
export function useWasteLookup(text: string, ms = 250) {
  const q = useDebounced(text.trim(), ms)
  const enabled = q.length > 0 && q.length <= WASTE_QUERY_MAX
  const query = useQuery({
    queryKey: wasteKeys.lookup(q),
    queryFn: ({ signal }) => call('GET /api/waste/lookup', { query: { q }, signal }),
    enabled,
    staleTime: 60_000,
    retry: false,
  })
  return { ...query, q, enabled, tooLong: text.trim().length > WASTE_QUERY_MAX }
}
