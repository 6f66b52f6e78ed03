import { describe, expect, it } from 'vitest'
import { figuresOn, monthEnds, type Stay, series } from './figures.ts'

const stays: Stay[] = [
  { entered_on: '2025-01-10', exited_on: null, status: 'incubating' },
  { entered_on: '2025-02-01', exited_on: '2025-06-30', status: 'graduated' },
  { entered_on: '2025-03-15', exited_on: '2025-04-01', status: 'left' },
  { entered_on: '2025-04-01', exited_on: null, status: 'incubating' },
  { entered_on: '2025-07-01', exited_on: '2025-12-31', status: 'graduated' },
]

describe('incubator figures (hand-computed)', () => {
  it('counts on a day: entered by then, and out only from the exit day', () => {
    expect(figuresOn(stays, '2025-01-09')).toEqual({ incubating: 0, cumulative: 0, graduated: 0, left: 0 })
    expect(figuresOn(stays, '2025-03-31')).toEqual({ incubating: 3, cumulative: 3, graduated: 0, left: 0 })
    // 1 Apr: #3 leaves and #4 enters the same day.
    expect(figuresOn(stays, '2025-04-01')).toEqual({ incubating: 3, cumulative: 4, graduated: 0, left: 1 })
    expect(figuresOn(stays, '2025-06-30')).toEqual({ incubating: 2, cumulative: 4, graduated: 1, left: 1 })
    expect(figuresOn(stays, '2026-01-01')).toEqual({ incubating: 2, cumulative: 5, graduated: 2, left: 1 })
  })
  it('gives a monthly series ending on the last day asked for', () => {
    expect(monthEnds('2025-11-20', '2026-02-10')).toEqual([
      { month: '2025-11', day: '2025-11-30' },
      { month: '2025-12', day: '2025-12-31' },
      { month: '2026-01', day: '2026-01-31' },
      { month: '2026-02', day: '2026-02-10' },
    ])
    expect(
      series(stays, '2025-01-01', '2025-07-15').map((p) => [p.month, p.incubating, p.cumulative]),
    ).toEqual([
      ['2025-01', 1, 1],
      ['2025-02', 2, 2],
      ['2025-03', 3, 3],
      ['2025-04', 3, 4],
      ['2025-05', 3, 4],
      ['2025-06', 2, 4],
      ['2025-07', 3, 5],
    ])
  })
})
