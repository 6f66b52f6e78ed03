import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  deadlines,
  isOverdue,
  mayReopen,
  NEED_ACTIONS,
  NEED_STATES,
  nextState,
  openStatus,
} from './workflow.ts'

describe('need workflow', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = NEED_STATES.flatMap((s) =>
      NEED_ACTIONS.filter((a) => nextState(s, a) !== null).map((a) => `${s} -${a}-> ${nextState(s, a)}`),
    )
    expect(allowed.sort()).toEqual(
      [
        'submitted -claim-> accepted',
        'submitted -dispatch-> accepted',
        'submitted -reject-> rejected',
        'submitted -duplicate-> duplicate',
        'reopened -claim-> accepted',
        'reopened -dispatch-> accepted',
        'reopened -reject-> rejected',
        'accepted -start-> in_progress',
        'accepted -deliver-> delivered',
        'in_progress -deliver-> delivered',
        'delivered -close-> closed',
        'delivered -reopen-> reopened',
        'closed -reopen-> reopened',
      ].sort(),
    )
  })

  it('never leaves a terminal state, and closed only by reopening', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NEED_ACTIONS), (action) => {
        expect(nextState('rejected', action)).toBeNull()
        expect(nextState('duplicate', action)).toBeNull()
        expect(nextState('closed', action)).toBe(action === 'reopen' ? 'reopened' : null)
      }),
    )
  })

  it('maps detailed states to Open311 open/closed', () => {
    expect(NEED_STATES.filter((s) => openStatus(s) === 'closed').sort()).toEqual([
      'closed',
      'duplicate',
      'rejected',
    ])
  })

  it('gives newly settled enterprises a 24-hour first response', () => {
    const at = new Date('2026-03-02T09:00:00Z')
    const cat = { first_response_hours: 72, resolution_hours: 240 }
    expect(deadlines(at, cat, false).firstResponseDue.toISOString()).toBe('2026-03-05T09:00:00.000Z')
    expect(deadlines(at, cat, true).firstResponseDue.toISOString()).toBe('2026-03-03T09:00:00.000Z')
    expect(
      deadlines(at, { first_response_hours: 4, resolution_hours: 8 }, true).firstResponseDue.toISOString(),
    ).toBe('2026-03-02T13:00:00.000Z')
  })

  it('is overdue by the deadline that applies to the state', () => {
    const need = {
      first_response_due_at: new Date('2026-03-03T00:00:00Z'),
      resolution_due_at: new Date('2026-03-10T00:00:00Z'),
    }
    const mid = new Date('2026-03-05T00:00:00Z')
    expect(isOverdue({ ...need, state: 'submitted' }, mid)).toBe(true)
    expect(isOverdue({ ...need, state: 'accepted' }, mid)).toBe(false)
    expect(isOverdue({ ...need, state: 'in_progress' }, new Date('2026-03-11T00:00:00Z'))).toBe(true)
    expect(isOverdue({ ...need, state: 'delivered' }, new Date('2027-01-01T00:00:00Z'))).toBe(false)
  })

  it('reopens only within the window', () => {
    const delivered = new Date('2026-03-01T00:00:00Z')
    expect(mayReopen(delivered, new Date('2026-03-08T00:00:00Z'))).toBe(true)
    expect(mayReopen(delivered, new Date('2026-03-08T00:00:01Z'))).toBe(false)
  })
})
