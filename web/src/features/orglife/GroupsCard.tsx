import type { OrgRoster } from '@tongxin/contracts'
import { Button, Card, Form, Input, List, Modal, Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../lib/api.ts'
import { useOrglifeAction } from './shared.tsx'

/** 党小组: the organisation's groups and who is in each (group meetings are expected of each group). */
export function GroupsCard({ roster }: { roster: OrgRoster }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<{ name: string; leaderPersonId?: number; memberIds: number[] }>()
  const members = roster.people.filter((p) => p.kind === 'member')
  const add = useOrglifeAction(
    (v: { name: string; leaderPersonId?: number; memberIds: number[] }) =>
      call('POST /api/orglife/orgs/:id/groups', {
        params: { id: roster.partyOrgId },
        body: { ...v, memberIds: v.memberIds ?? [] },
      }),
    t('orglife.record.saved'),
  )
  const name = (id: number) => roster.people.find((p) => p.personId === id)?.name ?? `#${id}`
  return (
    <Card
      size="small"
      title={t('orglife.life.groups')}
      extra={
        <Button size="small" onClick={() => setOpen(true)}>
          {t('orglife.life.addGroup')}
        </Button>
      }
    >
      {roster.groups.length === 0 ? (
        <Typography.Text type="secondary">{t('orglife.life.noGroups')}</Typography.Text>
      ) : (
        <List
          dataSource={roster.groups}
          renderItem={(g) => (
            <List.Item>
              <div>
                <Typography.Text strong>{g.name}</Typography.Text>
                {g.leaderName && (
                  <Tag
                    style={{ marginInlineStart: 8 }}
                  >{`${t('orglife.life.groupLeader')}：${g.leaderName}`}</Tag>
                )}
                <div>
                  <Typography.Text type="secondary">{g.memberIds.map(name).join('、')}</Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('orglife.life.addGroup')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate(v, { onSuccess: () => setOpen(false) })}
          initialValues={{ memberIds: [] }}
        >
          <Form.Item name="name" label={t('orglife.life.groupName')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="leaderPersonId" label={t('orglife.life.groupLeader')}>
            <Select allowClear options={members.map((m) => ({ value: m.personId, label: m.name }))} />
          </Form.Item>
          <Form.Item name="memberIds" label={t('orglife.life.groupMembers')}>
            <Select mode="multiple" options={members.map((m) => ({ value: m.personId, label: m.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
