import { NOTICE_KINDS, type NoticeKind } from '@tongxin/contracts'

export interface KindRule {
  /** The person has to do something: the bell (in-app) cannot be switched off. */
  action: boolean
  /** Time matters more than sleep: e-mail and webhooks go out in quiet hours too. */
  urgent: boolean
  /** Channels on when the person has said nothing (in-app is always on by default). */
  email: boolean
  webhook: boolean
}

const info = { action: false, urgent: false, email: true, webhook: false }
const todo = { action: true, urgent: false, email: true, webhook: false }
const now = { action: true, urgent: true, email: true, webhook: true }

/**
 * What each kind of notice is. A webhook (an SMS gateway, a 政务微信 bridge) costs the street money per
 * message, so only urgent kinds use it unless the person asks for more.
 */
export const KIND_RULES: Record<NoticeKind, KindRule> = {
  'need.new': todo,
  'need.claimed': info,
  'need.delivered': todo,
  'need.escalated': now,
  'need.reopened': todo,
  'desk.need': now,
  'event.promoted': info,
  // People turned up to cancelled lectures: tell them now, whatever the hour.
  'event.cancelled': now,
  'event.reminder': info,
  'shift.reminder': info,
  'hours.verified': info,
  'hours.rejected': info,
  'import.finished': info,
  'policy.match': info,
  'invitation.accepted': info,
  // 组织关系转接: the receiver has to accept or refuse; a refusal leaves the sender with the member.
  'transfer.issued': todo,
  'transfer.accepted': info,
  'transfer.refused': todo,
  'transfer.escalated': todo,
}

export const isKind = (k: string): k is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(k)
export { NOTICE_KINDS, type NoticeKind }

/** Chinese labels for e-mail subjects and robot messages (the web app has both languages in its i18n). */
export const KIND_LABEL_ZH: Record<NoticeKind, string> = {
  'need.new': '新需求待接单',
  'need.claimed': '需求已被接单',
  'need.delivered': '需求已办结待确认',
  'need.escalated': '需求超时升级',
  'need.reopened': '需求被退回重办',
  'desk.need': '新落户企业24小时服务',
  'event.promoted': '候补转正',
  'event.cancelled': '活动取消',
  'event.reminder': '活动提醒',
  'shift.reminder': '值守提醒',
  'hours.verified': '服务时长已核定',
  'hours.rejected': '服务时长未通过',
  'import.finished': '导入完成',
  'policy.match': '可申报政策',
  'invitation.accepted': '邀请已接受',
  'transfer.issued': '组织关系转接待接收',
  'transfer.accepted': '组织关系转接已办结',
  'transfer.refused': '组织关系转接被退回',
  'transfer.escalated': '组织关系转接超时',
}
