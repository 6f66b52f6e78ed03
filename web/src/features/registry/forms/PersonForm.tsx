import { MEMBER_STATUSES, type PartyOrg, type Person, type PersonInput, type Unit } from '@tongxin/contracts'
import { Alert, Flex, Form, Input, Radio, Select, Switch } from 'antd'
import type { RuleObject } from 'antd/es/form'
import { useTranslation } from 'react-i18next'
import { api } from '../../../lib/api.ts'
import { birthDateOf, isMasked, isValidIdNumber, isValidPhone, textOrNull } from './checks.ts'
import { FormDrawer } from './FormDrawer.tsx'
import { type Named, RemoteSelect } from './RemoteSelect.tsx'
import { useLatest, useRegistrySave } from './useRegistrySave.ts'

interface Values {
  name: string
  gender?: 'male' | 'female' | null
  birthDate?: string | null
  phone?: string | null
  idNumber?: string | null
  education?: string | null
  unitId?: number | null
  isMember: boolean
  partyOrgId?: number | null
  status: 'formal' | 'probationary'
  joinedOn?: string | null
  relationTransferred: boolean
  floating: boolean
}

// A masked value is never put in the form: sent back, it would be refused or taken for the real one.
const toValues = (p: Person): Values => ({
  name: p.name,
  gender: p.gender === 'male' || p.gender === 'female' ? p.gender : null,
  birthDate: p.birthDate,
  phone: isMasked(p.phone) ? null : p.phone,
  idNumber: isMasked(p.idNumber) ? null : p.idNumber,
  education: p.education,
  unitId: p.unitId,
  isMember: p.membership !== null,
  partyOrgId: p.membership?.partyOrgId ?? null,
  status: p.membership?.status ?? 'formal',
  joinedOn: p.membership?.joinedOn ?? null,
  relationTransferred: p.membership?.relationTransferred ?? true,
  floating: p.membership?.floating ?? false,
})

const toInput = (v: Values): PersonInput => ({
  name: v.name.trim(),
  gender: v.gender ?? null,
  birthDate: v.birthDate || null,
  phone: textOrNull(v.phone),
  idNumber: textOrNull(v.idNumber)?.toUpperCase() ?? null,
  education: textOrNull(v.education),
  unitId: v.unitId ?? null,
  membership:
    v.isMember && v.partyOrgId
      ? {
          partyOrgId: v.partyOrgId,
          status: v.status,
          joinedOn: v.joinedOn || null,
          relationTransferred: v.relationTransferred,
          floating: v.floating,
        }
      : null,
})

/**
 * 新建 / 编辑人员与党员. Edits start from the person as the server showed them to this user: phone and ID
 * numbers the user may not see arrive masked, and must be typed anew (see the notice in the form).
 */
