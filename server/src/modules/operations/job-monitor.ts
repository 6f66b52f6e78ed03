/** What this instance's background jobs did: read by readiness and the metrics. */
export interface JobState {
  name: string
  /** The interval it is scheduled at in this process. */
  everyMs: number
  /** false: its failures do not make the instance unready (it shows its own state, like backups). */
  counts: boolean
  runs: number
  failures: number
  lastSuccessAt: number | null
  lastFailureAt: number | null
  /** When the run in progress began, or null. */
  runningSince: number | null
}

/**
 * Kept in memory per instance on purpose: readiness asks whether *this* instance's jobs still run, and the
 * metrics are per instance anyway. Times are the real clock's, not the injected one: "stuck" is elapsed time.
 */
export class JobMonitor {
  private readonly states = new Map<string, JobState>()
  private readonly since: number

  constructor(
    jobs: Array<{ name: string; everyMs: number; ready?: false }>,
    private readonly now: () => number = Date.now,
  ) {
    this.since = now()
    for (const j of jobs) {
      this.states.set(j.name, {
        name: j.name,
        everyMs: j.everyMs,
        counts: j.ready !== false,
        runs: 0,
        failures: 0,
        lastSuccessAt: null,
        lastFailureAt: null,
        runningSince: null,
      })
    }
  }

  async track<T>(name: string, run: () => Promise<T>): Promise<T> {
    const s = this.states.get(name)
    if (!s) return run()
    s.runningSince = this.now()
    try {
      const result = await run()
      s.runs++
      s.lastSuccessAt = this.now()
      return result
    } catch (err) {
      s.runs++
      s.failures++
      s.lastFailureAt = this.now()
      throw err
    } finally {
      s.runningSince = null
    }
  }

  all(): JobState[] {
    return [...this.states.values()]
  }

  /**
   * Jobs that have not succeeded for `factor` of their intervals (counted from the instance's start when they
   * never did): failing every time, or one run hanging.
   */
  stuck(factor: number): string[] {
    const now = this.now()
    return this.all()
      .filter((s) => s.counts && now - (s.lastSuccessAt ?? this.since) > factor * s.everyMs)
      .map((s) => s.name)
  }
}
