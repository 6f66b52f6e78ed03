import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { RuleCheck, RuleField, RuleNode } from '@tongxin/contracts'
import { Alert, Button, Card, Checkbox, Flex, Input, InputNumber, Select, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useRuleFields } from './api.ts'

type Leaf = Extract<RuleNode, { field: string }>
type Value = Leaf['value']

const isLeaf = (n: RuleNode): n is Leaf => 'field' in n
const defaultValue = (f: RuleField | undefined, op: string): Value => {
  if (!f) return null
  if (op === 'is_set') return true
  if (op === 'within_months') return 12
  if (op === 'in' || op === 'not_in') return f.options[0] ? [f.options[0].value] : []
  if (op === 'between') return f.type === 'date' ? ['2020-01-01', '2026-12-31'] : [1, 100]
  if (f.type === 'number' || f.type === 'id') return 1
  if (f.type === 'boolean') return true
  if (f.type === 'enum') return f.options[0]?.value ?? ''
  if (f.type === 'date') return '2024-01-01'
  return ''
}

function ValueInput({
  field,
  leaf,
  onChange,
}: {
  field: RuleField | undefined
  leaf: Leaf
  onChange: (v: Value) => void
}) {
  const { t } = useTranslation()
  const v = leaf.value
  if (!field) return null
  if (leaf.op === 'is_set' || field.type === 'boolean')
    return (
      <Select
        style={{ minWidth: 90 }}
        value={v as boolean}
        onChange={onChange}
        options={[
          { value: true, label: t('enterprise.rule.yes') },
          { value: false, label: t('enterprise.rule.no') },
        ]}
      />
    )
  if (
    leaf.op === 'within_months' ||
    ((field.type === 'number' || field.type === 'id') && leaf.op !== 'between')
  )
    return (
      <InputNumber
        aria-label={t('enterprise.rule.value')}
        value={v as number}
        onChange={(x) => onChange(x ?? 0)}
      />
    )
  if (leaf.op === 'between') {
    const [lo, hi] = (Array.isArray(v) ? v : [null, null]) as [string | number | null, string | number | null]
    return field.type === 'date' ? (
      <Flex gap={4}>
        <Input
          style={{ width: 120 }}
          value={String(lo ?? '')}
          onChange={(e) => onChange([e.target.value, hi ?? ''])}
        />
        <Input
          style={{ width: 120 }}
          value={String(hi ?? '')}
          onChange={(e) => onChange([lo ?? '', e.target.value])}
        />
      </Flex>
    ) : (
      <Flex gap={4}>
        <InputNumber value={lo as number} onChange={(x) => onChange([x ?? 0, (hi as number) ?? 0])} />
        <InputNumber value={hi as number} onChange={(x) => onChange([(lo as number) ?? 0, x ?? 0])} />
      </Flex>
    )
  }
  const multiple = leaf.op === 'in' || leaf.op === 'not_in'
  if (field.type === 'enum')
    return (
      <Select
        style={{ minWidth: 160 }}
        mode={multiple ? 'multiple' : undefined}
        value={v as string | string[]}
        onChange={onChange}
        options={field.options.map((o) => ({ value: o.value, label: o.label }))}
      />
    )
  if (multiple)
    return (
      <Select
        style={{ minWidth: 200 }}
        mode="tags"
        value={((v as (string | number)[]) ?? []).map(String)}
        onChange={(xs: string[]) => onChange(field.type === 'id' ? xs.map(Number) : xs)}
      />
    )
  return <Input style={{ width: 180 }} value={String(v ?? '')} onChange={(e) => onChange(e.target.value)} />
}

