import { QueryClientProvider } from '@tanstack/react-query'
import { ConfigProvider, type ThemeConfig } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { antdLocale } from '../i18n/index.ts'
import { createQueryClient } from './queryClient.ts'

/*
 * 党建红: the colour users of party-building systems expect. Text colours meet WCAG 2.1 AA (4.5:1) on white
 * and on antd's grey fills (#f5f5f5): antd's defaults for secondary text (#8c8c8c, 3.4:1) and placeholders
 * (#bfbfbf, 1.8:1) do not. Tags draw 12 px text in a colour's shade 7 on its shade 1 (green 3.4:1, orange
 * 3.3:1): one or two shades darker reach 4.5:1; the same for the status tags (success, error…).
 */
// antd's palettes (@ant-design/colors): shade 8 (9 for the light gold, yellow and lime) as the tag text.
const TAG_TEXT = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
}
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#c8161d',
    borderRadius: 6,
    colorTextDescription: '#666666',
    colorTextTertiary: '#666666',
    colorTextPlaceholder: '#707070',
    // Red text (overdue countdowns, 驳回 buttons, form errors): antd's #ff4d4f is 3.3:1 on white.
    colorError: '#cf1322',
  },
  components: {
    Layout: { headerBg: '#fff', siderBg: '#fff', triggerBg: '#fff', triggerColor: '#595959' },
    // Empty tables say so in the disabled grey (#bfbfbf, 1.8:1): it is text to read, not a control. (antd's
    // List ignores this override: its empty texts are given as secondary Typography where they are set.)
    Table: { colorTextDisabled: '#707070' },
    Tag: {
      ...TAG_TEXT,
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorInfo: '#0958d9',
    },
  },
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
