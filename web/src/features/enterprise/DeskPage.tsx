import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ApiOutput, DeskItem } from '@tongxin/contracts'
import { Alert, App, Button, Card, Flex, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import { enterpriseKeys, useDeskItems, useDeskSetting, useNewcomers, useTeams } from './api.ts'

type Newcomer = ApiOutput<'GET /api/enterprise/desk/newcomers'>['items'][number]

function Countdown({ item }: { item: DeskItem }) {
  const { t } = useTranslation()
  if (item.remainingMs === null) return <Tag color="green">{t('enterprise.desk.answered')}</Tag>
  const ms = Math.abs(item.remainingMs)
  const hours = Math.floor(ms / 3_600_000)
  const minutes = Math.floor((ms % 3_600_000) / 60_000)
  return item.remainingMs < 0 ? (
    <Tag color="red">{t('enterprise.desk.overdue', { hours })}</Tag>
  ) : (
    <Tag color={hours < 4 ? 'orange' : 'blue'}>{t('enterprise.desk.remaining', { hours, minutes })}</Tag>
  )
}

/** The street's "newly settled" period, for staff holding an area grant. */
function PeriodSetting({ areaCode }: { areaCode: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const setting = useDeskSetting(areaCode)
  const [days, setDays] = useState<number | null>(null)
  const save = useMutation({
    mutationFn: (newlySettledDays: number) =>
      call('PUT /api/enterprise/desk/settings', { body: { areaCode, newlySettledDays } }),
    onSuccess: () => {
      void message.success(t('enterprise.desk.periodSaved'))
      void qc.invalidateQueries({ queryKey: enterpriseKeys.all() })
    },
    onError: (e) => message.error(e.message),
  })
  return (
    <Space wrap>
      <Typography.Text>{t('enterprise.desk.period')}</Typography.Text>
      <InputNumber
        aria-label={t('enterprise.desk.period')}
        min={1}
        max={180}
        value={days ?? setting.data?.newlySettledDays}
        onChange={setDays}
      />
      <Button
        size="small"
        onClick={() => days !== null && save.mutate(days)}
        disabled={days === null}
        loading={save.isPending}
      >
        {t('enterprise.common.save')}
      </Button>
    </Space>
  )
}

/** 24小时服务专窗: new firms of the street, taking their requests as exchange needs, and the open items on a clock. */
export function DeskPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const me = useSession()
  const area = me.grants.find((g) => g.scopeType === 'area')?.scopeId
  const [taking, setTaking] = useState<Newcomer | null>(null)
  const [text, setText] = useState('')
  const newcomers = useNewcomers()
  const items = useDeskItems()
  const teams = useTeams()
  const post = useMutation({
    mutationFn: () =>
      call('POST /api/enterprise/desk/needs', { body: { unitId: taking!.unitId, description: text } }),
    onSuccess: () => {
      void message.success(t('enterprise.desk.posted'))
      setTaking(null)
      setText('')
      void qc.invalidateQueries({ queryKey: enterpriseKeys.deskItems() })
    },
  })
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('enterprise.desk.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('enterprise.desk.hint')}
      </Typography.Paragraph>
      <Card size="small" title={t('enterprise.desk.items')} data-testid="desk-items">
        {items.error && <Alert type="error" message={items.error.message} />}
        <List
          size="small"
          dataSource={items.data?.items ?? []}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('enterprise.common.none')}</Typography.Text>,
          }}
          renderItem={(i) => (
            <List.Item extra={<Countdown item={i} />}>
              <List.Item.Meta
                title={`${i.unitName} · ${i.parkName ?? ''}`}
                description={
                  <>
                    {i.description}
                    <br />
                    <Typography.Text type="secondary">
                      {t('enterprise.desk.team')}：{i.team.join('、')}
                      {i.providerName ? `　${t('enterprise.desk.provider')}：${i.providerName}` : ''}
                    </Typography.Text>
                    {i.escalated && (
                      <Tag color="red" style={{ marginInlineStart: 8 }}>
                        {t('enterprise.desk.escalated')}
                      </Tag>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title={t('enterprise.desk.newcomers')}
        data-testid="desk-newcomers"
        extra={area ? <PeriodSetting areaCode={area} /> : null}
      >
        <List
          size="small"
          dataSource={newcomers.data?.items ?? []}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('enterprise.common.none')}</Typography.Text>,
          }}
          renderItem={(n) => (
            <List.Item
              extra={
                <Button size="small" type="primary" onClick={() => setTaking(n)} disabled={!n.parkName}>
                  {t('enterprise.desk.post')}
                </Button>
              }
            >
              <List.Item.Meta
                title={n.name}
                description={`${n.parkName ?? ''} ${t('enterprise.desk.days', { days: n.daysSinceSettled })}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('enterprise.desk.teams')}>
        {(teams.data?.items ?? []).map((team) => (
          <Typography.Paragraph key={team.parkId} style={{ marginBottom: 4 }}>
            <Typography.Text strong>{team.parkName}</Typography.Text>：
            {team.providers.map((p) => p.name).join('、')}
          </Typography.Paragraph>
        ))}
      </Card>
      <Modal
        open={taking !== null}
        title={taking?.name}
        onCancel={() => setTaking(null)}
        onOk={() => post.mutate()}
        okButtonProps={{ disabled: text.trim().length < 2, loading: post.isPending }}
      >
        <Input.TextArea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('enterprise.desk.describe')}
        />
        {post.error && <Alert style={{ marginTop: 8 }} type="error" message={post.error.message} />}
      </Modal>
    </Flex>
  )
}
