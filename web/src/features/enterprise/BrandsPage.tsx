import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Brand } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { enterpriseKeys, useBrand, useBrands } from './api.ts'
import { BrandStory } from './BrandStory.tsx'

const CRITERIA = ['品牌特色', '组织建设', '活动成效', '群众评价']

function AssessForm({ brand }: { brand: Brand }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [scores, setScores] = useState(CRITERIA.map((criterion) => ({ criterion, score: 20, max: 25 })))
  const [comment, setComment] = useState('')
  const save = useMutation({
    mutationFn: () =>
      call('POST /api/enterprise/brands/:id/assessments', {
        params: { id: brand.id },
        body: { assessedOn: new Date().toISOString().slice(0, 10), scores, comment: comment || null },
      }),
    onSuccess: () => {
      void message.success(t('enterprise.common.saved'))
      void qc.invalidateQueries({ queryKey: enterpriseKeys.brand() })
      void qc.invalidateQueries({ queryKey: enterpriseKeys.brands() })
    },
  })
  return (
    <Flex vertical gap={6}>
      {scores.map((s, i) => (
        <Space key={s.criterion}>
          <Typography.Text style={{ width: 80, display: 'inline-block' }}>{s.criterion}</Typography.Text>
          <InputNumber
            min={0}
            max={s.max}
            value={s.score}
            onChange={(v) => setScores(scores.map((x, j) => (j === i ? { ...x, score: v ?? 0 } : x)))}
          />
          <Typography.Text type="secondary">/ {s.max}</Typography.Text>
        </Space>
      ))}
      <Input.TextArea
        rows={2}
        placeholder={t('enterprise.brands.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {save.error && <Alert type="error" message={save.error.message} />}
      <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>
        {t('enterprise.brands.assess')}
      </Button>
    </Flex>
  )
}

function BrandDetail({ id }: { id: number }) {
  const { t } = useTranslation()
  const me = useSession()
  const brand = useBrand(id)
  const b = brand.data
  if (!b) return brand.error ? <Alert type="error" message={brand.error.message} /> : null
  return (
    <Flex vertical gap={12}>
      <BrandStory brand={b} />
      {b.published && <Link to={`/brand/${b.id}`}>{t('enterprise.brands.publicPage')}</Link>}
      <Typography.Title level={5}>{t('enterprise.brands.assessments')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={b.assessments}
        columns={[
          { title: t('enterprise.brands.assessedOn'), dataIndex: 'assessedOn' },
          {
            title: t('enterprise.brands.latest'),
            render: (_, a) => t('enterprise.brands.score', { total: a.total, max: a.maxTotal }),
          },
          { title: t('enterprise.brands.comment'), dataIndex: 'comment' },
        ]}
      />
      {hasPermission(me, 'brand.assess') && <AssessForm brand={b} />}
    </Flex>
  )
}

/** 一企一品: the brands in the caller's scope with their latest assessment; details, history and assessing. */
export function BrandsPage() {
  const { t } = useTranslation()
  const [open, setOpen] = useState<number | null>(null)
  const brands = useBrands()
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('enterprise.brands.title')}
      </Typography.Title>
      {brands.error && <Alert type="error" message={brands.error.message} />}
      <Row gutter={[12, 12]}>
        {(brands.data?.items ?? []).map((b) => (
          <Col xs={24} md={12} key={b.id}>
            <Card
              size="small"
              hoverable
              title={b.name}
              onClick={() => setOpen(b.id)}
              data-testid="brand-card"
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {b.partyOrgName}
              </Typography.Paragraph>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                {b.story}
              </Typography.Paragraph>
              <Space wrap>
                <Tag color={b.published ? 'green' : 'default'}>
                  {b.published ? t('enterprise.brands.published') : t('enterprise.brands.draft')}
                </Tag>
                {b.latestScore && (
                  <Tag color="red">
                    {t('enterprise.brands.score', {
                      total: b.latestScore.total,
                      max: b.latestScore.maxTotal,
                    })}
                  </Tag>
                )}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Drawer open={open !== null} width={560} onClose={() => setOpen(null)} destroyOnHidden>
        {open !== null && <BrandDetail id={open} />}
      </Drawer>
    </Flex>
  )
}
