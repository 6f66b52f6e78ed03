/**
 * The request-latency histogram, kept by hand rather than by prom-client's Histogram: that one validates and
 * hashes the label object on every observation (also through `labels()`), which cost more than the rest of a
 * cached `/api/auth/me`'s own work (bench/README.md). A request's series is fixed by method, route pattern and
 * status, so it is found by one string key; counts become Prometheus text only when scraped.
 * Registered in a prom-client Registry like any metric (it reads `name`, `help`, `type` and `get()`).
 */
interface Series {
  labels: Record<string, string>
  /** Observations per bucket (not cumulative); the last slot is above the largest bound. */
  counts: number[]
  sum: number
  count: number
}

export class RequestHistogram {
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  private series = new Map<string, Series>()

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: number[],
  ) {}

  observe(method: string, route: string, status: number, seconds: number) {
    const key = `${method} ${status} ${route}`
    let s = this.series.get(key)
    if (!s) {
      s = {
        labels: { method, route, status: String(status) },
        counts: new Array(this.buckets.length + 1).fill(0),
        sum: 0,
        count: 0,
      }
      this.series.set(key, s)
    }
    let i = 0
    while (i < this.buckets.length && seconds > this.buckets[i]!) i++
    s.counts[i]!++
    s.sum += seconds
    s.count++
  }

  get() {
    const values: Array<{
      metricName: string
      labels: Record<string, string | number>
      sharedLabels: Record<string, string>
      value: number
    }> = []
    for (const s of this.series.values()) {
      let cumulative = 0
      this.buckets.forEach((le, i) => {
        cumulative += s.counts[i]!
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { le },
          sharedLabels: s.labels,
          value: cumulative,
        })
      })
      values.push({
        metricName: `${this.name}_bucket`,
        labels: { le: '+Inf' },
        sharedLabels: s.labels,
        value: s.count,
      })
      values.push({ metricName: `${this.name}_sum`, labels: {}, sharedLabels: s.labels, value: s.sum })
      values.push({ metricName: `${this.name}_count`, labels: {}, sharedLabels: s.labels, value: s.count })
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator }
  }

  reset() {
    this.series.clear()
  }
}
