import type { KindPreference, Preferences } from '@tongxin/contracts'
import { Alert, App, Button, Card, Flex, Input, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePreferences, useSavePreferences } from './api.ts'

const TIMES = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
)

type Row = Preferences['kinds'][number]

/** E-mail address, quiet hours and, per kind of notice, which channels reach the person. */
export function PreferencesPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const prefs = usePreferences()
  const save = useSavePreferences()
  const [email, setEmail] = useState('')
  const [quiet, setQuiet] = useState<[string | null, string | null]>([null, null])
  const [kinds, setKinds] = useState<Row[]>([])
  useEffect(() => {
    if (!prefs.data) return
    setEmail(prefs.data.email ?? '')
    setQuiet([prefs.data.quietStart, prefs.data.quietEnd])
    setKinds(prefs.data.kinds)
  }, [prefs.data])

  const set = (kind: string, key: 'inapp' | 'email' | 'webhook', value: boolean) =>
    setKinds((rows) => rows.map((r) => (r.kind === kind ? { ...r, [key]: value } : r)))
  const submit = () =>
    save.mutate(
      {
        email: email.trim() || null,
        quietStart: quiet[0],
        quietEnd: quiet[1],
        kinds: kinds.map(
          ({ kind, inapp, email: e, webhook }): KindPreference => ({ kind, inapp, email: e, webhook }),
        ),
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (e) => void message.error(e.message),
      },
    )
  const channels = prefs.data?.channels
  const timeOptions = TIMES.map((v) => ({ value: v, label: v }))

  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('notify.prefs.title')}
      </Typography.Title>
      {prefs.error && <Alert type="error" showIcon title={prefs.error.message} />}
      <Card>
        <Flex vertical gap={12}>
          <div>
            <label htmlFor="notify-email">
              <Typography.Text strong>{t('notify.prefs.email')}</Typography.Text>
            </label>
            <Input
              id="notify-email"
              data-testid="notify-email"
              type="email"
              value={email}
              placeholder={t('notify.prefs.emailHint')}
              onChange={(e) => setEmail(e.target.value)}
              style={{ marginTop: 4 }}
            />
          </div>
          {channels && !channels.email && <Alert type="info" showIcon title={t('notify.prefs.emailOff')} />}
          {channels && !channels.webhook && (
            <Alert type="info" showIcon title={t('notify.prefs.webhookOff')} />
          )}
          <div>
            <Typography.Text strong>{t('notify.prefs.quiet')}</Typography.Text>
            <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
              <Select
                data-testid="notify-quiet-from"
                allowClear
                style={{ width: 110 }}
                placeholder={t('notify.prefs.quietFrom')}
                options={timeOptions}
                value={quiet[0]}
                onChange={(v) => setQuiet([v ?? null, v ? (quiet[1] ?? '07:00') : null])}
              />
              <span>—</span>
              <Select
                data-testid="notify-quiet-to"
                allowClear
                style={{ width: 110 }}
                placeholder={t('notify.prefs.quietTo')}
                options={timeOptions}
                value={quiet[1]}
                onChange={(v) => setQuiet([v ? (quiet[0] ?? '22:00') : null, v ?? null])}
              />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('notify.prefs.quietHint')}
            </Typography.Text>
          </div>
        </Flex>
      </Card>
      <Table<Row>
        data-testid="notify-kinds"
        rowKey="kind"
        size="small"
        pagination={false}
        loading={prefs.isPending}
        dataSource={kinds}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('notify.prefs.kind'),
            render: (_, r) => (
              <Flex gap={4} align="center" wrap>
                {t(`notify.kinds.${r.kind}` as 'notify.kinds.need.new')}
                {r.urgent && <Tag color="red">{t('notify.prefs.urgent')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('notify.prefs.inapp'),
            render: (_, r) => (
              <Tooltip title={r.action ? t('notify.prefs.action') : undefined}>
                <Switch
                  size="small"
                  checked={r.inapp}
                  disabled={r.action}
                  onChange={(v) => set(r.kind, 'inapp', v)}
                />
              </Tooltip>
            ),
          },
          {
            title: t('notify.prefs.emailCol'),
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.email}
                disabled={!channels?.email}
                onChange={(v) => set(r.kind, 'email', v)}
              />
            ),
          },
          {
            title: t('notify.prefs.webhook'),
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.webhook}
                disabled={!channels?.webhook}
                onChange={(v) => set(r.kind, 'webhook', v)}
              />
            ),
          },
        ]}
      />
      <Flex>
        <Button type="primary" data-testid="notify-save" loading={save.isPending} onClick={submit}>
          {t('notify.prefs.save')}
        </Button>
      </Flex>
    </Flex>
  )
}
