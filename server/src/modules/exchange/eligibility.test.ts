import { describe, expect, it } from 'vitest'
import { admits } from './needs.service.ts'

const now = new Date('2026-06-30T12:00:00+08:00')

describe('offering eligibility', () => {
  it('admits anyone when it says nothing', () => {
    expect(admits({}, null, now)).toBe(true)
  })
  it('asks for a requesting unit of a listed kind', () => {
    const onlySocial = { unitKinds: ['social_org' as const] }
    expect(admits(onlySocial, null, now)).toBe(false)
    expect(admits(onlySocial, { kind: 'private', settled_on: null }, now)).toBe(false)
    expect(admits(onlySocial, { kind: 'social_org', settled_on: null }, now)).toBe(true)
  })
  it('asks for a unit settled within the window', () => {
    const newFirms = { newlySettledWithinDays: 180 }
    expect(admits(newFirms, null, now)).toBe(false)
    expect(admits(newFirms, { kind: 'private', settled_on: '2026-01-02' }, now)).toBe(true)
    expect(admits(newFirms, { kind: 'private', settled_on: '2025-12-31' }, now)).toBe(false)
    expect(admits(newFirms, { kind: 'private', settled_on: null }, now)).toBe(false)
  })
})
