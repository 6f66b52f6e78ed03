import { AudioMutedOutlined, DesktopOutlined, SoundOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Input, Spin, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CategoryLegend } from './KioskPage.tsx'
import { answerOf, LookupAnswer, OtherResults, spokenAnswer } from './LookupAnswer.tsx'
import { useSpeech } from './speech.ts'
import { useWasteLookup } from './useLookup.ts'

/** 分类查询 for a phone: type a name (Chinese, pinyin, initials, even misspelt) and see the bin at once. */
export function LookupPage() {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const lookup = useWasteLookup(text)
  const speech = useSpeech()
  const data = lookup.enabled ? lookup.data : undefined
  const spoken = useRef('')
  // On a phone speaking is opt-in: the page starts muted unless the user turned it on before.
  const [speak, setSpeak] = useState(false)

  useEffect(() => {
    if (!speak || !data || data.query !== lookup.q || spoken.current === lookup.q) return
    spoken.current = lookup.q
    speech.speak(spokenAnswer(t, lookup.q, answerOf(data)))
  }, [speak, data, lookup.q, speech, t])

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('waste.lookup.title')}
        </Typography.Title>
        <Flex gap={8}>
          {speech.supported && (
            <Button
              icon={speak ? <SoundOutlined /> : <AudioMutedOutlined />}
              aria-pressed={speak}
              onClick={() => setSpeak(!speak)}
            >
              {speak ? t('waste.speech.mute') : t('waste.speech.unmute')}
            </Button>
          )}
          <Link to="/kiosk/waste" target="_blank">
            <Button icon={<DesktopOutlined />}>{t('waste.kiosk.open')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Input.Search
        size="large"
        allowClear
        autoFocus
        data-testid="waste-lookup-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('waste.lookup.placeholder')}
        maxLength={64}
      />
      {lookup.error && <Typography.Text type="danger">{lookup.error.message}</Typography.Text>}
      {lookup.enabled && lookup.isFetching && !data && <Spin />}
      {data ? (
        <Card>
          <Flex vertical gap={16}>
            <LookupAnswer result={data} />
            <OtherResults result={data} onPick={setText} />
          </Flex>
        </Card>
      ) : (
        <Typography.Paragraph type="secondary">{t('waste.lookup.hint')}</Typography.Paragraph>
      )}
      <CategoryLegend />
    </Flex>
  )
}
