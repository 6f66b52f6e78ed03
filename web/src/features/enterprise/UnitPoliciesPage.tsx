import { Alert, Card, Descriptions, Empty, Flex, List, Select, Skeleton, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { useUnitPolicies, useUnitSearch } from './api.ts'

/** 企业政策匹配: pick a unit, see what it may apply for and what it nearly may — with what is missing. */
export function UnitPoliciesPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const search = useUnitSearch(q)
  const unitId = id ? Number(id) : null
  const matches = useUnitPolicies(unitId)
  const d = matches.data
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('enterprise.matches.title')}
      </Typography.Title>
      <Select
        showSearch
        aria-label={t('enterprise.matches.pickUnit')}
        placeholder={t('enterprise.matches.pickUnit')}
        style={{ maxWidth: 420, width: '100%' }}
        filterOption={false}
        onSearch={setQ}
        onChange={(v: number) => navigate(`/enterprise/matches/${v}`)}
        notFoundContent={search.isFetching ? <Skeleton.Input active size="small" /> : null}
        options={(search.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      {unitId === null && <Empty description={t('enterprise.matches.empty')} />}
      {matches.error && <Alert type="error" message={matches.error.message} />}
      {matches.isLoading && <Skeleton active />}
      {d && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="match-unit">
            {d.unitName}
          </Typography.Title>
          <Card size="small" title={t('enterprise.matches.facts')}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 3 }}
              items={d.facts.map((f) => ({ key: f.label, label: f.label, children: f.value }))}
            />
          </Card>
          <Card
            size="small"
            title={`${t('enterprise.matches.qualified')}（${d.qualified.length}）`}
            data-testid="match-qualified"
          >
            <List
              size="small"
              dataSource={d.qualified}
              locale={{ emptyText: t('enterprise.common.none') }}
              renderItem={(m) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <>
                        {m.policy.title} <Tag color="green">{m.policy.issuer}</Tag>
                      </>
                    }
                    description={m.policy.benefit}
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card
            size="small"
            title={`${t('enterprise.matches.near')}（${d.nearlyQualified.length}）`}
            data-testid="match-near"
          >
            <List
              size="small"
              dataSource={d.nearlyQualified}
              locale={{ emptyText: t('enterprise.common.none') }}
              renderItem={(m) => (
                <List.Item>
                  <List.Item.Meta
                    title={m.policy.title}
                    description={
                      <>
                        <Typography.Text type="warning">
                          {t('enterprise.matches.missing')}：{m.missing.join('；')}
                        </Typography.Text>
                        <br />
                        <Typography.Text type="secondary">{m.policy.ruleText}</Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </Flex>
  )
}
