import { QueryClientProvider } from '@tanstack/react-query'
import { ConfigProvider } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { antdLocale } from '../i18n/index.ts'
import { createQueryClient } from './queryClient.ts'

// 党建红: the colour users of party-building systems expect.
const THEME = {
  token: { colorPrimary: '#c8161d', colorLink: '#c8161d', borderRadius: 6 },
  components: { Layout: { headerBg: '#fff', siderBg: '#fff', triggerBg: '#fff', triggerColor: '#595959' } },
}

function LocaleProvider({ children }: { children: ReactNode }) {
  // Re-renders when the language changes, so antd's own texts follow the switch. antd's <App> (message,
  // notification and modal hooks) wraps the signed-in desk only (Desk.tsx): public pages do not use it.
  useTranslation()
  return (
    <ConfigProvider locale={antdLocale()} theme={THEME}>
      {children}
    </ConfigProvider>
  )
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>{children}</LocaleProvider>
    </QueryClientProvider>
  )
}
