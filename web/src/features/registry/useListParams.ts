import { useSearchParams } from 'react-router'

/** List filters kept in the URL, so a filtered list can be reloaded and shared. */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams()
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<
    K,
    string | undefined
  >
  const set = (key: K, value: string | undefined | null) => {
    const next = new URLSearchParams(params)
    const v = value?.trim()
    if (v) next.set(key, v)
    else next.delete(key)
    setParams(next, { replace: true })
  }
  return { values, set }
}
