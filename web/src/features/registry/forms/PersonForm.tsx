import { MEMBER_STATUSES, type Person, type PersonInput } from '@tongxin/contracts'
import { Alert, Flex, Form, Input, Radio, Select, Switch, Typography } from 'antd'
import type { RuleObject } from 'antd/es/form'
import { useTranslation } from 'react-i18next'
import { call } from '../../../lib/api.ts'
import { hasPermission, useSession } from '../../auth/session.ts'
import { birthDateOf, isValidIdNumber, isValidPhone, textOrNull } from './checks.ts'
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
  birthDate: p.masked ? null : p.birthDate,
  phone: p.masked ? null : p.phone,
  idNumber: p.masked ? null : p.idNumber,
  education: p.education,
  unitId: p.unitId,
  isMember: p.membership !== null,
  partyOrgId: p.membership?.partyOrgId ?? null,
  status: p.membership?.status ?? 'formal',
  joinedOn: p.membership?.joinedOn ?? null,
  relationTransferred: p.membership?.relationTransferred ?? true,
  floating: p.membership?.floating ?? false,
})

/** What the form may send: fields hidden from the user are left out, so the server keeps what it has. */
interface Sendable {
  idNumber: boolean
  birthDate: boolean
  /** An empty phone keeps the stored (masked) one instead of clearing it. */
  phoneKept: boolean
}

const toInput = (v: Values, may: Sendable): PersonInput => ({
  name: v.name.trim(),
  gender: v.gender ?? null,
  ...(may.birthDate ? { birthDate: v.birthDate || null } : {}),
  ...(may.phoneKept && !textOrNull(v.phone) ? {} : { phone: textOrNull(v.phone) }),
  ...(may.idNumber ? { idNumber: textOrNull(v.idNumber)?.toUpperCase() ?? null } : {}),
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
 * 新建 / 编辑人员与党员. Edits start from the person as the server showed them to this user. Someone shown
 * the person masked (no person.pii there) keeps the phone unless they type a new one, and is not offered the
 * ID number, nor the birth date once one is stored: the server refuses both from them, since each answer
 * would confirm or refute a guess. A new person's ID number is offered only to users holding person.pii.
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
  const me = useSession()
  const [form] = Form.useForm<Values>()
  const isMember = Form.useWatch('isMember', form)
  const masked = person?.masked ?? false
  const may: Sendable = {
    idNumber: person ? !masked : hasPermission(me, 'person.pii'),
    birthDate: !masked || person?.birthYear === null,
    phoneKept: masked,
  }
  const latest = useLatest(
    person,
    person ? () => call('GET /api/people/:id', { params: { id: person.id } }) : undefined,
    (p) => form.setFieldsValue(toValues(p)),
  )
  const saving = useRegistrySave({
    form,
    send: () => {
      const input = toInput(form.getFieldsValue(true) as Values, may)
      return person
        ? call('PUT /api/people/:id', {
            params: { id: person.id },
            body: { ...input, version: latest.version ?? person.version },
          })
        : call('POST /api/people', { body: input })
    },
    fields: {
      invalid_id_number: 'idNumber',
      id_birth_mismatch: 'birthDate',
      invalid_phone: 'phone',
      already_exists: 'idNumber',
      id_number_registered_elsewhere: 'idNumber',
      person_pii_required: 'idNumber',
    },
    onSaved: onClose,
  })
  const check = (valid: (v: string) => boolean, key: 'phoneInvalid' | 'idInvalid') => ({
    validator: (_: RuleObject, value?: string | null) => {
      const v = value?.trim().toUpperCase() ?? ''
      if (!v || valid(v)) return Promise.resolve()
      return Promise.reject(new Error(t(`regForms.person.${key}`)))
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
      {masked && (
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
        {may.idNumber ? (
          <Form.Item
            name="idNumber"
            label={t('regForms.person.idNumber')}
            rules={[check(isValidIdNumber, 'idInvalid')]}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            extra={t('regForms.person.idHint')}
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
        ) : (
          person?.idNumber && (
            <Form.Item label={t('regForms.person.idNumber')}>
              <Typography.Text data-testid="person-id-masked">{person.idNumber}</Typography.Text>
            </Form.Item>
          )
        )}
        <Form.Item
          name="phone"
          label={t('units.phone')}
          rules={[check(isValidPhone, 'phoneInvalid')]}
          extra={
            masked && person?.phone ? t('regForms.person.maskedKeep', { value: person.phone }) : undefined
          }
        >
          <Input inputMode="tel" autoComplete="off" data-testid="person-phone" />
        </Form.Item>
        <Flex gap={12} wrap>
          {may.birthDate ? (
            <Form.Item name="birthDate" label={t('units.birthDate')} style={{ flex: '1 1 150px' }}>
              <Input type="date" data-testid="person-birth" />
            </Form.Item>
          ) : (
            <Form.Item label={t('units.birthDate')} style={{ flex: '1 1 150px' }}>
              <Typography.Text data-testid="person-birth-year">
                {t('regForms.person.birthYearOnly', { year: person?.birthYear })}
              </Typography.Text>
            </Form.Item>
          )}
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
          <RemoteSelect
            route="GET /api/units"
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
              <RemoteSelect
                route="GET /api/party-orgs"
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