export function PersonForm({
  open,
  person,
  unit,
  org,
  onClose,
}: {
  open: boolean
  person?: Person
  /** Preset for a new person: the unit or organisation whose page the form was opened from. */
  unit?: Named
  org?: Named
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const isMember = Form.useWatch('isMember', form)
  const maskedPhone = isMasked(person?.phone)
  const maskedId = isMasked(person?.idNumber)
  const latest = useLatest(person, person ? () => api<Person>(`/api/people/${person.id}`) : undefined, (p) =>
    form.setFieldsValue(toValues(p)),
  )
  const saving = useRegistrySave({
    form,
    send: () => {
      const input = toInput(form.getFieldsValue(true) as Values)
      return person
        ? api<Person>(`/api/people/${person.id}`, {
            method: 'PUT',
            body: { ...input, version: latest.version },
          })
        : api<Person>('/api/people', { method: 'POST', body: input })
    },
    fields: {
      invalid_id_number: 'idNumber',
      id_birth_mismatch: 'birthDate',
      invalid_phone: 'phone',
      already_exists: 'idNumber',
    },
    onSaved: onClose,
  })
  const check = (valid: (v: string) => boolean, key: 'phoneInvalid' | 'idInvalid', masked: boolean) => ({
    validator: (_: RuleObject, value?: string | null) => {
      const v = value?.trim().toUpperCase() ?? ''
      if (!v)
        return masked ? Promise.reject(new Error(t('regForms.person.maskedRequired'))) : Promise.resolve()
      return valid(v) ? Promise.resolve() : Promise.reject(new Error(t(`regForms.person.${key}`)))
    },
  })
  const memberKnown = person?.membership
    ? [{ id: person.membership.partyOrgId, name: person.membership.partyOrgName }]
    : org
      ? [org]
      : []
  const unitKnown = person?.unitId ? [{ id: person.unitId, name: person.unitName ?? '' }] : unit ? [unit] : []
  return (
    <FormDrawer
      open={open}
      testId="person-form"
      title={person ? t('regForms.person.edit', { name: person.name }) : t('regForms.person.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      save={saving}
      latest={latest}
    >
      {(maskedPhone || maskedId) && (
        <Alert type="info" showIcon data-testid="masked-notice" title={t('regForms.person.maskedNotice')} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          person
            ? toValues(person)
            : {
                unitId: unit?.id ?? null,
                isMember: Boolean(org),
                partyOrgId: org?.id ?? null,
                status: 'formal',
                relationTransferred: true,
                floating: false,
              }
        }
        onFinish={saving.save}
        scrollToFirstError
      >
        <Form.Item
          name="name"
          label={t('units.personName')}
          rules={[{ required: true, max: 60, whitespace: true }]}
        >
          <Input data-testid="person-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('regForms.person.idNumber')}
          rules={[check(isValidIdNumber, 'idInvalid', maskedId)]}
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
          extra={
            maskedId
              ? t('regForms.person.maskedWas', { value: person?.idNumber })
              : t('regForms.person.idHint')
          }
        >
          <Input
            maxLength={18}
            autoComplete="off"
            data-testid="person-id"
            onChange={(e) => {
              const v = e.target.value.toUpperCase()
              if (isValidIdNumber(v)) form.setFieldValue('birthDate', birthDateOf(v))
            }}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('units.phone')}
          rules={[check(isValidPhone, 'phoneInvalid', maskedPhone)]}
          extra={maskedPhone ? t('regForms.person.maskedWas', { value: person?.phone }) : undefined}
        >
          <Input inputMode="tel" autoComplete="off" data-testid="person-phone" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="birthDate" label={t('units.birthDate')} style={{ flex: '1 1 150px' }}>
            <Input type="date" data-testid="person-birth" />
          </Form.Item>
          <Form.Item name="gender" label={t('units.gender')} style={{ flex: '1 1 120px' }}>
            <Select
              allowClear
              options={(['male', 'female'] as const).map((g) => ({
                value: g,
                label: t(`units.genders.${g}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="education" label={t('units.education')} rules={[{ max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitId" label={t('regForms.person.unit')}>
          <RemoteSelect<Unit>
            path="/api/units"
            known={unitKnown}
            label={(u) => (u.buildingName ? `${u.name} · ${u.buildingName}` : u.name)}
            placeholder={t('regForms.searchPlaceholder')}
            testId="person-unit"
          />
        </Form.Item>
        <Form.Item name="isMember" label={t('regForms.person.isMember')} valuePropName="checked">
          <Switch data-testid="person-is-member" />
        </Form.Item>
        {isMember && (
          <>
            <Form.Item
              name="partyOrgId"
              label={t('units.partyOrg')}
              rules={[{ required: true, message: t('regForms.person.orgRequired') }]}
            >
              <RemoteSelect<PartyOrg>
                path="/api/party-orgs"
                known={memberKnown}
                label={(o) => o.name}
                placeholder={t('regForms.searchPlaceholder')}
                testId="person-org"
              />
            </Form.Item>
            <Form.Item name="status" label={t('units.membership')}>
              <Radio.Group
                optionType="button"
                options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`units.memberStatus.${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="joinedOn" label={t('regForms.person.joinedOn')}>
              <Input type="date" data-testid="person-joined" />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item
                name="relationTransferred"
                label={t('regForms.person.relationTransferred')}
                valuePropName="checked"
                style={{ flex: '1 1 150px' }}
              >
                <Switch />
              </Form.Item>
              <Form.Item
                name="floating"
                label={t('units.floating')}
                valuePropName="checked"
                style={{ flex: '1 1 150px' }}
              >
                <Switch />
              </Form.Item>
            </Flex>
          </>
        )}
      </Form>
    </FormDrawer>
  )
}
