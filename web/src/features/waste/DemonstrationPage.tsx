import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DemoCandidate } from '@tongxin/contracts'
import { App, Button, Empty, Flex, Input, Modal, Select, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import { wasteKeys } from './api.ts'

/** 垃圾分类示范楼 (street staff): who meets the criteria, who is designated, and whose criteria lapsed. */
export function DemonstrationPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const me = useSession()
  const areas = me.grants.filter((g) => g.scopeType === 'area' && g.scopeId).map((g) => g.scopeId!)
  const [area, setArea] = useState<string | undefined>(areas[0])
  const [code, setCode] = useState('')
  const areaCode = area ?? (code.length >= 9 ? code : undefined)
  const list = useQuery({
    queryKey: wasteKeys.demoIn(areaCode),
    enabled: Boolean(areaCode),
    queryFn: ({ signal }) =>
      call('GET /api/waste/demonstration/:code', { params: { code: areaCode! }, signal }),
  })
  const [revoking, setRevoking] = useState<DemoCandidate | null>(null)
  const [reason, setReason] = useState('')
  const refresh = () => void qc.invalidateQueries({ queryKey: wasteKeys.demo() })
  const designate = useMutation({
    mutationFn: (c: DemoCandidate) =>
      call('POST /api/waste/demonstration', {
        body: { buildingId: c.buildingId, date: dayjs().format('YYYY-MM-DD') },
      }),
    onSuccess: () => {
      void message.success(t('waste.demo.designated'))
      refresh()
    },
    onError: (e) => message.error(e.message),
  })
  const revoke = useMutation({
    mutationFn: (c: DemoCandidate) =>
      call('POST /api/waste/demonstration/buildings/:id/revoke', {
        params: { id: c.buildingId },
        body: { date: dayjs().format('YYYY-MM-DD'), reason: reason.trim() },
      }),
    onSuccess: () => {
      void message.success(t('waste.demo.revoked'))
      setRevoking(null)
      setReason('')
      refresh()
    },
    onError: (e) => message.error(e.message),
  })

  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('waste.demo.title')}
      </Typography.Title>
      {areas.length > 0 ? (
        <Select
          value={area}
          onChange={setArea}
          style={{ width: 220 }}
          options={areas.map((a) => ({ value: a, label: a }))}
        />
      ) : (
        <Input
          placeholder="310104012"
          value={code}
          onChange={(e) => setCode(e.target.value.trim())}
          style={{ width: 220 }}
        />
      )}
      <Typography.Text type="secondary">{t('waste.demo.rule')}</Typography.Text>
      {list.error && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      {list.data && list.data.length === 0 && <Empty />}
      {list.data && list.data.length > 0 && (
        <Table<DemoCandidate>
          rowKey="buildingId"
          data-testid="waste-demo-list"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={list.data}
          columns={[
            { title: t('waste.demo.building'), dataIndex: 'buildingName' },
            {
              title: t('waste.demo.months'),
              key: 'months',
              render: (_, c) =>
                c.months.map((m) => (
                  <div key={m.month}>
                    {m.month}：{m.property ?? '—'} / {m.tenants ?? '—'}
                  </div>
                )),
            },
            {
              title: t('waste.demo.lowest'),
              dataIndex: 'lowestFloorStars',
              render: (s: number | null) => (s === null ? '—' : `${s}★`),
            },
            {
              title: t('waste.demo.status'),
              key: 'status',
              render: (_, c) =>
                c.designation ? (
                  c.meets ? (
                    <Tag color="green">{t('waste.demo.isDemo', { date: c.designation.designatedOn })}</Tag>
                  ) : (
                    <Tag color="orange">{t('waste.demo.lapsed')}</Tag>
                  )
                ) : c.meets ? (
                  <Tag color="blue">{t('waste.demo.candidate')}</Tag>
                ) : (
                  <Tag>{t('waste.demo.notYet')}</Tag>
                ),
            },
            {
              title: t('waste.demo.reasons'),
              dataIndex: 'reasons',
              render: (r: string[]) => r.slice(0, 4).join('；') + (r.length > 4 ? '…' : ''),
            },
            {
              title: '',
              key: 'act',
              render: (_, c) =>
                c.designation ? (
                  <Button size="small" danger={!c.meets} onClick={() => setRevoking(c)}>
                    {t('waste.demo.revoke')}
                  </Button>
                ) : c.meets ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={designate.isPending}
                    onClick={() => designate.mutate(c)}
                  >
                    {t('waste.demo.designate')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <Modal
        open={revoking !== null}
        title={t('waste.demo.revokeTitle', { name: revoking?.buildingName ?? '' })}
        onCancel={() => setRevoking(null)}
        onOk={() => revoking && revoke.mutate(revoking)}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        confirmLoading={revoke.isPending}
      >
        <Input.TextArea
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('waste.demo.revokeReason')}
        />
      </Modal>
    </Flex>
  )
}
