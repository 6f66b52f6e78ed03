import type { MeetingInput } from '@tongxin/contracts'
import {
  Button,
  Card,
  Collapse,
  DatePicker,
  Flex,
  Form,
  Input,
  Segmented,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { useKinds, useRules } from './api.ts'
import { useRoster } from './OrgLifePage.tsx'
import { localName, useOrglifeAction } from './shared.tsx'

type Status = 'present' | 'absent' | 'excused'
type Reason = 'official_duty' | 'sick' | 'personal' | 'other'
const REASONS: Reason[] = ['official_duty', 'sick', 'personal', 'other']

interface FormValues {
  kindCode: string
  when: Dayjs
  topic: string
  place?: string
  presenter?: number | 'other'
  presenterName?: string
  groupId?: number
  minutes?: string
  decisions?: string
}

/**
 * 记录会议 on a phone in under a minute: the kind, the time (now by default), a topic, and the roster already
 * filled in from the members — everyone present except members away — so only the absent need a tap.
 */
export function RecordMeetingPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const orgId = Number(useParams().id)
  const roster = useRoster(Number.isInteger(orgId) ? orgId : 0)
  const kinds = useKinds()
  const rules = useRules()
  const [form] = Form.useForm<FormValues>()
  const kindCode = Form.useWatch('kindCode', form)
  const groupId = Form.useWatch('groupId', form)
  const presenter = Form.useWatch('presenter', form)
  const [marks, setMarks] = useState<Record<number, { status: Status; reason?: Reason }>>({})
  const save = useOrglifeAction(
    (body: MeetingInput) => call('POST /api/orglife/orgs/:id/meetings', { params: { id: orgId }, body }),
    t('orglife.record.saved'),
  )
  const perGroup = useMemo(
    () =>
      new Set((rules.data ?? []).filter((r) => r.appliesTo === 'groups' && r.active).map((r) => r.kindCode)),
    [rules.data],
  )
  if (!Number.isInteger(orgId) || orgId <= 0) return <NotFound />
  if (roster.isPending || kinds.isPending) return <Skeleton active />
  if (roster.isError) return <LoadError error={roster.error} onRetry={() => void roster.refetch()} />
  const org = roster.data
  const group = org.groups.find((g) => g.id === groupId)
  const people = org.people.filter(
    (p) => !group || group.memberIds.length === 0 || group.memberIds.includes(p.personId),
  )
  const mark = (id: number) => marks[id] ?? { status: org.people.find((p) => p.personId === id)!.suggested }
  const present = people.filter((p) => mark(p.personId).status === 'present').length
  const showGroup = perGroup.has(kindCode) && org.groups.length > 0

  const submit = (v: FormValues) => {
    const body: MeetingInput = {
      kindCode: v.kindCode,
      startsAt: v.when.toISOString(),
      topic: v.topic,
      place: v.place || null,
      groupId: showGroup ? (v.groupId ?? null) : null,
      presenterPersonId: typeof v.presenter === 'number' ? v.presenter : null,
      presenterName: v.presenter === 'other' ? v.presenterName || null : null,
      minutes: v.minutes || null,
      decisions: v.decisions || null,
      roster: people.map((p) => {
        const m = mark(p.personId)
        return {
          personId: p.personId,
          status: m.status,
          reason: m.status === 'present' ? null : (m.reason ?? null),
        }
      }),
    }
    save.mutate(body, { onSuccess: () => void navigate(`/orglife/orgs/${orgId}`) })
  }

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('orglife.record.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{org.name}</Typography.Text>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kindCode: 'theme_day', when: dayjs().second(0).millisecond(0) }}
        requiredMark={false}
      >
        <Card size="small">
          <Form.Item name="kindCode" label={t('orglife.record.kind')} rules={[{ required: true }]}>
            <Select
              data-testid="record-kind"
              options={(kinds.data ?? [])
                .filter((k) => k.active)
                .map((k) => ({ value: k.code, label: localName(k) }))}
            />
          </Form.Item>
          {showGroup && (
            <Form.Item name="groupId" label={t('orglife.record.group')} rules={[{ required: true }]}>
              <Select options={org.groups.map((g) => ({ value: g.id, label: g.name }))} />
            </Form.Item>
          )}
          <Form.Item name="when" label={t('orglife.record.when')} rules={[{ required: true }]}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              inputReadOnly
              data-testid="record-when"
            />
          </Form.Item>
          <Form.Item
            name="topic"
            label={t('orglife.record.topic')}
            rules={[{ required: true, min: 2, max: 200 }]}
          >
            <Input placeholder={t('orglife.record.topicPlaceholder')} data-testid="record-topic" />
          </Form.Item>
          <Form.Item name="place" label={t('orglife.record.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="presenter" label={t('orglife.record.presenter')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                ...org.people.map((p) => ({ value: p.personId, label: p.name })),
                { value: 'other', label: t('orglife.record.presenterOther') },
              ]}
            />
          </Form.Item>
          {presenter === 'other' && (
            <Form.Item
              name="presenterName"
              label={t('orglife.record.presenterName')}
              rules={[{ required: true, max: 60 }]}
            >
              <Input />
            </Form.Item>
          )}
        </Card>
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={t('orglife.record.roster', { present, total: people.length })}
          extra={
            <Button
              size="small"
              onClick={() =>
                setMarks(Object.fromEntries(people.map((p) => [p.personId, { status: 'present' }])))
              }
            >
              {t('orglife.record.allPresent')}
            </Button>
          }
        >
          <Flex vertical gap={8} data-testid="record-roster">
            {people.map((p) => {
              const m = mark(p.personId)
              return (
                <Flex key={p.personId} vertical gap={4} data-testid={`roster-${p.personId}`}>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    <span>
                      {p.name}
                      {p.kind === 'floating_in' && (
                        <Tag style={{ marginInlineStart: 6 }}>{t('orglife.record.floating')}</Tag>
                      )}
                    </span>
                    <Segmented<Status>
                      size="small"
                      value={m.status}
                      onChange={(status) =>
                        setMarks({ ...marks, [p.personId]: { status, reason: m.reason } })
                      }
                      options={(['present', 'absent', 'excused'] as const).map((s) => ({
                        value: s,
                        label: <span data-testid={`mark-${s}`}>{t(`orglife.record.status.${s}`)}</span>,
                      }))}
                    />
                  </Flex>
                  {m.status !== 'present' && (
                    <Select<Reason>
                      size="small"
                      allowClear
                      placeholder={t('orglife.record.reasonPlaceholder')}
                      value={m.reason}
                      onChange={(reason) =>
                        setMarks({ ...marks, [p.personId]: { status: m.status, reason } })
                      }
                      options={REASONS.map((r) => ({ value: r, label: t(`orglife.record.reason.${r}`) }))}
                    />
                  )}
                </Flex>
              )
            })}
          </Flex>
        </Card>
        <Collapse
          style={{ marginTop: 12 }}
          size="small"
          items={[
            {
              key: 'more',
              label: t('orglife.record.more'),
              children: (
                <>
                  <Form.Item name="minutes" label={t('orglife.record.minutes')}>
                    <Input.TextArea rows={4} maxLength={20_000} />
                  </Form.Item>
                  <Form.Item name="decisions" label={t('orglife.record.decisions')}>
                    <Input.TextArea rows={2} maxLength={5_000} />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={save.isPending}
          style={{ marginTop: 12 }}
          data-testid="record-save"
        >
          {t('orglife.record.save')}
        </Button>
      </Form>
    </Flex>
  )
}
