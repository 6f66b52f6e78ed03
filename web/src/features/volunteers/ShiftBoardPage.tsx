import type { Shift } from '@tongxin/contracts'
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Switch, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../lib/api.ts'
import { usePoints, useProfile, useRoles, useShifts, useVolunteerAction } from './api.ts'
import { shanghaiDay, shiftTime } from './shared.tsx'

const DAYS = { today: 0, week: 6, twoWeeks: 13 } as const

/** 值守班次: shifts by point and role, phone-first; sign up for a role, or cancel one's own sign-up. */
export function ShiftBoardPage() {
  const { t } = useTranslation()
  const [pointId, setPointId] = useState<number | undefined>()
  const [roleId, setRoleId] = useState<number | undefined>()
  const [span, setSpan] = useState<keyof typeof DAYS>('week')
  const [open, setOpen] = useState(false)
  const profile = useProfile()
  const points = usePoints()
  const roles = useRoles()
  const shifts = useShifts({ pointId, roleId, from: shanghaiDay(), to: shanghaiDay(DAYS[span]), open })
  const signUp = useVolunteerAction(
    (b: { shiftId: number; roleId: number }) =>
      call('POST /api/volunteers/shifts/:id/signups', {
        params: { id: b.shiftId },
        body: { roleId: b.roleId },
      }),
    () => t('volunteers.board.signedUpOk'),
  )
  const cancel = useVolunteerAction(
    (id: number) => call('DELETE /api/volunteers/signups/:id', { params: { id } }),
    () => t('volunteers.board.cancelledOk'),
  )
  const registered = Boolean(profile.data?.profile)
  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('volunteers.board.title')}
      </Typography.Title>
      {profile.data && !registered && (
        <Alert
          type="info"
          showIcon
          title={t('volunteers.board.needProfile')}
          action={
            <Link to="/my-volunteering">
              <Button size="small" type="primary">
                {t('volunteers.board.goRegister')}
              </Button>
            </Link>
          }
        />
      )}
      <Flex gap={8} wrap>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('volunteers.board.allPoints')}
          aria-label={t('volunteers.board.allPoints')}
          style={{ flex: '1 1 200px', minWidth: 0 }}
          value={pointId}
          onChange={setPointId}
          options={(points.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          data-testid="board-point"
        />
        <Select
          allowClear
          placeholder={t('volunteers.board.allRoles')}
          aria-label={t('volunteers.board.allRoles')}
          style={{ flex: '1 1 140px', minWidth: 0 }}
          value={roleId}
          onChange={setRoleId}
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          data-testid="board-role"
        />
      </Flex>
      <Flex gap={8} align="center" wrap>
        <Segmented
          value={span}
          onChange={(v) => setSpan(v as keyof typeof DAYS)}
          options={(Object.keys(DAYS) as Array<keyof typeof DAYS>).map((k) => ({
            value: k,
            label: t(`volunteers.board.days.${k}`),
          }))}
        />
        <Flex component="label" gap={4} align="center">
          <Switch size="small" checked={open} onChange={setOpen} />
          <span>{t('volunteers.board.openOnly')}</span>
        </Flex>
      </Flex>
      {shifts.error && <Alert type="error" showIcon title={shifts.error.message} />}
      {shifts.isPending ? (
        <Skeleton active />
      ) : (shifts.data ?? []).length === 0 ? (
        <Empty description={t('volunteers.board.empty')} />
      ) : (
        <Flex vertical gap={8} data-testid="shift-board">
          {shifts.data!.map((s) => (
            <ShiftCard
              key={s.id}
              shift={s}
              canSignUp={registered}
              busy={signUp.isPending || cancel.isPending}
              onSignUp={(role) => signUp.mutate({ shiftId: s.id, roleId: role })}
              onCancel={(id) => cancel.mutate(id)}
            />
          ))}
        </Flex>
      )}
    </Flex>
  )
}

function ShiftCard(props: {
  shift: Shift
  canSignUp: boolean
  busy: boolean
  onSignUp: (roleId: number) => void
  onCancel: (signupId: number) => void
}) {
  const { t } = useTranslation()
  const { shift: s } = props
  const mine = s.mySignup
  const started = new Date(s.startsAt).getTime() <= Date.now()
  return (
    <Card size="small" data-testid="shift-card" data-shift={s.id}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>{s.pointName}</Typography.Text>
          <Tag>{t(`volunteers.kinds.${s.pointKind as 'other'}`)}</Tag>
        </Flex>
        <Typography.Text type="secondary">{shiftTime(s.startsAt, s.endsAt)}</Typography.Text>
        {s.note && <Typography.Text>{s.note}</Typography.Text>}
        <Flex vertical gap={6}>
          {s.needs.map((n) => {
            const isMine = mine?.roleId === n.roleId
            const full = n.taken >= n.needed
            return (
              <Flex key={n.roleId} justify="space-between" align="center" gap={8}>
                <span>
                  {n.roleName} <Tag color={full ? 'default' : 'green'}>{t('volunteers.board.places', n)}</Tag>
                </span>
                {isMine ? (
                  <Button
                    size="small"
                    danger
                    disabled={props.busy || started}
                    onClick={() => props.onCancel(mine.id)}
                    data-testid="cancel-signup"
                  >
                    {t('volunteers.board.cancel')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    disabled={
                      !props.canSignUp || props.busy || full || Boolean(mine) || started || s.cancelled
                    }
                    onClick={() => props.onSignUp(n.roleId)}
                    data-testid="sign-up"
                  >
                    {full ? t('volunteers.board.full') : t('volunteers.board.signUp')}
                  </Button>
                )}
              </Flex>
            )
          })}
        </Flex>
      </Flex>
    </Card>
  )
}
