import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Policy, PolicyInput, PolicyUnits, RuleNode } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { enterpriseKeys, usePolicies, usePolicyUnits } from './api.ts'
import { RuleEditor } from './RuleEditor.tsx'

const EMPTY_RULE: RuleNode = { and: [{ field: 'employees', op: 'gte', value: 10 }] }

function PolicyForm({ policy, onDone }: { policy: Policy | null; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useSession()
  const qc = useQueryClient()
  const [rule, setRule] = useState<RuleNode>((policy?.rule as RuleNode | undefined) ?? EMPTY_RULE)
  const [form] = Form.useForm()
  const defaultArea = me.grants.find((g) => g.scopeType === 'area')?.scopeId ?? ''
  const save = useMutation({
    mutationFn: (v: Record<string, string>) => {
      const body: PolicyInput = {
        areaCode: v.areaCode!,
        title: v.title!,
        issuer: v.issuer!,
        validFrom: v.validFrom!,
        validTo: v.validTo || null,
        benefit: v.benefit!,
        documents: (v.documents ?? '')
          .split('\n')
          .map((d) => d.trim())
          .filter(Boolean),
        rule: rule as PolicyInput['rule'],
        version: policy?.version,
      }
      return policy
        ? call('PUT /api/enterprise/policies/:id', { params: { id: policy.id }, body })
        : call('POST /api/enterprise/policies', { body })
    },
    onSuccess: () => {
      void message.success(t('enterprise.common.saved'))
      void qc.invalidateQueries({ queryKey: enterpriseKeys.policies() })
      onDone()
    },
  })
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        areaCode: policy?.areaCode ?? defaultArea,
        title: policy?.title,
        issuer: policy?.issuer,
        validFrom: policy?.validFrom ?? '',
        validTo: policy?.validTo ?? '',
        benefit: policy?.benefit,
        documents: policy?.documents.join('\n'),
      }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        name="title"
        label={t('enterprise.policies.policyTitle')}
        rules={[{ required: true, min: 2 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="issuer" label={t('enterprise.policies.issuer')} rules={[{ required: true, min: 2 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="areaCode" label={t('enterprise.policies.areaCode')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item
          name="validFrom"
          label={t('enterprise.policies.validFrom')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input placeholder="2026-01-01" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('enterprise.policies.validTo')}
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input placeholder="2026-12-31" />
        </Form.Item>
      </Space>
      <Form.Item name="benefit" label={t('enterprise.policies.benefit')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item
        name="documents"
        label={t('enterprise.policies.documents')}
        extra={t('enterprise.policies.documentsHint')}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Typography.Title level={5}>{t('enterprise.rule.editor')}</Typography.Title>
      <RuleEditor value={rule} onChange={setRule} />
      {save.error && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          message={save.error.message}
          data-testid="policy-save-error"
        />
      )}
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('enterprise.common.save')}
        </Button>
        <Button onClick={onDone}>{t('enterprise.common.cancel')}</Button>
      </Flex>
    </Form>
  )
}

function PolicyUnitsPanel({ policy }: { policy: Policy }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const units = usePolicyUnits(policy.id)
  const notify = useMutation({
    mutationFn: () => call('POST /api/enterprise/policies/:id/notify', { params: { id: policy.id } }),
    onSuccess: (r) =>
      message.success(
        t('enterprise.policies.notified', {
          units: r.units,
          notifications: r.notifications,
          already: r.alreadyNotified,
        }),
      ),
    onError: (e) => message.error(e.message),
  })
  const d = units.data
  const list = (items: PolicyUnits['qualified']) => (
    <List
      size="small"
      dataSource={items}
      renderItem={(u) => (
        <List.Item>
          <List.Item.Meta
            title={`${u.name}（${u.areaName}）`}
            description={u.missing.join('；') || undefined}
          />
        </List.Item>
      )}
    />
  )
  return (
    <Flex vertical gap={8}>
      {d && (
        <Typography.Text type="secondary">
          {t('enterprise.policies.scanned', { count: d.scanned })}
        </Typography.Text>
      )}
      <Button
        onClick={() => notify.mutate()}
        loading={notify.isPending}
        disabled={!policy.inEffect || !d?.qualifiedCount}
      >
        {t('enterprise.policies.notify')}
      </Button>
      <Tabs
        items={[
          {
            key: 'q',
            label: `${t('enterprise.policies.qualified')} ${d?.qualifiedCount ?? ''}`,
            children: list(d?.qualified ?? []),
          },
          {
            key: 'n',
            label: `${t('enterprise.policies.near')} ${d?.nearlyQualifiedCount ?? ''}`,
            children: list(d?.nearlyQualified ?? []),
          },
        ]}
      />
    </Flex>
  )
}

/** 政策库: the policies with their conditions in plain words; staff add and edit them with the rule editor. */
export function PoliciesPage() {
  const { t } = useTranslation()
  const me = useSession()
  const canManage = hasPermission(me, 'policy.manage')
  const [q, setQ] = useState('')
  const [inEffect, setInEffect] = useState(true)
  const [editing, setEditing] = useState<Policy | 'new' | null>(null)
  const [viewing, setViewing] = useState<Policy | null>(null)
  const policies = usePolicies(q, inEffect)
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('enterprise.policies.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('enterprise.policies.add')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('enterprise.policies.hint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          aria-label={t('enterprise.policies.search')}
          placeholder={t('enterprise.policies.search')}
          style={{ maxWidth: 260 }}
          onSearch={setQ}
        />
        <Select
          aria-label={t('enterprise.policies.inEffect')}
          value={inEffect}
          onChange={setInEffect}
          options={[
            { value: true, label: t('enterprise.policies.inEffect') },
            { value: false, label: '—' },
          ]}
        />
      </Flex>
      {policies.error && <Alert type="error" message={policies.error.message} />}
      <Flex vertical gap={8} data-testid="policy-list">
        {(policies.data?.items ?? []).map((p) => (
          <Card
            key={p.id}
            size="small"
            title={p.title}
            extra={
              <Space>
                <Tag color={p.inEffect ? 'green' : 'default'}>
                  {p.inEffect ? t('enterprise.policies.inEffect') : t('enterprise.policies.notInEffect')}
                </Tag>
                {canManage && (
                  <Button size="small" onClick={() => setViewing(p)}>
                    {t('enterprise.policies.units')}
                  </Button>
                )}
                {canManage && (
                  <Button size="small" onClick={() => setEditing(p)}>
                    {t('enterprise.policies.edit')}
                  </Button>
                )}
              </Space>
            }
          >
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('enterprise.policies.issuer')}：</Typography.Text>
              {p.issuer}（{p.areaName}）　
              <Typography.Text type="secondary">{t('enterprise.policies.period')}：</Typography.Text>
              {p.validFrom} – {p.validTo ?? '…'}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('enterprise.policies.benefit')}：</Typography.Text>
              {p.benefit}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('enterprise.policies.conditions')}：</Typography.Text>
              {p.ruleText}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{t('enterprise.policies.documents')}：</Typography.Text>
            {p.documents.join('、')}
          </Card>
        ))}
      </Flex>
      <Drawer
        open={editing !== null}
        width={720}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('enterprise.policies.add') : t('enterprise.policies.edit')}
        destroyOnHidden
      >
        {editing !== null && (
          <PolicyForm policy={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Drawer>
      <Drawer
        open={viewing !== null}
        width={560}
        onClose={() => setViewing(null)}
        title={viewing?.title}
        destroyOnHidden
      >
        {viewing && <PolicyUnitsPanel policy={viewing} />}
      </Drawer>
    </Flex>
  )
}
