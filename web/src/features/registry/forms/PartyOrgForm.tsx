import { PARTY_ORG_TYPES, type PartyOrg, type PartyOrgInput } from '@tongxin/contracts'
import { Flex, Form, Input, Select, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { orgTypeLabel } from '../../../components/labels.tsx'
import { AreaCascader } from '../../../components/ScopePicker.tsx'
import { call } from '../../../lib/api.ts'
import { areaRoots, defaultScope } from '../../../lib/scope.ts'
import { useSession } from '../../auth/session.ts'
import { FormDrawer } from './FormDrawer.tsx'
import { RemoteSelect } from './RemoteSelect.tsx'
import { useLatest, useRegistrySave } from './useRegistrySave.ts'

interface Values {
  name: string
  type: PartyOrgInput['type']
  parentId?: number | null
  areaCode?: string
  establishedOn?: string | null
  secretaryPersonId?: number | null
  hasCommittee: boolean
  coversUnitIds: number[]
  coversBuildingIds: number[]
}

const toValues = (o: PartyOrg): Values => ({
  name: o.name,
  type: o.type,
  parentId: o.parentId,
  areaCode: o.areaCode,
  establishedOn: o.establishedOn,
  secretaryPersonId: o.secretary?.id ?? null,
  hasCommittee: o.hasCommittee,
  coversUnitIds: o.covers.units.map((u) => u.id),
  coversBuildingIds: o.covers.buildings.map((b) => b.id),
})

const toInput = (v: Values): PartyOrgInput => ({
  name: v.name.trim(),
  type: v.type,
  parentId: v.parentId ?? null,
  areaCode: v.areaCode ?? '',
  establishedOn: v.establishedOn || null,
  secretaryPersonId: v.secretaryPersonId ?? null,
  hasCommittee: v.hasCommittee,
  coversUnitIds: v.coversUnitIds ?? [],
  coversBuildingIds: v.coversBuildingIds ?? [],
})

/**
 * 新建 / 编辑党组织 with what it covers: units, and whole buildings (a joint general branch may cover
 * several). A secretary adds branches under their own organisation: the new one takes its parent's area.
 */
export function PartyOrgForm({
  open,
  org,
  parent,
  onClose,
  onSaved,
}: {
  open: boolean
  org?: PartyOrg
  /** Preset parent for a new organisation (opened from the parent's page). */
  parent?: PartyOrg
  onClose: () => void
  onSaved?: (o: PartyOrg) => void
}) {
  const { t } = useTranslation()
  const me = useSession()
  const [form] = Form.useForm<Values>()
  const canPickArea = areaRoots(me).length > 0
  const latest = useLatest(
    org,
    org ? () => call('GET /api/party-orgs/:id', { params: { id: org.id } }) : undefined,
    (o) => form.setFieldsValue(toValues(o)),
  )
  const saving = useRegistrySave({
    form,
    send: () => {
      const input = toInput(form.getFieldsValue(true) as Values)
      return org
        ? call('PUT /api/party-orgs/:id', {
            params: { id: org.id },
            body: { ...input, version: latest.version ?? org.version },
          })
        : call('POST /api/party-orgs', { body: input })
    },
    fields: {
      already_exists: 'name',
      cyclic_parent: 'parentId',
      area_level: 'areaCode',
      unknown_area: 'areaCode',
    },
    onSaved: (o) => {
      onSaved?.(o)
      onClose()
    },
  })
  const initial: Partial<Values> = org
    ? toValues(org)
    : {
        type: 'branch',
        parentId: parent?.id ?? null,
        areaCode: parent?.areaCode ?? (canPickArea ? defaultScope(me).area : undefined),
        hasCommittee: false,
        coversUnitIds: [],
        coversBuildingIds: [],
      }
  return (
    <FormDrawer
      open={open}
      testId="org-form"
      title={org ? t('regForms.org.edit', { name: org.name }) : t('regForms.org.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      save={saving}
      latest={latest}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={saving.save}
        scrollToFirstError
      >
        <Form.Item
          name="name"
          label={t('partyOrgs.name')}
          rules={[{ required: true, max: 100, whitespace: true }]}
        >
          <Input data-testid="org-name" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="type"
            label={t('partyOrgs.type')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <Select
              data-testid="org-type"
              options={PARTY_ORG_TYPES.map((k) => ({ value: k, label: orgTypeLabel(t, k) }))}
            />
          </Form.Item>
          <Form.Item
            name="hasCommittee"
            label={t('partyOrgs.committee')}
            valuePropName="checked"
            style={{ flex: '1 1 120px' }}
          >
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item name="parentId" label={t('partyOrgs.parent')}>
          <RemoteSelect
            route="GET /api/party-orgs"
            known={
              org?.parentId ? [{ id: org.parentId, name: org.parentName ?? '' }] : parent ? [parent] : []
            }
            label={(o) => o.name}
            placeholder={t('regForms.searchPlaceholder')}
            testId="org-parent"
            onPick={(p) => {
              if (!canPickArea || !form.getFieldValue('areaCode')) form.setFieldValue('areaCode', p.areaCode)
            }}
          />
        </Form.Item>
        {canPickArea ? (
          <Form.Item
            name="areaCode"
            label={t('partyOrgs.area')}
            rules={[{ required: true, message: t('regForms.building.areaRequired') }]}
          >
            <AreaCascader onChange={(code) => form.setFieldValue('areaCode', code)} width="100%" />
          </Form.Item>
        ) : (
          <Form.Item label={t('partyOrgs.area')}>
            <Input disabled value={org?.areaName ?? t('regForms.org.areaFromParent')} />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="establishedOn" label={t('partyOrgs.established')} style={{ flex: '1 1 150px' }}>
            <Input type="date" data-testid="org-established" />
          </Form.Item>
          <Form.Item name="secretaryPersonId" label={t('partyOrgs.secretary')} style={{ flex: '1 1 180px' }}>
            <RemoteSelect
              route="GET /api/people"
              known={org?.secretary ? [org.secretary] : []}
              label={(p) => (p.unitName ? `${p.name} · ${p.unitName}` : p.name)}
              placeholder={t('regForms.org.secretaryPlaceholder')}
              testId="org-secretary"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="coversUnitIds"
          label={t('regForms.org.coversUnits')}
          extra={t('regForms.org.coversUnitsHint')}
        >
          <RemoteSelect
            multiple
            route="GET /api/units"
            known={org?.covers.units}
            label={(u) => (u.buildingName ? `${u.name} · ${u.buildingName}` : u.name)}
            placeholder={t('regForms.searchPlaceholder')}
            testId="org-units"
          />
        </Form.Item>
        <Form.Item
          name="coversBuildingIds"
          label={t('regForms.org.coversBuildings')}
          extra={t('regForms.org.coversBuildingsHint')}
        >
          <RemoteSelect
            multiple
            route="GET /api/buildings"
            known={org?.covers.buildings}
            label={(b) => b.name}
            placeholder={t('regForms.searchPlaceholder')}
            testId="org-buildings"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  )
}
