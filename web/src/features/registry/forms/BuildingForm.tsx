import { type Building, type BuildingInput, insideShanghai } from '@tongxin/contracts'
import { Flex, Form, Input, InputNumber, Select, Switch } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { AreaCascader } from '../../../components/ScopePicker.tsx'
import { call } from '../../../lib/api.ts'
import { areaRoots, defaultScope } from '../../../lib/scope.ts'
import { useSession } from '../../auth/session.ts'
import { useParks } from '../api.ts'
import { textOrNull } from './checks.ts'
import { FormDrawer } from './FormDrawer.tsx'
import { useLatest, useRegistrySave } from './useRegistrySave.ts'

interface Values {
  areaCode?: string
  parkId?: number | null
  name: string
  address: string
  floors: number
  inUse: boolean
  propertyCompany?: string | null
  owner?: string | null
  lat?: number | null
  lng?: number | null
}

const toValues = (b: Building): Values => ({
  areaCode: b.areaCode,
  parkId: b.parkId,
  name: b.name,
  address: b.address,
  floors: b.floors,
  inUse: b.inUse,
  propertyCompany: b.propertyCompany,
  owner: b.owner,
  lat: b.lat,
  lng: b.lng,
})

const toInput = (v: Values): BuildingInput => ({
  areaCode: v.areaCode ?? '',
  parkId: v.parkId ?? null,
  name: v.name.trim(),
  address: v.address.trim(),
  floors: v.floors,
  inUse: v.inUse,
  propertyCompany: textOrNull(v.propertyCompany),
  owner: textOrNull(v.owner),
  lat: v.lat ?? null,
  lng: v.lng ?? null,
})

function ParkField({
  area,
  value,
  onChange,
}: {
  area?: string
  value?: number | null
  onChange?: (id: number | null) => void
}) {
  const { t } = useTranslation()
  const parks = useParks(area)
  return (
    <Select<number>
      allowClear
      value={value ?? undefined}
      onChange={(id) => onChange?.(id ?? null)}
      placeholder={t('regForms.building.noPark')}
      loading={parks.isFetching}
      options={(parks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
    />
  )
}

/** The server's rule, checked as the user types: both or neither, inside Shanghai's box. */
function locationRule(lat: unknown, lng: unknown, t: TFunction) {
  const set = (v: unknown) => typeof v === 'number'
  if (set(lat) !== set(lng)) return Promise.reject(new Error(t('regForms.building.locationPair')))
  if (set(lat) && !insideShanghai(lat as number, lng as number))
    return Promise.reject(new Error(t('regForms.building.locationOutside')))
  return Promise.resolve()
}

/** 新建 / 编辑楼宇. `building` given = edit that row (with the version it was read at). */
export function BuildingForm({
  open,
  building,
  onClose,
  onSaved,
}: {
  open: boolean
  building?: Building
  onClose: () => void
  onSaved?: (b: Building) => void
}) {
  const { t } = useTranslation()
  const me = useSession()
  const [form] = Form.useForm<Values>()
  const area = Form.useWatch('areaCode', form)
  const canPickArea = areaRoots(me).length > 0
  const latest = useLatest(
    building,
    building
      ? () => call('GET /api/buildings/:id', { params: { id: building.id } }).then((d) => d.building)
      : undefined,
    (b) => form.setFieldsValue(toValues(b)),
  )
  const saving = useRegistrySave({
    form,
    send: () => {
      const input = toInput(form.getFieldsValue(true) as Values)
      return building
        ? call('PUT /api/buildings/:id', {
            params: { id: building.id },
            body: { ...input, version: latest.version ?? building.version },
          })
        : call('POST /api/buildings', { body: input })
    },
    fields: {
      already_exists: 'name',
      unknown_area: 'areaCode',
      area_level: 'areaCode',
      building_location_outside_shanghai: 'lat',
      building_location_incomplete: 'lat',
    },
    onSaved: (b) => {
      onSaved?.(b)
      onClose()
    },
  })
  return (
    <FormDrawer
      open={open}
      testId="building-form"
      title={building ? t('regForms.building.edit', { name: building.name }) : t('regForms.building.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      save={saving}
      latest={latest}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={building ? toValues(building) : { areaCode: defaultScope(me).area, inUse: true }}
        onFinish={saving.save}
        scrollToFirstError
      >
        {canPickArea ? (
          <Form.Item
            name="areaCode"
            label={t('buildings.area')}
            rules={[{ required: true, message: t('regForms.building.areaRequired') }]}
          >
            <AreaCascader
              onChange={(code) => form.setFieldsValue({ areaCode: code, parkId: null })}
              width="100%"
            />
          </Form.Item>
        ) : (
          // Staff of one building or organisation keep the building where it is.
          <Form.Item label={t('buildings.area')}>
            <Input disabled value={building?.areaName} />
          </Form.Item>
        )}
        <Form.Item name="parkId" label={t('buildings.park')}>
          <ParkField area={area} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('buildings.name')}
          rules={[{ required: true, max: 100, whitespace: true }]}
        >
          <Input data-testid="building-name" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('buildings.address')}
          rules={[{ required: true, max: 200, whitespace: true }]}
        >
          <Input data-testid="building-address" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="floors"
            label={t('buildings.floors')}
            rules={[{ required: true, message: t('regForms.building.floorsRequired') }]}
            extra={t('regForms.building.floorsHint')}
            style={{ flex: '1 1 140px' }}
          >
            <InputNumber
              min={1}
              max={200}
              precision={0}
              style={{ width: '100%' }}
              data-testid="building-floors"
            />
          </Form.Item>
          <Form.Item
            name="inUse"
            label={t('buildings.inUse')}
            valuePropName="checked"
            style={{ flex: '1 1 100px' }}
          >
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item name="propertyCompany" label={t('buildings.propertyCompany')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="owner" label={t('buildings.owner')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="lat"
            label={t('regForms.building.lat')}
            style={{ flex: '1 1 140px' }}
            dependencies={['lng']}
            extra={t('regForms.building.locationHint')}
            rules={[{ validator: (_, lat) => locationRule(lat, form.getFieldValue('lng'), t) }]}
          >
            <InputNumber step={0.0001} style={{ width: '100%' }} data-testid="building-lat" />
          </Form.Item>
          <Form.Item name="lng" label={t('regForms.building.lng')} style={{ flex: '1 1 140px' }}>
            <InputNumber step={0.0001} style={{ width: '100%' }} data-testid="building-lng" />
          </Form.Item>
        </Flex>
      </Form>
    </FormDrawer>
  )
}
