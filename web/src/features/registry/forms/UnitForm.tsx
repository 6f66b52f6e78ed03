import { UNIT_KINDS, type Unit, type UnitInput } from '@tongxin/contracts'
import { Flex, Form, Input, InputNumber, Select, Switch } from 'antd'
import type { RuleObject } from 'antd/es/form'
import { useTranslation } from 'react-i18next'
import { unitKindLabel } from '../../../components/labels.tsx'
import { AreaCascader, BuildingSelect } from '../../../components/ScopePicker.tsx'
import { call } from '../../../lib/api.ts'
import { areaRoots, defaultScope } from '../../../lib/scope.ts'
import { useSession } from '../../auth/session.ts'
import { textOrNull, usccProblem } from './checks.ts'
import { FormDrawer } from './FormDrawer.tsx'
import { useLatest, useRegistrySave } from './useRegistrySave.ts'

interface Values {
  uscc: string
  name: string
  kind: UnitInput['kind']
  industry?: string | null
  employees?: number | null
  buildingId?: number | null
  areaCode?: string
  floorFrom?: number | null
  floorTo?: number | null
  settledOn?: string | null
  leftOn?: string | null
  instructorSent: boolean
}

const toValues = (u: Unit): Values => ({
  uscc: u.uscc,
  name: u.name,
  kind: u.kind,
  industry: u.industry,
  employees: u.employees,
  buildingId: u.buildingId,
  areaCode: u.areaCode,
  floorFrom: u.floorFrom,
  floorTo: u.floorTo,
  settledOn: u.settledOn,
  leftOn: u.leftOn,
  instructorSent: u.instructorSent,
})

const toInput = (v: Values): UnitInput => ({
  uscc: v.uscc.trim().toUpperCase(),
  name: v.name.trim(),
  kind: v.kind,
  industry: textOrNull(v.industry),
  employees: v.employees ?? null,
  buildingId: v.buildingId ?? null,
  // A unit in a building takes the building's area; only units outside buildings name their own.
  ...(v.buildingId ? {} : { areaCode: v.areaCode }),
  floorFrom: v.buildingId ? (v.floorFrom ?? null) : null,
  floorTo: v.buildingId ? (v.floorTo ?? null) : null,
  settledOn: v.settledOn || null,
  leftOn: v.leftOn || null,
  instructorSent: v.instructorSent,
})

/** 新建 / 编辑单位. From a building page `building` places the new unit there. */
export function UnitForm({
  open,
  unit,
  building,
  onClose,
  onSaved,
}: {
  open: boolean
  unit?: Unit
  building?: { id: number; name: string; floors: number }
  onClose: () => void
  onSaved?: (u: Unit) => void
}) {
  const { t } = useTranslation()
  const me = useSession()
  const [form] = Form.useForm<Values>()
  const buildingId = Form.useWatch('buildingId', form)
  const latest = useLatest(
    unit,
    unit ? () => call('GET /api/units/:id', { params: { id: unit.id } }) : undefined,
    (u) => form.setFieldsValue(toValues(u)),
  )
  const saving = useRegistrySave({
    form,
    send: () => {
      const input = toInput(form.getFieldsValue(true) as Values)
      return unit
        ? call('PUT /api/units/:id', {
            params: { id: unit.id },
            body: { ...input, version: latest.version ?? unit.version },
          })
        : call('POST /api/units', { body: input })
    },
    fields: {
      invalid_uscc: 'uscc',
      already_exists: 'uscc',
      floor_above_building: 'floorFrom',
      invalid_floors: 'floorTo',
      invalid_dates: 'leftOn',
      unit_area_required: 'areaCode',
      area_level: 'areaCode',
      unknown_area: 'areaCode',
    },
    onSaved: (u) => {
      onSaved?.(u)
      onClose()
    },
  })
  const usccRule = {
    validator: (_: RuleObject, value?: string) => {
      const v = value?.trim().toUpperCase() ?? ''
      if (!v) return Promise.reject(new Error(t('regForms.unit.usccRequired')))
      const problem = usccProblem(v)
      return problem ? Promise.reject(new Error(t(`regForms.unit.uscc_${problem}`))) : Promise.resolve()
    },
  }
  const maxFloor = building && buildingId === building.id ? building.floors : 200
  return (
    <FormDrawer
      open={open}
      testId="unit-form"
      title={unit ? t('regForms.unit.edit', { name: unit.name }) : t('regForms.unit.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      save={saving}
      latest={latest}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          unit
            ? toValues(unit)
            : {
                kind: 'private',
                instructorSent: false,
                buildingId: building?.id ?? null,
                areaCode: defaultScope(me).area,
              }
        }
        onFinish={saving.save}
        scrollToFirstError
      >
        <Form.Item
          name="uscc"
          label={t('units.uscc')}
          required
          rules={[usccRule]}
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
          extra={t('regForms.unit.usccHint')}
        >
          <Input maxLength={18} data-testid="unit-uscc" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, max: 100, whitespace: true }]}
        >
          <Input data-testid="unit-name" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="kind"
            label={t('units.kind')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: unitKindLabel(t, k) }))} />
          </Form.Item>
          <Form.Item
            name="industry"
            label={t('units.industry')}
            rules={[{ max: 60 }]}
            style={{ flex: '1 1 160px' }}
          >
            <Input />
          </Form.Item>
        </Flex>
        <Form.Item name="employees" label={t('units.employees')}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="buildingId" label={t('units.building')}>
          <BuildingSelect
            selectedName={unit?.buildingName ?? building?.name}
            onChange={(id) => form.setFieldValue('buildingId', id ?? null)}
            width="100%"
          />
        </Form.Item>
        {buildingId ? (
          <Flex gap={12} wrap>
            <Form.Item name="floorFrom" label={t('regForms.unit.floorFrom')} style={{ flex: '1 1 120px' }}>
              <InputNumber
                min={-5}
                max={maxFloor}
                precision={0}
                style={{ width: '100%' }}
                data-testid="unit-floor-from"
              />
            </Form.Item>
            <Form.Item name="floorTo" label={t('regForms.unit.floorTo')} style={{ flex: '1 1 120px' }}>
              <InputNumber min={-5} max={maxFloor} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        ) : (
          areaRoots(me).length > 0 && (
            <Form.Item
              name="areaCode"
              label={t('regForms.unit.area')}
              rules={[{ required: true, message: t('regForms.unit.areaRequired') }]}
            >
              <AreaCascader onChange={(code) => form.setFieldValue('areaCode', code)} width="100%" />
            </Form.Item>
          )
        )}
        <Flex gap={12} wrap>
          <Form.Item name="settledOn" label={t('units.settledOn')} style={{ flex: '1 1 150px' }}>
            <Input type="date" data-testid="unit-settled" />
          </Form.Item>
          <Form.Item name="leftOn" label={t('units.leftOn')} style={{ flex: '1 1 150px' }}>
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Form.Item name="instructorSent" label={t('units.instructorSent')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