/** One node of the tree: a group (and/or) with its children, a NOT around a node, or a leaf condition. */
function NodeEditor({
  node,
  fields,
  onChange,
  onRemove,
}: {
  node: RuleNode
  fields: RuleField[]
  onChange: (n: RuleNode) => void
  onRemove?: () => void
}) {
  const { t } = useTranslation()
  const remove = onRemove && (
    <Button
      size="small"
      type="text"
      danger
      icon={<DeleteOutlined />}
      aria-label={t('enterprise.rule.remove')}
      onClick={onRemove}
    />
  )
  if ('not' in node)
    return (
      <Flex gap={4} align="start" wrap>
        <Checkbox checked onChange={() => onChange(node.not)}>
          {t('enterprise.rule.not')}
        </Checkbox>
        <div style={{ flex: 1 }}>
          <NodeEditor
            node={node.not}
            fields={fields}
            onChange={(n) => onChange({ not: n })}
            onRemove={onRemove}
          />
        </div>
      </Flex>
    )
  if (isLeaf(node)) {
    const field = fields.find((f) => f.key === node.field)
    return (
      <Flex gap={4} wrap align="center" data-testid="rule-leaf">
        <Checkbox checked={false} onChange={() => onChange({ not: node })}>
          {t('enterprise.rule.not')}
        </Checkbox>
        <Select
          aria-label={t('enterprise.rule.field')}
          style={{ minWidth: 130 }}
          value={node.field}
          onChange={(key) => {
            const f = fields.find((x) => x.key === key)
            const op = f?.operators[0] ?? 'eq'
            onChange({ field: key, op, value: defaultValue(f, op) })
          }}
          options={fields.map((f) => ({ value: f.key, label: f.label }))}
        />
        <Select
          aria-label={t('enterprise.rule.op')}
          style={{ minWidth: 120 }}
          value={node.op}
          onChange={(op) => onChange({ field: node.field, op, value: defaultValue(field, op) })}
          options={(field?.operators ?? []).map((op) => ({
            value: op,
            label: t(`enterprise.rule.ops.${op}` as 'enterprise.rule.ops.eq'),
          }))}
        />
        <ValueInput field={field} leaf={node} onChange={(value) => onChange({ ...node, value })} />
        {remove}
      </Flex>
    )
  }
  const kind = 'and' in node ? 'and' : 'or'
  const children = 'and' in node ? node.and : node.or
  const set = (xs: RuleNode[]) => onChange(kind === 'and' ? { and: xs } : { or: xs })
  const first = fields[0]
  return (
    <Card size="small" styles={{ body: { padding: 8 } }}>
      <Flex vertical gap={6}>
        <Flex gap={4} align="center" wrap>
          <Select
            value={kind}
            style={{ minWidth: 200 }}
            onChange={(k) => onChange(k === 'and' ? { and: children } : { or: children })}
            options={[
              { value: 'and', label: t('enterprise.rule.all') },
              { value: 'or', label: t('enterprise.rule.any') },
            ]}
          />
          {remove}
        </Flex>
        {children.map((c, i) => (
          <NodeEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their place.
            key={i}
            node={c}
            fields={fields}
            onChange={(n) => set(children.map((x, j) => (j === i ? n : x)))}
            onRemove={() => set(children.filter((_, j) => j !== i))}
          />
        ))}
        <Flex gap={4}>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              set([
                ...children,
                {
                  field: first?.key ?? 'kind',
                  op: first?.operators[0] ?? 'eq',
                  value: defaultValue(first, first?.operators[0] ?? 'eq'),
                },
              ])
            }
          >
            {t('enterprise.rule.addCondition')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => set([...children, { or: [] }])}>
            {t('enterprise.rule.addGroup')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  )
}

/** The rule editor with the server's live check: problems by code, or the rule in plain Chinese and English. */
export function RuleEditor({ value, onChange }: { value: RuleNode; onChange: (r: RuleNode) => void }) {
  const { t } = useTranslation()
  const fields = useRuleFields()
  const [check, setCheck] = useState<RuleCheck | null>(null)
  useEffect(() => {
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      call('POST /api/enterprise/rules/check', { body: { rule: value }, signal: ctl.signal })
        .then(setCheck)
        .catch(() => undefined)
    }, 300)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [value])
  return (
    <Flex vertical gap={8}>
      <NodeEditor node={value} fields={fields.data?.items ?? []} onChange={onChange} />
      {check &&
        (check.valid ? (
          <Alert
            type="success"
            data-testid="rule-explanation"
            message={t('enterprise.rule.explanation')}
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{check.textZh}</Typography.Paragraph>
                <Typography.Text type="secondary">{check.textEn}</Typography.Text>
              </>
            }
          />
        ) : (
          <Alert
            type="error"
            data-testid="rule-problems"
            message={t('enterprise.rule.invalid')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {check.problems.map((p) => (
                  <li key={`${p.path}:${p.code}`}>{p.message}</li>
                ))}
              </ul>
            }
          />
        ))}
    </Flex>
  )
}
