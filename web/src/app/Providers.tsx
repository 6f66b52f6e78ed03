import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createQueryClient } from './queryClient.ts'

// 党建红: the colour users of party-building systems expect.
const THEME = {
  token: { colorPrimary: '#c8161d', colorLink: '#c8161d', borderRadius: 6 },
  components: { Layout: { headerBg: '#fff', siderBg: '#fff', triggerBg: '#fff', triggerColor: '#595959' } },
}

function LocaleProvider({ children }: { children: ReactNode }) {
  // Re-renders when the language changes, so antd's own texts follow the switch.
  const { i18n } = useTranslation()
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={THEME}>
      <AntApp>{children}</AntApp>
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
