import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { BuildingDetail, ChiefInput } from '@tongxin/contracts'
import { App, DatePicker, Form, Modal, Radio, Select, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { registryKeys, usePeoplePick } from './api.ts'

interface Values {
  kind: 'unit' | 'person'
  unitId?: number
  personId?: number
  since?: Dayjs
}

function PersonSearch({ value, onChange }: { value?: number; onChange?: (id?: number) => void }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const people = usePeoplePick(q)
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('buildings.chiefPersonPlaceholder')}
      loading={people.isFetching}
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: p.unitName ? `${p.name} · ${p.unitName}` : p.name,
      }))}
    />
  )
}

/** 设置楼长: a unit of the building (property company, owner, anchor tenant) or a person. */
export function ChiefModal({
  detail,
  open,
  onClose,
}: {
  detail: BuildingDetail
  open: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const kind = Form.useWatch('kind', form) ?? 'unit'
  const chief = detail.building.chief
  const save = useMutation({
    mutationFn: (body: ChiefInput) =>
      call('PUT /api/buildings/:id/chief', { params: { id: detail.building.id }, body }),
    onSuccess: () => {
      void message.success(t('common.saved'))
      void queryClient.invalidateQueries({ queryKey: registryKeys.buildings() })
      void queryClient.invalidateQueries({ queryKey: ['coverage'] })
      onClose()
    },
  })
  const submit = (v: Values) =>
    save.mutate({
      unitId: v.kind === 'unit' ? v.unitId : null,
      personId: v.kind === 'person' ? v.personId : null,
      since: v.since ? v.since.format('YYYY-MM-DD') : null,
      // The assignment as this page saw it: if someone changed it meanwhile, the server answers 409.
      version: chief?.version ?? null,
    })

  return (
    <Modal
      open={open}
      title={t('buildings.setChief')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: chief?.kind ?? 'unit',
          unitId: chief?.kind === 'unit' ? chief.id : undefined,
        }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('buildings.chiefKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'unit', label: t('buildings.chiefKinds.unit') },
              { value: 'person', label: t('buildings.chiefKinds.person') },
            ]}
          />
        </Form.Item>
        {kind === 'unit' ? (
          <Form.Item
            name="unitId"
            label={t('buildings.chiefUnit')}
            rules={[{ required: true, message: t('buildings.chiefRequired') }]}
          >
            <Select<number>
              showSearch={{ optionFilterProp: 'label' }}
              options={detail.units.filter((u) => u.operating).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="personId"
            label={t('buildings.chiefPerson')}
            rules={[{ required: true, message: t('buildings.chiefRequired') }]}
          >
            <PersonSearch />
          </Form.Item>
        )}
        <Form.Item name="since" label={t('buildings.chiefSince')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {save.error && <Typography.Text type="danger">{save.error.message}</Typography.Text>}
    </Modal>
  )
}
