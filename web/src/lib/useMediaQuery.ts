import { useSyncExternalStore } from 'react'

// Read synchronously (unlike antd's Grid.useBreakpoint, which is empty on the first render) so phones never
// flash the desktop layout.
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    () => window.matchMedia(query).matches,
  )
}

export const PHONE_QUERY = '(max-width: 767.98px)'
