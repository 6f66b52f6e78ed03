import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { NeedInput } from '@tongxin/contracts'
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { ApiError, call } from '../../lib/api.ts'
import { placeFieldErrors } from '../../lib/form-errors.ts'
import { hasPermission, useSession } from '../auth/session.ts'
import { exchangeKeys } from './api.ts'
import { CITY_ROOT, categoryOptions, slaPromise, useCategories, useRefreshNeeds } from './shared.tsx'

interface Values {
  categoryCode?: string
  description?: string
  where: 'area' | 'building'
  buildingId?: number
  floor?: number | null
  areaCode?: string
  address?: string
  requesterUnitId?: number
  contactName?: string
  contactPhone?: string
}

// As the server checks it: a mobile number, or a landline with its area code.
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

/** Building search for the form; tells the form when the registry is closed to this user (403). */
function BuildingSearch({
  value,
  onChange,
  onForbidden,
}: {
  value?: number
  onChange?: (id?: number) => void
  onForbidden: () => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const found = useQuery({
    queryKey: exchangeKeys.buildingPick(q),
    queryFn: ({ signal }) => call('GET /api/buildings', { query: { q: q || undefined, limit: 20 }, signal }),
  })
  const forbidden = found.error instanceof ApiError && found.error.status === 403
  useEffect(() => {
    if (forbidden) onForbidden()
  }, [forbidden, onForbidden])
  return (
    <Select<number>
      data-testid="need-form-building"
      value={value}
      onChange={(id) => {
        setQ('')
        onChange?.(id)
      }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      placeholder={t('scopePicker.buildingPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((b) => ({
        value: b.id,
        label: b.name,
        title: `${b.name} · ${b.address}`,
      }))}
    />
  )
}

/** The city-wide area cascader as a form control (the form passes value and onChange). */
function AreaField({
  value,
  onChange,
  placeholder,
}: {
  value?: string
  onChange?: (code?: string) => void
  placeholder: string
}) {
  return (
    <AreaCascader
      roots={CITY_ROOT}
      value={value}
      onChange={(code) => onChange?.(code)}
      width="100%"
      placeholder={placeholder}
    />
  )
}

