import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Checkbox, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useSession } from '../auth/session.ts'
import { wasteKeys } from './api.ts'

/** "3-20, 22" → [3..20, 22]; null when the text is not a list of floors and ranges. */
export function parseFloors(text: string): number[] | null {
  const out: number[] = []
  for (const part of text.split(/[,，、\s]+/).filter(Boolean)) {
    const m = /^(-?\d+)(?:[-~至到](-?\d+))?$/.exec(part)
    if (!m) return null
    const a = Number(m[1])
    const b = m[2] === undefined ? a : Number(m[2])
    if (Math.abs(b - a) > 200) return null
    for (let f = a; a <= b ? f <= b : f >= b; f += a <= b ? 1 : -1) out.push(f)
  }
  return out.length ? out : null
}

interface Values {
  buildingId: number
  name: string
  floors: string
  leadMe: boolean
}

/** 新建巡查路线 (building chief, staff): a building, a name, the floors in walking order, optionally me as lead. */
export function RouteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useSession()
  const qc = useQueryClient()
  const [q, setQ] = useState('')
  const buildings = useQuery({
    queryKey: ['buildings', 'pick', 'waste', q],
    queryFn: ({ signal }) => call('GET /api/buildings', { query: { q: q || undefined, limit: 20 }, signal }),
  })
  const [form] = Form.useForm<Values>()
  const save = useMutation({
    mutationFn: (v: Values) =>
      call('POST /api/waste/routes', {
        body: {
          buildingId: v.buildingId,
          name: v.name.trim(),
          floors: parseFloors(v.floors) ?? [],
          leadAccountId: v.leadMe ? me.account.id : null,
        },
      }),
    onSuccess: (r) => {
      void message.success(`✓ ${r.buildingName} · ${r.name}`)
      void qc.invalidateQueries({ queryKey: wasteKeys.routes() })
      onClose()
    },
    onError: (e) => message.error(e.message),
  })
  return (
    <Modal
      open
      title={t('waste.route.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ leadMe: true }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="buildingId" label={t('waste.route.building')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={buildings.isFetching}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('waste.route.name')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="floors"
          label={t('waste.route.floors')}
          rules={[
            { required: true },
            {
              validator: (_, v: string | undefined) =>
                !v || parseFloors(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('waste.route.floorsInvalid'))),
            },
          ]}
        >
          <Input placeholder="3-20, 22" />
        </Form.Item>
        <Form.Item name="leadMe" valuePropName="checked">
          <Checkbox>{t('waste.route.leadMe')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  )
}
