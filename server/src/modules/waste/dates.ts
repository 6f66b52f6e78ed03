/** Calendar arithmetic on 'YYYY-MM-DD' text (Shanghai dates, no time of day involved). */
export const isRealDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d

export const addDays = (d: string, n: number) =>
  new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10)

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay()
