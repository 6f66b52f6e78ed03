import type { PointsRule } from '@tongxin/contracts'
import { Button, Card, Flex, Form, InputNumber, List, Switch, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { usePointsRules } from './api.ts'
import { useOrglifeAction } from './shared.tsx'

/** 积分规则: points per kind of participation; a city administrator changes them, the ledger follows at once. */
export function PointsRulesCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation()
  const rules = usePointsRules()
  return (
    <Card size="small" title={t('orglife.rules.points')}>
      <Typography.Paragraph type="secondary">{t('orglife.points.note')}</Typography.Paragraph>
      <List
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        renderItem={(r) => (
          <List.Item data-testid={`points-row-${r.source}`}>
            {canEdit ? <PointsForm rule={r} /> : <PointsText rule={r} />}
          </List.Item>
        )}
      />
    </Card>
  )
}

function rate(t: TFunction, r: Pick<PointsRule, 'unit' | 'points'>) {
  return r.unit === 'hour'
    ? t('orglife.points.perHour', { n: r.points })
    : t('orglife.points.perEach', { n: r.points })
}

function PointsText({ rule }: { rule: PointsRule }) {
  const { t } = useTranslation()
  return (
    <Flex gap={8} wrap align="center">
      <Typography.Text strong>{t(`orglife.points.sources.${rule.source}`)}</Typography.Text>
      <Tag>{rate(t, rule)}</Tag>
      {!rule.active && <Tag>{t('orglife.rules.inactive')}</Tag>}
    </Flex>
  )
}

function PointsForm({ rule }: { rule: PointsRule }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ points: number; active: boolean }>()
  const save = useOrglifeAction(
    (v: { points: number; active: boolean }) =>
      call('PUT /api/orglife/points/rules/:source', {
        params: { source: rule.source },
        body: { ...v, version: rule.version },
      }),
    t('orglife.rules.saved'),
  )
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ points: rule.points, active: rule.active }}
      onFinish={(v) => save.mutate(v)}
      style={{ rowGap: 8, width: '100%' }}
    >
      <Typography.Text strong style={{ minWidth: 88, alignSelf: 'center' }}>
        {t(`orglife.points.sources.${rule.source}`)}
      </Typography.Text>
      <Form.Item
        name="points"
        rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('orglife.rules.v.points') }]}
      >
        <InputNumber
          suffix={rule.unit === 'hour' ? t('orglife.rules.perHour') : t('orglife.rules.perEach')}
          style={{ width: 150 }}
          data-testid={`points-${rule.source}`}
        />
      </Form.Item>
      <Form.Item name="active" valuePropName="checked">
        <Switch checkedChildren={t('orglife.rules.on')} unCheckedChildren={t('orglife.rules.off')} />
      </Form.Item>
      <Form.Item>
        <Button
          htmlType="submit"
          size="small"
          loading={save.isPending}
          data-testid={`points-save-${rule.source}`}
        >
          {t('orglife.rules.save')}
        </Button>
      </Form.Item>
    </Form>
  )
}
