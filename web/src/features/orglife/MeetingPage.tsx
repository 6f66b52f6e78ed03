import { DeleteOutlined, UploadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Descriptions, Flex, Image, List, Popconfirm, Skeleton, Tag, Typography } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { LoadError, NotFound } from '../../components/StatusPages.tsx'
import { call } from '../../lib/api.ts'
import { orglifeKeys } from './api.ts'
import { shanghai, useKindName, useOrglifeAction } from './shared.tsx'

const STATUS_COLOR = { present: 'green', absent: 'red', excused: 'default' } as const

/** One meeting record: who came, the minutes, photos (added from the phone's camera). */
export function MeetingPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const navigate = useNavigate()
  const kindName = useKindName()
  const file = useRef<HTMLInputElement>(null)
  const meeting = useQuery({
    queryKey: orglifeKeys.meeting(id),
    queryFn: ({ signal }) => call('GET /api/orglife/meetings/:id', { params: { id }, signal }),
    enabled: Number.isInteger(id) && id > 0,
  })
  const upload = useOrglifeAction((f: File) =>
    call('POST /api/orglife/meetings/:id/photos', { params: { id }, raw: { data: f, contentType: f.type } }),
  )
  const remove = useOrglifeAction(
    (version: number) => call('DELETE /api/orglife/meetings/:id', { params: { id }, query: { version } }),
    t('orglife.meeting.deleted'),
  )
  if (!Number.isInteger(id) || id <= 0) return <NotFound />
  if (meeting.isPending) return <Skeleton active />
  if (meeting.isError) return <LoadError error={meeting.error} onRetry={() => void meeting.refetch()} />
  const m = meeting.data
  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {kindName(m.kindCode)}
          {m.groupName ? ` · ${m.groupName}` : ''}
        </Typography.Title>
        <Link to={`/orglife/orgs/${m.partyOrgId}`}>{m.partyOrgName}</Link>
      </Flex>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'when', label: t('orglife.record.when'), children: shanghai(m.startsAt) },
            { key: 'topic', label: t('orglife.record.topic'), children: m.topic },
            { key: 'place', label: t('orglife.record.place'), children: m.place ?? '—' },
            { key: 'presenter', label: t('orglife.record.presenter'), children: m.presenterName ?? '—' },
          ]}
        />
        {m.source === 'campaign' && <Tag color="gold">{t('orglife.life.fromCampaign')}</Tag>}
        {m.recordedBy && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orglife.meeting.recordedBy', { name: m.recordedBy })}
          </Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title={`${t('orglife.meeting.roster')}（${t('orglife.life.presentOf', { present: m.present, total: m.present + m.absent })}）`}
      >
        <List
          size="small"
          dataSource={m.roster}
          renderItem={(a) => (
            <List.Item>
              <span>{a.name}</span>
              <span>
                <Tag color={STATUS_COLOR[a.status]}>{t(`orglife.record.status.${a.status}`)}</Tag>
                {a.reason && <Tag>{t(`orglife.record.reason.${a.reason}`)}</Tag>}
              </span>
            </List.Item>
          )}
        />
      </Card>
      {(m.minutes || m.decisions) && (
        <Card size="small" title={t('orglife.meeting.minutes')}>
          {m.minutes && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph>
          )}
          {m.decisions && (
            <>
              <Typography.Text strong>{t('orglife.meeting.decisions')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.decisions}</Typography.Paragraph>
            </>
          )}
        </Card>
      )}
      <Card
        size="small"
        title={t('orglife.meeting.photos')}
        extra={
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={upload.isPending}
            onClick={() => file.current?.click()}
          >
            {t('orglife.meeting.addPhoto')}
          </Button>
        }
      >
        <input
          ref={file}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          hidden
          onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) upload.mutate(f)
            e.target.value = ''
          }}
        />
        {m.photoIds.length === 0 ? (
          <Typography.Text type="secondary">{t('orglife.meeting.noPhotos')}</Typography.Text>
        ) : (
          <Image.PreviewGroup>
            <Flex gap={8} wrap>
              {m.photoIds.map((p) => (
                <Image key={p} width={120} src={`/api/orglife/meetings/${m.id}/photos/${p}`} />
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
      </Card>
      <Popconfirm
        title={t('orglife.meeting.deleteConfirm')}
        onConfirm={() =>
          remove.mutate(m.version, { onSuccess: () => void navigate(`/orglife/orgs/${m.partyOrgId}`) })
        }
      >
        <Button danger icon={<DeleteOutlined />} style={{ alignSelf: 'flex-start' }}>
          {t('orglife.meeting.delete')}
        </Button>
      </Popconfirm>
    </Flex>
  )
}
