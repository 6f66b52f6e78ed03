import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n/index.ts'

export function LanguageSwitch({ size }: { size?: 'small' | 'middle' }) {
  // Subscribes this component to language changes.
  const { t } = useTranslation()
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size={size}
      value={currentLanguage()}
      onChange={(lang) => void setLanguage(lang)}
      options={LANGUAGES.map((lang) => ({
        value: lang,
        label: (
          <span data-testid={`lang-option-${lang}`} lang={lang}>
            {t(`lang.${lang}`)}
          </span>
        ),
      }))}
    />
  )
}
