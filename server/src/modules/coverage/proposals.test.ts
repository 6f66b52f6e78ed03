import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_UNITS, MIN_MEMBERS, packGroups, proposeJointBranches, type SmallUnit } from './proposals.ts'

const unit = (id: number, members: number, extra: Partial<SmallUnit> = {}): SmallUnit => ({
  id,
  name: `单位${id}`,
  building_id: 1,
  building_name: '甲楼',
  area_code: '310120002',
  industry: null,
  members,
  ...extra,
})

describe('packGroups', () => {
  it('makes as many groups as units and members allow, balanced', () => {
    const { groups, rest } = packGroups([
      unit(1, 2),
      unit(2, 1),
      unit(3, 1),
      unit(4, 1),
      unit(5, 1),
      unit(6, 1),
      unit(7, 2),
    ])
    // 7 units need 2 groups (≤5 each); 9 members allow 3; so 2 groups.
    expect(groups).toHaveLength(2)
    expect(rest).toEqual([])
    const sums = groups.map((g) => g.reduce((n, u) => n + u.members, 0)).sort()
    expect(sums).toEqual([4, 5])
  })

  it('leaves a pool too thin for 3 members untouched', () => {
    const { groups, rest } = packGroups([unit(1, 1), unit(2, 1)])
    expect(groups).toEqual([])
    expect(rest.map((u) => u.id)).toEqual([1, 2])
  })
})

describe('proposeJointBranches', () => {
  it('groups a building first, then the same trade in the street, then neighbours', () => {
    const units = [
      unit(1, 2),
      unit(2, 1),
      unit(3, 1, { building_id: 2, building_name: '乙楼', industry: '软件' }),
      unit(4, 1, { building_id: 3, building_name: '丙楼', industry: '软件' }),
      unit(5, 1, { building_id: 4, building_name: '丁楼', industry: '软件' }),
      unit(6, 2, { building_id: 5, building_name: '戊楼', industry: '餐饮' }),
      unit(7, 1, { building_id: 6, building_name: '己楼', industry: '物流' }),
      unit(8, 1, { building_id: 7, building_name: '庚楼', area_code: '310120101' }),
    ]
    const { proposals, unplaced } = proposeJointBranches(units)
    expect(proposals.map((p) => [p.basis, p.units.map((u) => u.id)])).toEqual([
      ['building', [1, 2]],
      ['trade', [3, 4, 5]],
      ['street', [6, 7]],
    ])
    expect(unplaced.map((u) => u.id)).toEqual([8])
  })

  it('never breaks the limits and never loses or repeats a unit (property)', () => {
    const arb = fc.array(
      fc.record({
        members: fc.integer({ min: 1, max: 2 }),
        building: fc.integer({ min: 1, max: 4 }),
        industry: fc.constantFrom(null, '软件', '金融'),
        street: fc.constantFrom('310120002', '310120101'),
      }),
      { maxLength: 60 },
    )
    fc.assert(
      fc.property(arb, (rows) => {
        const units = rows.map((r, i) =>
          unit(i + 1, r.members, { building_id: r.building, area_code: r.street, industry: r.industry }),
        )
        const { proposals, unplaced } = proposeJointBranches(units)
        const ids = [
          ...proposals.flatMap((p) => p.units.map((u) => u.id)),
          ...unplaced.map((u) => u.id),
        ].sort((a, b) => a - b)
        expect(ids).toEqual(units.map((u) => u.id))
        for (const p of proposals) {
          expect(p.units.length).toBeLessThanOrEqual(MAX_UNITS)
          expect(p.members).toBeGreaterThanOrEqual(MIN_MEMBERS)
          expect(new Set(p.units.map((u) => u.area_code)).size).toBe(1)
        }
      }),
    )
  })
})
