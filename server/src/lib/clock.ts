/** Time source for every rule that depends on "now", so tests can move time instead of sleeping. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-05T09:00:00+08:00')) {}
  now() {
    return new Date(this.current)
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
  set(date: Date) {
    this.current = new Date(date)
  }
}
