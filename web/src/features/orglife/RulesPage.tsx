import {
  type MeetingRule,
  type MeetingRuleInput,
  ORG_TYPES,
  PERIOD_UNITS,
  RULE_APPLIES,
} from '@tongxin/contracts'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { placeFieldErrors } from '../../lib/form-errors.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { useKinds, useRules } from './api.ts'
import { PointsRulesCard } from './PointsRulesCard.tsx'
import { localName, useKindName, useOrglifeAction } from './shared.tsx'

type Values = MeetingRuleInput & { code?: string }

/**
 * 频次与积分规则: how often each kind of meeting is expected and of whom, and the points of the participation
 * ledger. A city administrator changes them (every organisation's figures follow at once); anyone else who
 * keeps organisational life reads them here.
 */
export function RulesPage() {
  const { t } = useTranslation()
  const me = useSession()
  const canEdit = hasPermission(me, 'orglife.rules')
  const rules = useRules()
  const kindName = useKindName()
  const [editing, setEditing] = useState<MeetingRule | 'new' | null>(null)
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="rules-title">
        {t('orglife.rules.title')}
      </Typography.Title>
      {!canEdit && (
        <Alert type="info" showIcon title={t('orglife.rules.readOnly')} data-testid="rules-read-only" />
      )}
      <Card
        size="small"
        title={t('orglife.rules.frequency')}
        extra={
          canEdit && (
            <Button size="small" onClick={() => setEditing('new')} data-testid="rule-add">
              {t('orglife.rules.add')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('orglife.rules.frequencyHint')}</Typography.Paragraph>
        <List
          loading={rules.isLoading}
          dataSource={rules.data ?? []}
          renderItem={(r) => (
            <List.Item
              data-testid={`rule-row-${r.code}`}
              actions={
                canEdit
                  ? [
                      <Button
                        key="edit"
                        size="small"
                        onClick={() => setEditing(r)}
                        data-testid={`rule-edit-${r.code}`}
                      >
                        {t('orglife.rules.edit')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {localName(r)}
                    {!r.active && <Tag style={{ marginInlineStart: 8 }}>{t('orglife.rules.inactive')}</Tag>}
                  </span>
                }
                description={
                  <Flex wrap gap={4}>
                    <Tag color="blue">{kindName(r.kindCode)}</Tag>
                    <Tag data-testid={`rule-frequency-${r.code}`}>
                      {t(`orglife.rules.every.${r.period}`, { n: r.minCount })}
                    </Tag>
                    <Tag>{t(`orglife.rules.applies.${r.appliesTo}`)}</Tag>
                    {r.bySecretary && <Tag>{t('orglife.rules.bySecretary')}</Tag>}
                    {r.orgTypes.map((o) => (
                      <Tag key={o}>{t(`orgTypes.${o}`)}</Tag>
                    ))}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <PointsRulesCard canEdit={canEdit} />
      {editing !== null && (
        <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Flex>
  )
}

function RuleModal({ rule, onClose }: { rule: MeetingRule | null; onClose: () => void }) {
  const { t } = useTranslation()
  const kinds = useKinds()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const save = useOrglifeAction((v: Values) => {
    // A rule's code names it for good: a change never sends one.
    const { code, ...input } = v
    return rule
      ? call('PUT /api/orglife/rules/:code', {
          params: { code: rule.code },
          body: { ...input, version: rule.version },
        })
      : // The form requires a new rule's code, so it is always there.
        call('POST /api/orglife/rules', { body: { ...v, code: code ?? '' } })
  }, t('orglife.rules.saved'))
  const submit = (v: Values) => {
    setProblem(null)
    save.mutate(v, {
      onSuccess: onClose,
      onError: (e) => {
        const placed = placeFieldErrors(form, e)
        if (placed.placed === 0 || placed.rest.length > 0) setProblem(e.message)
      },
    })
  }
  const initial: Partial<Values> = rule
    ? {
        kindCode: rule.kindCode,
        name: rule.name,
        nameEn: rule.nameEn,
        period: rule.period,
        minCount: rule.minCount,
        appliesTo: rule.appliesTo,
        bySecretary: rule.bySecretary,
        orgTypes: rule.orgTypes,
        sort: rule.sort,
        active: rule.active,
      }
    : {
        period: 'month',
        minCount: 1,
        appliesTo: 'all',
        bySecretary: false,
        orgTypes: ['general_branch', 'branch', 'joint_branch'],
        active: true,
      }
  return (
    <Modal
      open
      title={rule ? localName(rule) : t('orglife.rules.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orglife.rules.save')}
      okButtonProps={{ 'data-testid': 'rule-save' } as never}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 12 }}
          data-testid="rule-problem"
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="rule-form">
        {!rule && (
          <Form.Item
            name="code"
            label={t('orglife.rules.code')}
            extra={t('orglife.rules.codeHint')}
            rules={[
              { required: true, message: t('orglife.rules.v.code') },
              { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('orglife.rules.v.code') },
            ]}
          >
            <Input data-testid="rule-code" />
          </Form.Item>
        )}
        <Form.Item
          name="kindCode"
          label={t('orglife.rules.kind')}
          rules={[{ required: true, message: t('orglife.rules.v.kind') }]}
        >
          <Select
            disabled={rule !== null}
            options={(kinds.data ?? []).map((k) => ({ value: k.code, label: localName(k) }))}
            data-testid="rule-kind"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('orglife.rules.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 80, message: t('orglife.rules.v.name') }]}
        >
          <Input data-testid="rule-name" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('orglife.rules.nameEn')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 120, message: t('orglife.rules.v.nameEn') },
          ]}
        >
          <Input data-testid="rule-name-en" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="period" label={t('orglife.rules.period')} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 120 }}
              options={PERIOD_UNITS.map((p) => ({ value: p, label: t(`orglife.rules.periods.${p}`) }))}
              data-testid="rule-period"
            />
          </Form.Item>
          <Form.Item
            name="minCount"
            label={t('orglife.rules.minCount')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 31, message: t('orglife.rules.v.minCount') },
            ]}
          >
            <InputNumber data-testid="rule-min-count" />
          </Form.Item>
        </Flex>
        <Form.Item name="appliesTo" label={t('orglife.rules.appliesTo')} rules={[{ required: true }]}>
          <Select options={RULE_APPLIES.map((a) => ({ value: a, label: t(`orglife.rules.applies.${a}`) }))} />
        </Form.Item>
        <Form.Item
          name="orgTypes"
          label={t('orglife.rules.orgTypes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('orglife.rules.v.orgTypes') }]}
        >
          <Checkbox.Group
            options={ORG_TYPES.map((o) => ({ value: o, label: t(`orgTypes.${o}`) }))}
            data-testid="rule-org-types"
          />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item name="bySecretary" label={t('orglife.rules.bySecretary')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('orglife.rules.active')} valuePropName="checked">
            <Switch data-testid="rule-active" />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  )
}
