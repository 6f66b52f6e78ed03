/** An incubatee's stay as the figures need it. */
export interface Stay {
  entered_on: string
  exited_on: string | null
  status: 'incubating' | 'graduated' | 'left'
}

export interface Figures {
  /** In the incubator on that day (entered, not yet out). */
  incubating: number
  /** Ever entered up to that day (在孵 + 已毕业 + 已离孵): the "累计孵化" figure. */
  cumulative: number
  graduated: number
  left: number
}

/** Figures as of the end of `day` (YYYY-MM-DD): a firm that exits on `day` is no longer incubating. */
export function figuresOn(stays: readonly Stay[], day: string): Figures {
  const f: Figures = { incubating: 0, cumulative: 0, graduated: 0, left: 0 }
  for (const s of stays) {
    if (s.entered_on > day) continue
    f.cumulative++
    if (s.exited_on === null || s.exited_on > day) f.incubating++
    else if (s.status === 'graduated') f.graduated++
    else f.left++
  }
  return f
}

/** Month ends from `from`'s month to `to`'s (inclusive), the last clipped to `to` itself. */
export function monthEnds(from: string, to: string): { month: string; day: string }[] {
  const out: { month: string; day: string }[] = []
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const endKey = to.slice(0, 7)
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
    out.push({ month, day: month === endKey ? to : last })
    if (month >= endKey) break
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

export function series(stays: readonly Stay[], from: string, to: string) {
  return monthEnds(from, to).map(({ month, day }) => ({ month, ...figuresOn(stays, day) }))
}
