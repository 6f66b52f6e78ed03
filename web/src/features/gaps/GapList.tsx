import { useQuery } from '@tanstack/react-query'
import { GAP_RULES, type Gap, type GapRule } from '@tongxin/contracts'
import { Flex, Select, type TableProps, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CursorTable } from '../../components/CursorTable.tsx'
import { call } from '../../lib/api.ts'
import { formatCount } from '../../lib/format.ts'
import { useCursorRoute } from '../../lib/paging.ts'
import { PHONE_QUERY, useMediaQuery } from '../../lib/useMediaQuery.ts'

const RULE_COLOR: Record<GapRule, string> = {
  unit_should_have_branch: 'red',
  unit_needs_joint_branch: 'orange',
  joint_branch_too_many_units: 'gold',
  branch_too_many_members: 'gold',
  branch_needs_committee: 'purple',
  building_without_chief: 'blue',
  building_without_org: 'magenta',
  member_not_transferred: 'cyan',
  meeting_overdue: 'volcano',
}

const FACT_KEYS = new Set([
  'formal',
  'probationary',
  'members',
  'units',
  'building',
  'inJointBranch',
  'floors',
  'address',
  'unit',
  'partyOrg',
  'floating',
  'missed',
])
// Facts the action already says in the reader's language (orglife's missed rules, named in both).
const FACT_HIDDEN = new Set(['rules', 'rulesEn'])

function factText(t: TFunction, key: string, value: string | number | boolean | null): string {
  const label = FACT_KEYS.has(key) ? t(`gaps.factKeys.${key as 'formal'}`) : key
  const shown = typeof value === 'boolean' ? (value ? t('common.yes') : t('common.no')) : (value ?? '—')
  return `${label}: ${shown}`
}

const gapKey = (g: Gap) => `${g.rule}-${g.entity}-${g.id}`

function factsText(t: TFunction, gap: Gap): string {
  return Object.entries(gap.facts)
    .filter(([k]) => !FACT_HIDDEN.has(k))
    .map(([k, v]) => factText(t, k, v))
    .join(t('common.listSeparator'))
}

function RuleCell({ gap }: { gap: Gap }) {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={4} style={{ maxWidth: 240 }}>
      <Tag color={RULE_COLOR[gap.rule]} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
        {t(`gaps.rules.${gap.rule}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="gap-rule-text">
        {gap.ruleText}
      </Typography.Text>
    </Flex>
  )
}

function Subject({ gap }: { gap: Gap }) {
  const { t } = useTranslation()
  const name =
    gap.entity === 'building' ? (
      <Link to={`/buildings/${gap.id}`}>{gap.name}</Link>
    ) : gap.entity === 'unit' ? (
      <Link to={`/units/${gap.id}`}>{gap.name}</Link>
    ) : gap.entity === 'party_org' ? (
      <Link to={`/party-orgs/${gap.id}`}>{gap.name}</Link>
    ) : (
      <Typography.Text>{gap.name}</Typography.Text>
    )
  return (
    <Flex gap={6} align="baseline" wrap>
      <Tag style={{ marginInlineEnd: 0 }}>{t(`gaps.entity.${gap.entity}`)}</Tag>
      {name}
    </Flex>
  )
}

/** The action in words, and where organisational life offers to do it (start the transfer, open the branch). */
function GapAction({ gap }: { gap: Gap }) {
  const { t } = useTranslation()
  const link =
    gap.rule === 'member_not_transferred'
      ? { to: `/orglife/transfer-start?person=${gap.id}`, label: t('orglife.transfers.start') }
      : gap.rule === 'meeting_overdue'
        ? { to: `/orglife/orgs/${gap.id}`, label: t('nav.orglife') }
        : null
  return (
    <>
      {gap.action}
      {link && (
        <>
          {' '}
          <Link to={link.to} data-testid={`gap-link-${gap.rule}`} style={{ textDecoration: 'underline' }}>
            {link.label}
          </Link>
        </>
      )}
    </>
  )
}

/** Departures from the organisation rules in an area, with the rule in words and what to do. */
export function GapList({
  area,
  rule,
  onRule,
}: {
  area: string | undefined
  rule: GapRule | undefined
  onRule: (rule: GapRule | undefined) => void
}) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery(PHONE_QUERY)
  const list = useCursorRoute('gaps', 'GET /api/gaps', { area, rule })
  // Each rule's count in the area, from the list's own queries: shown beside the rule and as the total.
  const counts = useQuery({
    queryKey: ['gaps', 'counts', area],
    queryFn: ({ signal }) => call('GET /api/gaps/counts', { query: { area }, signal }),
  })
  const count = (r: GapRule) => counts.data?.rules.find((c) => c.rule === r)?.count
  const columns: TableProps<Gap>['columns'] = [
    {
      key: 'rule',
      title: t('gaps.rule'),
      render: (_, g) => <RuleCell gap={g} />,
    },
    {
      key: 'subject',
      title: t('gaps.object'),
      render: (_, g) => (
        <Flex vertical gap={4} style={{ maxWidth: 300 }}>
          <Subject gap={g} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {factsText(t, g)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'action',
      title: t('gaps.action'),
      render: (_, g) => (
        <div style={{ maxWidth: 340, minWidth: 160 }}>
          <GapAction gap={g} />
        </div>
      ),
    },
  ]
  return (
    <Flex vertical gap={12}>
      <Select<GapRule>
        data-testid="gap-rule-filter"
        virtual={false}
        allowClear
        placeholder={t('gaps.ruleFilter')}
        aria-label={t('gaps.ruleFilter')}
        value={rule}
        onChange={onRule}
        style={{ width: isPhone ? '100%' : 340 }}
        options={GAP_RULES.map((r) => ({
          value: r,
          label: (
            <Flex justify="space-between" gap={8}>
              <span>{t(`gaps.rules.${r}`)}</span>
              {count(r) !== undefined && (
                <Typography.Text type="secondary" data-testid={`gap-count-${r}`}>
                  {formatCount(count(r)!)}
                </Typography.Text>
              )}
            </Flex>
          ),
        }))}
      />
      <CursorTable<Gap>
        list={list}
        total={rule ? count(rule) : counts.data?.total}
        testId="gaps-table"
        rowKey={gapKey}
        columns={columns}
        renderCard={(g) => (
          <Flex vertical gap={6} style={{ minWidth: 0 }}>
            <RuleCell gap={g} />
            <Subject gap={g} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {factsText(t, g)}
            </Typography.Text>
            <Typography.Text>
              <GapAction gap={g} />
            </Typography.Text>
          </Flex>
        )}
      />
    </Flex>
  )
}
