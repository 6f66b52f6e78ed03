/**
 * The life of a need (需求), as the order a provider takes (接单). Pure rules: which action moves a need
 * from which state to which, who may take it, and the SLA clock. The service applies them in a transaction.
 */
export const NEED_STATES = [
  'submitted',
  'accepted',
  'in_progress',
  'delivered',
  'closed',
  'rejected',
  'duplicate',
  'reopened',
] as const
export type NeedState = (typeof NEED_STATES)[number]

export const NEED_ACTIONS = [
  'claim',
  'dispatch',
  'start',
  'deliver',
  'close',
  'reopen',
  'reject',
  'duplicate',
] as const
export type NeedAction = (typeof NEED_ACTIONS)[number]

/** Who takes an action: the provider holding the order, the requester, or the area's staff. */
export type Actor = 'provider' | 'requester' | 'staff'

interface Rule {
  from: readonly NeedState[]
  to: NeedState
  by: Actor
}

const OPEN_FOR_ORDERS = ['submitted', 'reopened'] as const

export const RULES: Record<NeedAction, Rule> = {
  // 接单: a provider takes an open need; 派单: staff give it to a provider.
  claim: { from: OPEN_FOR_ORDERS, to: 'accepted', by: 'provider' },
  dispatch: { from: OPEN_FOR_ORDERS, to: 'accepted', by: 'staff' },
  start: { from: ['accepted'], to: 'in_progress', by: 'provider' },
  deliver: { from: ['accepted', 'in_progress'], to: 'delivered', by: 'provider' },
  // 评单: the requester confirms and rates, or reopens within the window.
  close: { from: ['delivered'], to: 'closed', by: 'requester' },
  reopen: { from: ['delivered', 'closed'], to: 'reopened', by: 'requester' },
  reject: { from: ['submitted', 'reopened'], to: 'rejected', by: 'staff' },
  duplicate: { from: ['submitted'], to: 'duplicate', by: 'staff' },
}

/** Open311's two-valued status. */
export const openStatus = (state: NeedState): 'open' | 'closed' =>
  state === 'closed' || state === 'rejected' || state === 'duplicate' ? 'closed' : 'open'

/** The state an action leads to from `state`, or null when the workflow forbids it. */
export function nextState(state: NeedState, action: NeedAction): NeedState | null {
  const rule = RULES[action]
  return rule.from.includes(state) ? rule.to : null
}

/** Days after delivery (or closing) within which the requester may reopen. */
export const REOPEN_WINDOW_DAYS = 7

export function mayReopen(lastChange: Date, now: Date): boolean {
  return now.getTime() - lastChange.getTime() <= REOPEN_WINDOW_DAYS * 86_400_000
}

/**
 * The SLA clock: first response and delivery deadlines from the category. A newly settled enterprise is
 * answered within 24 hours whatever the category says (the 24-hour escort for new firms).
 */
export function deadlines(
  submittedAt: Date,
  category: { first_response_hours: number; resolution_hours: number },
  newlySettled: boolean,
) {
  const firstHours = newlySettled
    ? Math.min(24, category.first_response_hours)
    : category.first_response_hours
  return {
    firstResponseDue: new Date(submittedAt.getTime() + firstHours * 3_600_000),
    resolutionDue: new Date(
      submittedAt.getTime() + Math.max(firstHours, category.resolution_hours) * 3_600_000,
    ),
  }
}

/** Overdue means: nobody answered in time, or the order was taken but not delivered in time. */
export function isOverdue(
  need: { state: NeedState; first_response_due_at: Date; resolution_due_at: Date },
  now: Date,
): boolean {
  if (need.state === 'submitted' || need.state === 'reopened') return need.first_response_due_at < now
  if (need.state === 'accepted' || need.state === 'in_progress') return need.resolution_due_at < now
  return false
}
