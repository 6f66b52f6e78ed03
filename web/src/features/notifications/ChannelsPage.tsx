import { type Endpoint, type EndpointUpdate, NOTICE_KINDS, type NoticeKind } from '@tongxin/contracts'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AreaCascader } from '../../components/ScopePicker.tsx'
import { call } from '../../lib/api.ts'
import { useEndpoints, useNotifyStatus } from './api.ts'

interface Draft {
  channel: 'wecom' | 'webhook'
  name: string
  place: 'area' | 'org'
  areaCode?: string
  partyOrgId?: number
  url: string
  kinds: NoticeKind[]
}

/** 企业微信 robots and signed webhooks of the streets and organisations the caller manages. */
export function ChannelsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const endpoints = useEndpoints()
  const status = useNotifyStatus()
  const [form] = Form.useForm<Draft>()
  const [secret, setSecret] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const webhooksOn = status.data?.channels.find((c) => c.channel === 'webhook')?.on
  const kindOptions = NOTICE_KINDS.map((k) => ({ value: k, label: t(`notify.kinds.${k}`) }))
  const place = Form.useWatch('place', form)

  const run = async (fn: () => Promise<Endpoint | unknown>) => {
    setBusy(true)
    try {
      const r = (await fn()) as Endpoint | undefined
      if (r && typeof r === 'object' && 'secret' in r && r.secret) setSecret(r.secret)
      void endpoints.refetch()
      return true
    } catch (e) {
      void message.error((e as Error).message)
      return false
    } finally {
      setBusy(false)
    }
  }
  const add = async (d: Draft) => {
    const ok = await run(() =>
      call('POST /api/notifications/endpoints', {
        body: {
          channel: d.channel,
          name: d.name,
          url: d.url,
          kinds: d.kinds ?? [],
          ...(d.place === 'org' ? { partyOrgId: d.partyOrgId } : { areaCode: d.areaCode }),
        },
      }),
    )
    if (ok) form.resetFields(['name', 'url'])
  }
  const change = (e: Endpoint, body: Omit<EndpointUpdate, 'version'>) =>
    run(() =>
      call('PUT /api/notifications/endpoints/:id', {
        params: { id: e.id },
        body: { version: e.version, ...body },
      }),
    )

  return (
    <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('notify.endpoints.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('notify.endpoints.hint')}</Typography.Text>
      {webhooksOn === false && (
        <Alert type="warning" showIcon title={t('notify.endpoints.off')} data-testid="endpoints-off" />
      )}
      <Card size="small" title={t('notify.endpoints.add')}>
        <Form<Draft>
          form={form}
          layout="vertical"
          initialValues={{ channel: 'wecom', place: 'area', kinds: [] }}
          onFinish={(d) => void add(d)}
        >
          <Flex gap={12} wrap>
            <Form.Item name="channel" label={t('notify.endpoints.channel')}>
              <Radio.Group
                options={[
                  { value: 'wecom', label: t('notify.endpoints.wecom') },
                  { value: 'webhook', label: t('notify.endpoints.webhook') },
                ]}
              />
            </Form.Item>
            <Form.Item name="place" label={t('notify.endpoints.placeKind')}>
              <Radio.Group
                options={[
                  { value: 'area', label: t('notify.endpoints.byArea') },
                  { value: 'org', label: t('notify.endpoints.byOrg') },
                ]}
              />
            </Form.Item>
            {place === 'org' ? (
              <Form.Item
                name="partyOrgId"
                label={t('notify.endpoints.partyOrg')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} style={{ width: 160 }} />
              </Form.Item>
            ) : (
              <Form.Item name="areaCode" label={t('notify.endpoints.area')} rules={[{ required: true }]}>
                <AreaCascader width={240} onChange={(v) => form.setFieldValue('areaCode', v)} />
              </Form.Item>
            )}
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="name" label={t('notify.endpoints.name')} rules={[{ required: true, max: 60 }]}>
              <Input style={{ width: 200 }} data-testid="endpoint-name" />
            </Form.Item>
            <Form.Item
              name="url"
              label={t('notify.endpoints.url')}
              rules={[{ required: true, max: 500 }]}
              style={{ flex: 1, minWidth: 260 }}
            >
              <Input
                placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
                data-testid="endpoint-url"
              />
            </Form.Item>
          </Flex>
          <Form.Item name="kinds" label={t('notify.endpoints.kinds')}>
            <Select mode="multiple" options={kindOptions} allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="endpoint-save">
            {t('notify.endpoints.save')}
          </Button>
        </Form>
      </Card>
      <Table<Endpoint>
        data-testid="endpoint-table"
        rowKey="id"
        size="small"
        pagination={false}
        loading={endpoints.isPending}
        dataSource={endpoints.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('notify.endpoints.empty') }}
        columns={[
          { title: t('notify.endpoints.name'), dataIndex: 'name' },
          { title: t('notify.endpoints.channel'), render: (_, e) => t(`notify.endpoints.${e.channel}`) },
          { title: t('notify.endpoints.placeKind'), render: (_, e) => e.areaName ?? e.partyOrgName ?? '—' },
          {
            title: t('notify.endpoints.url'),
            render: (_, e) => <Typography.Text code>{e.url}</Typography.Text>,
          },
          {
            title: t('notify.endpoints.kinds'),
            render: (_, e) =>
              e.kinds.length === 0
                ? t('notify.admin.all')
                : e.kinds.map((k) => <Tag key={k}>{t(`notify.kinds.${k}` as 'notify.kinds.need.new')}</Tag>),
          },
          {
            title: t('notify.endpoints.enabled'),
            render: (_, e) => (
              <Switch size="small" checked={e.enabled} onChange={(v) => void change(e, { enabled: v })} />
            ),
          },
          {
            title: '',
            render: (_, e) => (
              <Flex gap={8}>
                {e.channel === 'webhook' && (
                  <Button size="small" onClick={() => void change(e, { rotateSecret: true })}>
                    {t('notify.endpoints.rotate')}
                  </Button>
                )}
                <Popconfirm
                  title={t('notify.endpoints.removeConfirm')}
                  onConfirm={() =>
                    void run(() =>
                      call('DELETE /api/notifications/endpoints/:id', {
                        params: { id: e.id },
                        body: { version: e.version },
                      }),
                    )
                  }
                >
                  <Button size="small" danger>
                    {t('notify.endpoints.remove')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={secret !== null}
        title={t('notify.endpoints.secretTitle')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
      >
        <Typography.Paragraph>{t('notify.endpoints.secretHint')}</Typography.Paragraph>
        <Typography.Paragraph copyable code data-testid="endpoint-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </Flex>
  )
}