/** 提交需求: phone-first. What (category, with its response promise), what exactly, where, how to reach me. */
export function PostNeedPage() {
  const { t } = useTranslation()
  const me = useSession()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const refresh = useRefreshNeeds()
  const [form] = Form.useForm<Values>()
  // 许个微心愿 opens the form with the wish category chosen.
  const [params] = useSearchParams()
  const asWish = params.get('kind') === 'wish'
  const categories = useCategories()
  const [registryClosed, setRegistryClosed] = useState(false)
  const canSearchBuildings = hasPermission(me, 'registry.read') && !registryClosed
  const units = me.grants.filter((g) => g.scopeType === 'unit' && g.scopeId)
  const ownArea = me.grants.find((g) => g.scopeType === 'area' && g.scopeId)?.scopeId ?? undefined
  // A building chief asks for their own building first.
  const ownBuilding = canSearchBuildings
    ? me.grants.find((g) => g.scopeType === 'building' && g.scopeId)?.scopeId
    : undefined

  const categoryCode = Form.useWatch('categoryCode', form)
  const where = Form.useWatch('where', form) ?? 'area'
  const unitChosen = Form.useWatch('requesterUnitId', form)
  const category = categoryCode ? categories.byCode.get(categoryCode) : undefined

  // The phone given last time, so a regular does not type it again.
  const last = useQuery({
    queryKey: exchangeKeys.lastNeed(),
    queryFn: ({ signal }) => call('GET /api/needs/mine', { query: { limit: 1 }, signal }),
  })
  const lastPhone = last.data?.items[0]?.contactPhone
  useEffect(() => {
    if (lastPhone && !form.isFieldTouched('contactPhone') && !form.getFieldValue('contactPhone'))
      form.setFieldValue('contactPhone', lastPhone)
  }, [lastPhone, form])

  const onRegistryClosed = () => {
    setRegistryClosed(true)
    form.setFieldValue('where', 'area')
  }

  // Refused fields are shown on the fields themselves; the alert carries only what no field can show.
  const [unplaced, setUnplaced] = useState(true)
  const post = useMutation({
    mutationFn: (body: NeedInput) => call('POST /api/needs', { body }),
    onMutate: () => setUnplaced(true),
    onError: (error) => {
      const { placed, rest } = placeFieldErrors(form, error)
      setUnplaced(placed === 0 || rest.length > 0)
    },
    onSuccess: (need) => {
      void message.success(t('exchange.post.posted'))
      void refresh()
      void navigate(`/my-needs/${need.id}`, { replace: true })
    },
  })

  const submit = (v: Values) => {
    const body: NeedInput = {
      categoryCode: v.categoryCode!,
      description: v.description!.trim(),
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      requesterUnitId: v.requesterUnitId ?? null,
    }
    if (v.where === 'building' && v.buildingId) {
      body.buildingId = v.buildingId
      body.floor = v.floor ?? null
    } else {
      body.areaCode = v.areaCode
      body.address = v.address?.trim() || null
    }
    post.mutate(body)
  }

  const options = categoryOptions(
    categories,
    (c) => (c.newEnterpriseOnly ? `${c.name}${t('exchange.post.newEnterpriseOnly')}` : c.name),
    (c) => c.newEnterpriseOnly && !unitChosen,
  )

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Flex gap={8} align="center">
        <Link to="/my-needs" aria-label={t('exchange.mine.title')}>
          <Button type="text" icon={<ArrowLeftOutlined />} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('exchange.post.title')}
        </Typography.Title>
      </Flex>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{
            where: ownBuilding ? 'building' : 'area',
            buildingId: ownBuilding ? Number(ownBuilding) : undefined,
            areaCode: ownArea,
            contactName: me.account.displayName,
            categoryCode: asWish ? 'wish' : undefined,
          }}
          onFinish={submit}
          disabled={post.isPending}
          data-testid="need-form"
        >
          <Form.Item
            name="categoryCode"
            label={t('exchange.post.category')}
            rules={[{ required: true, message: t('exchange.post.categoryRequired') }]}
            extra={
              category ? (
                <>
                  <Alert
                    type="success"
                    showIcon
                    style={{ marginTop: 8 }}
                    data-testid="need-form-sla"
                    title={slaPromise(t, category)}
                  />
                  {/* A wish's text is public on the wall: say so before it is written. */}
                  {category.code === 'wish' && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginTop: 8 }}
                      data-testid="wish-public-note"
                      title={t('exchange.wish.publicNote')}
                    />
                  )}
                </>
              ) : undefined
            }
          >
            <Select
              data-testid="need-form-category"
              // Some twenty categories: all rendered, so a phone scrolls them natively.
              virtual={false}
              showSearch={{ optionFilterProp: 'label' }}
              loading={categories.isPending}
              placeholder={t('exchange.post.categoryPlaceholder')}
              options={options}
              size="large"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('exchange.post.description')}
            rules={[
              { required: true, message: t('exchange.post.descriptionRequired') },
              { min: 2, message: t('exchange.post.descriptionRequired') },
            ]}
          >
            <Input.TextArea
              data-testid="need-form-description"
              rows={4}
              maxLength={2000}
              showCount
              placeholder={t('exchange.post.descriptionPlaceholder')}
            />
          </Form.Item>
          {canSearchBuildings ? (
            <Form.Item name="where" label={t('exchange.post.where')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'area', label: t('exchange.post.whereArea') },
                  { value: 'building', label: t('exchange.post.whereBuilding') },
                ]}
              />
            </Form.Item>
          ) : (
            <Form.Item name="where" hidden>
              <Input />
            </Form.Item>
          )}
          {registryClosed && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('exchange.post.noBuildingSearch')}
            />
          )}
          {where === 'building' && canSearchBuildings ? (
            <Flex gap={8} wrap>
              <Form.Item
                name="buildingId"
                label={t('exchange.post.building')}
                rules={[{ required: true, message: t('exchange.post.buildingRequired') }]}
                style={{ flex: '1 1 220px', minWidth: 0 }}
              >
                <BuildingSearch onForbidden={onRegistryClosed} />
              </Form.Item>
              <Form.Item name="floor" label={t('exchange.post.floor')} style={{ flex: '0 0 110px' }}>
                <InputNumber min={-5} max={200} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
          ) : (
            <>
              <Form.Item
                name="areaCode"
                label={t('exchange.post.area')}
                rules={[{ required: true, message: t('exchange.post.areaRequired') }]}
              >
                <AreaField placeholder={t('exchange.post.areaPlaceholder')} />
              </Form.Item>
              <Form.Item
                name="address"
                label={t('exchange.post.address')}
                rules={[{ required: true, message: t('exchange.post.addressRequired') }]}
              >
                <Input
                  data-testid="need-form-address"
                  maxLength={200}
                  placeholder={t('exchange.post.addressPlaceholder')}
                />
              </Form.Item>
            </>
          )}
          {units.length > 0 && (
            <Form.Item
              name="requesterUnitId"
              label={t('exchange.post.onBehalfOf')}
              extra={t('exchange.post.onBehalfOfHint')}
            >
              <Select<number>
                allowClear
                placeholder={t('exchange.post.asMyself')}
                options={units.map((g) => ({ value: Number(g.scopeId), label: g.scopeName ?? g.scopeId }))}
              />
            </Form.Item>
          )}
          <Flex gap={8} wrap>
            <Form.Item
              name="contactName"
              label={t('exchange.post.contactName')}
              style={{ flex: '1 1 160px', minWidth: 0 }}
            >
              <Input maxLength={60} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('exchange.post.contactPhone')}
              style={{ flex: '1 1 180px', minWidth: 0 }}
              rules={[
                { required: true, message: t('exchange.post.phoneRequired') },
                { pattern: PHONE, message: t('exchange.post.phoneInvalid') },
              ]}
            >
              <Input
                data-testid="need-form-phone"
                type="tel"
                inputMode="tel"
                maxLength={20}
                autoComplete="tel"
              />
            </Form.Item>
          </Flex>
          {post.error && unplaced && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} title={post.error.message} />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            icon={<SendOutlined />}
            loading={post.isPending}
            data-testid="need-form-submit"
          >
            {t('exchange.post.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  )
}
